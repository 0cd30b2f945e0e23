"""The generated service records: deterministic, at the stated rates, internally consistent and
written for the organisation responsible for each home on each record's date."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from tenantry.core.deadlines import answered_within_code
from tenantry.demo.generate import generate
from tenantry.demo.records import generate_records, period_start
from tenantry.homes.models import Coverage, Estate, Home, Household, StockType
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.records.models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    SafetyRequirement,
    Void,
)

AS_OF = date(2026, 11, 22)
AWAABS_LAW = date(2025, 10, 27)
RECORDS = (
    Repair,
    Void,
    RentPeriod,
    Complaint,
    AsbCase,
    SafetyRequirement,
    SafetyCheck,
    DecentHomesStatus,
    EstateInspection,
)
pytestmark = pytest.mark.django_db


def _local(moment) -> date:
    return timezone.localtime(moment).date()


def _years(years: int) -> float:
    """How many years the generated period spans: whole years and the current part-year."""
    return ((AS_OF - period_start(AS_OF, years)).days + 1) / 365.25


def _snapshot() -> dict:
    return {
        "repairs": list(
            Repair.objects.order_by("reference").values_list(
                "organisation__slug", "reference", "home__reference", "block__reference",
                "priority__code", "status", "trade", "reported_at", "completed_at",
                "appointment_at", "appointment_kept", "cost", "satisfaction", "hazard",
                "investigated_at", "safety_work_done_on",
            )
        ),
        "voids": list(Void.objects.order_by("reference").values_list(
            "organisation__slug", "reference", "home__reference", "reason", "tenancy_ended_on",
            "keys_returned_on", "ready_to_let_on", "new_tenancy_started_on", "major_works",
        )),
        "rent": list(RentPeriod.objects.order_by("reference").values_list(
            "organisation__slug", "reference", "starts_on", "ends_on", "rent_due", "collected",
            "written_off", "arrears_carried_forward",
        )),
        "complaints": list(Complaint.objects.order_by("reference").values_list(
            "reference", "home__reference", "received_on", "stage1_responded_on", "escalated_on",
            "outcome", "referred_to_ombudsman_on",
        )),
        "asb": list(AsbCase.objects.order_by("reference").values_list(
            "reference", "opened_on", "closed_on", "is_hate_incident"
        )),
        "safety": list(SafetyCheck.objects.order_by("reference").values_list(
            "reference", "kind", "due_on", "done_on", "outcome"
        )),
        "requirements": sorted(SafetyRequirement.objects.values_list(
            "organisation__slug", "kind", "home__reference", "block__reference", "required_from"
        ), key=str),
        "decent": list(DecentHomesStatus.objects.order_by("reference").values_list(
            "reference", "home__reference", "meets_standard", "since"
        )),
        "inspections": list(EstateInspection.objects.order_by("reference").values_list(
            "reference", "estate__reference", "inspected_on", "inspector_name", "cleanliness"
        )),
    }  # fmt: skip


def _generate_and_snapshot(seed: int) -> dict:
    """Generate a landlord with records, snapshot them, and roll the whole thing back."""
    with transaction.atomic():
        generate(homes=300, years=2, seed=seed, as_of=AS_OF, demo_users=False, records=True)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_and_day_give_the_same_records():
    first = _generate_and_snapshot(5)
    assert all(first.values()), {kind: len(rows) for kind, rows in first.items()}
    assert _generate_and_snapshot(5) == first
    assert _generate_and_snapshot(6) != first


def _repair_moments_as_at(now: datetime) -> list[tuple]:
    """Generate a landlord's records as they stand at `now`, list each repair's moments, and
    roll the whole thing back."""
    with transaction.atomic():
        generate(homes=600, years=1, seed=13, as_of=AS_OF, demo_users=False)
        council = Organisation.objects.get(slug="northbrook-council")
        generate_records(landlord=council, seed=13, as_of=AS_OF, years=1, now=now)
        rows = list(
            Repair.objects.order_by("reference").values_list(
                "reference", "reported_at", "completed_at", "investigated_at", "made_safe_at"
            )
        )
        transaction.set_rollback(True)
    return rows


def test_records_made_during_their_last_day_stop_at_the_moment_they_are_made():
    midnight = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=ZoneInfo("Europe/London"))
    six_am = midnight + timedelta(hours=6)
    at_six = _repair_moments_as_at(six_am)
    at_the_end = _repair_moments_as_at(midnight + timedelta(days=3))  # the whole day is past

    # Made after the day, the records run to its end (reports at 18:00, jobs done at 15:00)...
    assert any(moment > six_am for row in at_the_end for moment in row[1:] if moment)
    # ...made at 06:00 that day, nothing is reported, investigated, made safe or done later.
    assert all(moment <= six_am for row in at_six for moment in row[1:] if moment)

    assert [row[0] for row in at_six] == [row[0] for row in at_the_end]  # the same repairs
    moved = 0
    for (_ref, reported, completed, *_), (_, reported_by_end, completed_by_end, *_) in zip(
        at_six, at_the_end, strict=True
    ):
        if reported_by_end < six_am:
            assert reported == reported_by_end
            if completed != completed_by_end:  # done later that day: still open at six
                assert completed is None and completed_by_end >= six_am
            continue
        # Reported later that day: at the same share of the six hours gone, to the minute
        # (November is on GMT, so London's minutes are UTC's). 18:00 becomes 04:30.
        moved += 1
        minutes = (reported_by_end - midnight) // timedelta(minutes=1)
        assert reported == midnight + timedelta(minutes=minutes // 4)
        assert completed is None or completed <= six_am
    assert moved, "no repair was reported after six that day"


def test_the_councils_repair_priorities():
    generate(homes=100, years=1, seed=1, as_of=AS_OF, demo_users=False, records=True)
    priorities = {
        p.code: (p.target_amount, p.target_unit, p.is_emergency)
        for p in RepairPriority.objects.filter(landlord__slug="northbrook-council")
    }
    assert priorities == {
        "E": (24, "hours", True),
        "U": (5, "working_days", False),
        "R": (20, "working_days", False),
        "P": (90, "calendar_days", False),
    }


def test_records_come_at_the_stated_rates():
    years = 2
    generate(homes=1000, years=years, seed=8, as_of=AS_OF, demo_users=False, records=True)
    span = _years(years)
    homes = Home.objects.count()
    rented = Home.objects.filter(stock_type=StockType.LOW_COST_RENTAL).count()

    # Repairs: about 3 responsive repairs a year per rented home, 10/30/60 by priority.
    responsive = Repair.objects.filter(kind="responsive", home__stock_type="lcra")
    assert 2.6 < responsive.count() / rented / span < 3.4
    by_priority = dict(
        responsive.exclude(trade="damp_mould")
        .values_list("priority__code")
        .annotate(n=Count("pk"))
        .values_list("priority__code", "n")
    )
    total = sum(by_priority.values())
    assert abs(by_priority["E"] / total - 0.10) < 0.02
    assert abs(by_priority["U"] / total - 0.30) < 0.03
    assert abs(by_priority["R"] / total - 0.60) < 0.03
    assert 0 < Repair.objects.filter(kind="planned").count() < 0.1 * responsive.count()
    statuses = dict(Repair.objects.values_list("status").annotate(n=Count("pk")))
    everything = sum(statuses.values())
    assert 0.015 < statuses["cancelled"] / everything < 0.035
    assert 0.005 < statuses["reclassified"] / everything < 0.015
    assert 0 < statuses["open"] / everything < 0.05
    assert len(set(Repair.objects.values_list("trade", flat=True))) == len(Repair.Trade)

    # Completed within target: 85–95% overall, and the co-operative beats the council.
    def on_time(**filters) -> float:
        done = Repair.objects.filter(
            status="completed", kind="responsive", **filters
        ).select_related("priority")
        met = [r.priority.timescale.met(r.reported_at, r.completed_at) for r in done]
        return sum(met) / len(met)

    assert 0.82 < on_time(priority__is_emergency=False) < 0.96
    assert 0.85 < on_time(priority__is_emergency=True) < 0.99
    assert on_time(organisation__slug="brookfield-tmc", priority__is_emergency=False) > on_time(
        organisation__slug="northbrook-council", priority__is_emergency=False
    )
    completed = Repair.objects.filter(status="completed")
    kept = Repair.objects.exclude(appointment_kept=None)
    assert 0.85 < kept.filter(appointment_kept=True).count() / kept.count() < 0.95
    assert 0.72 < completed.filter(right_first_time=True).count() / completed.count() < 0.88
    rated = completed.exclude(satisfaction=None)
    assert 0.26 < rated.count() / completed.count() < 0.34
    assert rated.filter(satisfaction__gte=4).count() > 0.6 * rated.count()
    assert not completed.filter(cost=None).exists()
    assert not Repair.objects.exclude(status="completed").exclude(completed_at=None).exists()

    # Complaints: about 40 a year per 1,000 homes, 15% escalated, mostly on time.
    complaints = Complaint.objects.all()
    per_1000 = complaints.count() / homes * 1000 / span
    assert 28 < per_1000 < 52
    escalated = complaints.exclude(escalated_on=None).count()
    assert 0.08 < escalated / complaints.count() < 0.22
    assert complaints.exclude(referred_to_ombudsman_on=None).count() < 0.05 * complaints.count()
    answered = complaints.exclude(stage1_responded_on=None)
    in_time = [
        answered_within_code(1, c.received_on, c.stage1_acknowledged_on, c.stage1_responded_on)
        for c in answered
    ]
    assert 0.7 < sum(in_time) / len(in_time) < 0.97  # some late, some only with the extension
    assert answered.filter(stage1_extension_days__gt=0).exists()

    # ASB: about 30 a year per 1,000 homes, a few hate incidents, most closed.
    cases = AsbCase.objects.all()
    assert 20 < cases.count() / homes * 1000 / span < 40
    assert 0 < cases.filter(is_hate_incident=True).count() < 0.12 * cases.count()
    assert cases.exclude(closed_on=None).count() > 0.85 * cases.count()

    # Rent: one row per household per quarter it was there, most of the rent collected.
    rent = RentPeriod.objects.aggregate(due=Sum("rent_due"), collected=Sum("collected"))
    assert 0.965 < rent["collected"] / rent["due"] < 0.995
    # Households there throughout: a row for each quarter from April 2025 to 22 November 2026.
    throughout = Household.objects.filter(
        ended_on=None, home__stock_type="lcra", started_on__lt=period_start(AS_OF, years)
    )
    quarters = 4 * (years - 1) + 3
    assert RentPeriod.objects.filter(household__in=throughout).count() == (
        quarters * throughout.count()
    )
    assert not RentPeriod.objects.exclude(household__home__stock_type="lcra").exists()
    weekly = [
        r.rent_due / 13
        for r in RentPeriod.objects.filter(starts_on=date(2026, 7, 1), ends_on=date(2026, 9, 30))
    ]
    assert min(weekly) > 85 and max(weekly) < 155

    # Safety: gas for about 85% of rented homes; nearly every check done on time.
    gas = SafetyRequirement.objects.filter(kind="gas").values("home").distinct().count()
    assert 0.8 < gas / rented < 0.9
    assert set(SafetyRequirement.objects.values_list("kind", flat=True)) == {
        "gas", "fire", "asbestos", "water", "lift"
    }  # fmt: skip
    due = SafetyCheck.objects.filter(due_on__lte=AS_OF).exclude(outcome="no_access")
    done_in_time = sum(1 for c in due if c.done_on and c.done_on <= c.due_on)
    assert 0.97 < done_in_time / due.count() < 1
    assert SafetyCheck.objects.filter(done_on=None).exists()  # some still to do

    # Decent Homes: every rented home has a status; a few are not decent.
    assert DecentHomesStatus.objects.values("home").distinct().count() == rented
    latest = {}
    for home, meets in DecentHomesStatus.objects.order_by("since").values_list(
        "home", "meets_standard"
    ):
        latest[home] = meets
    assert 0.02 < list(latest.values()).count(False) / rented < 0.14
    assert DecentHomesStatus.objects.count() > rented  # some changed during the period

    # Estate inspections: one a month on each estate.
    months = 12 * (years - 1) + 8  # April 2025 to November 2026
    per_estate = EstateInspection.objects.values("estate").annotate(n=Count("pk"))
    assert {row["n"] for row in per_estate} <= {months - 1, months}
    assert per_estate.count() == Estate.objects.count()
    kinds = set(EstateInspection.objects.values_list("inspector_kind", flat=True))
    assert kinds == {"staff", "tenant"}


def test_rent_arithmetic_holds_on_every_row_and_from_one_period_to_the_next():
    generate(homes=400, years=3, seed=9, as_of=AS_OF, demo_users=False, records=True)
    by_household = defaultdict(list)
    for period in RentPeriod.objects.order_by("starts_on"):
        period.clean()  # the model's own check: carried = brought + due − collected − written off
        assert period.arrears_carried_forward == (
            period.arrears_brought_forward + period.rent_due - period.collected - period.written_off
        )
        assert period.starts_on <= period.ends_on <= AS_OF
        assert period.rent_due > 0 and period.collected >= 0 and period.written_off >= 0
        by_household[period.household_id].append(period)
    assert RentPeriod.objects.filter(written_off__gt=0).exists()
    assert RentPeriod.objects.filter(arrears_carried_forward__gt=0).exists()
    households = Household.objects.in_bulk(list(by_household))
    for household_id, periods in by_household.items():
        household = households[household_id]
        first = max(household.started_on, period_start(AS_OF, 3))
        assert periods[0].starts_on == first
        assert periods[-1].ends_on == (household.ended_on or AS_OF)
        for before, after in zip(periods, periods[1:], strict=False):
            assert after.starts_on == before.ends_on + timedelta(days=1)
            assert after.arrears_brought_forward == before.arrears_carried_forward


def test_voids_follow_the_households_with_their_dates_in_order():
    generate(homes=600, years=3, seed=10, as_of=AS_OF, demo_users=False, records=True)
    voids = {(v.home_id, v.tenancy_ended_on): v for v in Void.objects.all()}
    ended = Household.objects.filter(home__stock_type="lcra").exclude(ended_on=None)
    assert len(voids) == Void.objects.count() == ended.count() > 0
    for household in ended:
        void = voids[(household.home_id, household.ended_on)]
        following = (
            Household.objects.filter(home=household.home_id, started_on__gt=household.ended_on)
            .order_by("started_on")
            .first()
        )
        assert void.new_tenancy_started_on == (following.started_on if following else None)
        steps = [
            void.tenancy_ended_on,
            void.keys_returned_on,
            void.works_started_on,
            void.works_completed_on,
            void.ready_to_let_on,
            void.new_tenancy_started_on,
        ]
        known = [day for day in steps if day is not None]
        assert known == sorted(known)
        assert known[-1] <= AS_OF
        if void.keys_returned_on:
            assert (void.keys_returned_on - void.tenancy_ended_on).days <= 7
    major = Void.objects.filter(major_works=True).count()
    assert 0 < major < 0.12 * len(voids)
    assert len(set(Void.objects.values_list("reason", flat=True))) >= 5


def _hand_over_some_estates(council: Organisation) -> dict[str, date]:
    """Change who manages some homes in the middle of the period, three ways."""
    changes = {"tmo_to_tmo": date(2025, 9, 30), "tmc_to_council": date(2026, 2, 14)}
    kingsmead = ManagementAgreement.objects.get(organisation__slug="kingsmead-tmo")
    marsh = ManagementAgreement.objects.get(organisation__slug="marsh-lane-emb")
    brookfield = ManagementAgreement.objects.get(organisation__slug="brookfield-tmc")
    # One of Kingsmead's estates moves to Marsh Lane.
    estate = Coverage.objects.filter(agreement=kingsmead).order_by("home_id").first().home.estate
    moving = Coverage.objects.filter(agreement=kingsmead, home__estate=estate)
    moving.update(ends_on=changes["tmo_to_tmo"])
    Coverage.objects.bulk_create(
        Coverage(agreement=marsh, home_id=c.home_id, starts_on=changes["tmo_to_tmo"] + timedelta(1))
        for c in moving
    )
    # Brookfield hands its homes back to the council.
    Coverage.objects.filter(agreement=brookfield).update(ends_on=changes["tmc_to_council"])
    # A council estate joins Kingsmead.
    joined = date(2025, 6, 1)
    covered = Coverage.objects.values("home_id")
    council_estate = (
        Estate.objects.filter(landlord=council).exclude(homes__in=covered).order_by("pk").first()
    )
    Coverage.objects.bulk_create(
        Coverage(agreement=kingsmead, home=home, starts_on=joined)
        for home in council_estate.homes.all()
    )
    changes["council_to_tmo"] = joined
    return changes


def test_every_record_belongs_to_the_organisation_responsible_on_its_date():
    years = 2
    generate(homes=1000, years=years, seed=11, as_of=AS_OF, demo_users=False)
    council = Organisation.objects.get(slug="northbrook-council")
    _hand_over_some_estates(council)
    generate_records(landlord=council, seed=11, as_of=AS_OF, years=years)

    spans = defaultdict(list)
    for home, starts, ends, organisation in Coverage.objects.values_list(
        "home_id", "starts_on", "ends_on", "agreement__organisation_id"
    ):
        spans[home].append((starts, ends, organisation))
    runs = defaultdict(set)  # what each organisation runs under its agreements
    for organisation, services in ManagementAgreement.objects.values_list(
        "organisation_id", "services"
    ):
        runs[organisation].update(services)

    # A service the managing organisation does not run stays with the council.
    service_of = {
        Repair: "repairs", Void: "voids_lettings", RentPeriod: "rent_collection",
        Complaint: "complaints", AsbCase: "asb", SafetyCheck: "building_safety",
        SafetyRequirement: "building_safety", DecentHomesStatus: "repairs",
        EstateInspection: "caretaking",
    }  # fmt: skip

    def responsible(home: int, day: date, service: str) -> int:
        for starts, ends, organisation in spans[home]:
            if starts <= day and (ends is None or day <= ends):
                return organisation if service in runs[organisation] else council.pk
        return council.pk

    first_home_of_block, first_home_of_estate = {}, {}
    for pk, block, estate in Home.objects.order_by("pk").values_list("pk", "block", "estate"):
        first_home_of_block.setdefault(block, pk)
        first_home_of_estate.setdefault(estate, pk)

    checked = defaultdict(set)  # model: the organisations seen

    def check(model, organisation, home, *days):
        for day in days:
            if day is not None:
                expected = responsible(home, day, service_of[model])
                assert organisation == expected, (model.__name__, home, day)
        checked[model].add(organisation)

    for org, home, block, reported in Repair.objects.values_list(
        "organisation", "home", "block", "reported_at"
    ):
        check(Repair, org, home or first_home_of_block[block], _local(reported))
    for org, home, ended in Void.objects.values_list("organisation", "home", "tenancy_ended_on"):
        check(Void, org, home, ended)
    for org, home, starts, ends in RentPeriod.objects.values_list(
        "organisation", "household__home", "starts_on", "ends_on"
    ):
        check(RentPeriod, org, home, starts, ends)
    for org, home, received in Complaint.objects.values_list("organisation", "home", "received_on"):
        check(Complaint, org, home, received)
    for org, home, estate, opened in AsbCase.objects.values_list(
        "organisation", "home", "estate", "opened_on"
    ):
        check(AsbCase, org, home or first_home_of_estate[estate], opened)
    for org, home, block, due in SafetyCheck.objects.values_list(
        "organisation", "home", "block", "due_on"
    ):
        check(SafetyCheck, org, home or first_home_of_block[block], due)
    for org, home, block, since, until in SafetyRequirement.objects.values_list(
        "organisation", "home", "block", "required_from", "required_until"
    ):
        check(SafetyRequirement, org, home or first_home_of_block[block], since, until)
    for org, home, since in DecentHomesStatus.objects.values_list("organisation", "home", "since"):
        check(DecentHomesStatus, org, home, since)
    for org, estate, day in EstateInspection.objects.values_list(
        "organisation", "estate", "inspected_on"
    ):
        check(EstateInspection, org, first_home_of_estate[estate], day)

    for model in (Repair, RentPeriod, SafetyCheck, DecentHomesStatus):
        runners = {o for o, services in runs.items() if service_of[model] in services}
        assert checked[model] == runners | {council.pk}, model.__name__
    assert Organisation.objects.get(slug="marsh-lane-emb").pk not in checked[RentPeriod]
    # Rent accounts are split where the manager changed; the arrears carry across.
    brookfield = Organisation.objects.get(slug="brookfield-tmc")
    split = RentPeriod.objects.filter(organisation=brookfield, ends_on=date(2026, 2, 14))
    assert split.exists()
    for before in split:
        after = RentPeriod.objects.get(
            household=before.household_id, starts_on=date(2026, 2, 15), organisation=council
        )
        assert after.arrears_brought_forward == before.arrears_carried_forward


def test_awaabs_law_hazards_only_for_damp_and_mould_reported_from_27_october_2025():
    generate(homes=1000, years=2, seed=12, as_of=AS_OF, demo_users=False, records=True)
    damp = Repair.objects.filter(trade="damp_mould")
    hazards = damp.exclude(hazard="")
    assert hazards.filter(hazard="significant").count() > 10
    assert hazards.filter(hazard="emergency").exists()
    assert not Repair.objects.exclude(trade="damp_mould").exclude(hazard="").exists()
    for repair in damp:
        reported_on = _local(repair.reported_at)
        if repair.hazard == "":
            assert not (repair.investigated_at or repair.summary_sent_on or repair.made_safe_at)
            continue
        assert reported_on >= AWAABS_LAW
        assert (repair.priority.code == "E") == (repair.hazard == "emergency")
        if repair.hazard == "emergency":
            if repair.made_safe_at:
                assert repair.reported_at <= repair.investigated_at <= repair.made_safe_at
                assert repair.completed_at == repair.made_safe_at
            continue
        # A completed hazard repair has each step's date or the reason one is missing.
        assert repair.status != "completed" or repair.missing_hazard_dates() == {}
        if repair.investigated_at is None:
            assert repair.status == "open" or repair.hazard_dates_reason
            continue
        investigated_on = _local(repair.investigated_at)
        assert repair.reported_at <= repair.investigated_at
        for later in (
            repair.summary_sent_on,
            repair.safety_work_done_on,
            repair.further_works_started_on,
        ):
            assert later is None or investigated_on <= later <= AS_OF
        if repair.status == "completed" and repair.safety_work_done_on:
            assert _local(repair.completed_at) == repair.safety_work_done_on
    # Some are late against the regulations' timescales, most are not.
    late = [
        r
        for r in hazards.filter(hazard="significant").exclude(investigated_at=None)
        if (_local(r.investigated_at) - _local(r.reported_at)).days > 14
    ]
    assert 0 < len(late) < 0.3 * hazards.count()
    # A few closed with the reason their dates are missing: no access, or no hazard found.
    reasons = set(hazards.exclude(hazard_dates_reason="").values_list("hazard_dates_reason"))
    assert any("access" in r for (r,) in reasons)
    assert any("No hazard found" in r for (r,) in reasons)


def test_no_records_option_creates_none():
    call_command(
        "generate", "--homes", "100", "--years", "1", "--as-of", "2026-11-22",
        "--no-users", "--no-records", stdout=StringIO(),
    )  # fmt: skip
    assert Home.objects.count() == 100
    for model in (RepairPriority, *RECORDS):
        assert not model.objects.exists(), model.__name__


def test_the_generate_command_makes_records_unless_told_not_to():
    out = StringIO()
    call_command(
        "generate", "--homes", "100", "--years", "1", "--as-of", "2026-11-22", "--no-users",
        stdout=out,
    )  # fmt: skip
    out = out.getvalue()
    assert "repairs" in out and "rent periods" in out
    for model in RECORDS:
        assert model.objects.exists(), model.__name__


def test_the_demo_command_can_leave_records_out():
    call_command("demo", "--homes", "100", "--no-records", stdout=StringIO())
    assert Home.objects.count() == 100
    assert not Repair.objects.exists()
