"""Every calculator against a small estate whose figures are worked out by hand.

The TMO manages, through the financial year 2025/26 (1 April 2025 to 31 March 2026):
  A, B, C  low-cost rental homes, in block K (A, B) and a house (C)
  S        a shared-ownership (low-cost home ownership) home
  L        a leasehold home (not TSM stock)
  X        a low-cost rental home that left the agreement on 30 September 2025
The landlord also manages D, a low-cost rental home no agreement covers.
So on 31 March 2026 the TMO has 4 relevant homes (A, B, C, S) and the landlord 6 (A, B, C, S,
X, D): X is back with the landlord.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tenantry.core.deadlines import LONDON
from tenantry.core.periods import Period, financial_year, quarter
from tenantry.homes.models import Home
from tenantry.homes.tests.factories import BlockFactory, CoverageFactory, EstateFactory, HomeFactory
from tenantry.indicators.calculators import Subject, calculate, evidence, snapshot_day
from tenantry.indicators.models import Indicator, Scope
from tenantry.records.models import Complaint, EstateInspection, Repair, SafetyCheck, Void
from tenantry.records.tests.factories import (
    AsbCaseFactory,
    ComplaintFactory,
    DecentHomesStatusFactory,
    EstateInspectionFactory,
    RentPeriodFactory,
    RepairFactory,
    RepairPriorityFactory,
    SafetyCheckFactory,
    SafetyRequirementFactory,
    VoidFactory,
)

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")


class Place:
    def __init__(self, cast):
        self.landlord, self.tmo, self.agreement = cast.landlord, cast.tmo, cast.agreement
        # The cast's own two homes are moved off the agreement so only ours are counted.
        cast.agreement.coverage.all().delete()
        self.estate = EstateFactory(landlord=self.landlord, name="Riverside")
        self.block = BlockFactory(estate=self.estate, name="K")

        def home(name, *, block=None, tenure="secure", stock="lcra", until=None, covered=True):
            made = HomeFactory(
                estate=self.estate, block=block, address=name, tenure=tenure, stock_type=stock
            )
            if covered:
                CoverageFactory(agreement=self.agreement, home=made, ends_on=until)
            return made

        self.a = home("A", block=self.block)
        self.b = home("B", block=self.block)
        self.c = home("C")
        self.s = home("S", tenure="shared_ownership", stock="lcho")
        self.l = home("L", tenure="leasehold", stock="other")
        self.x = home("X", until=date(2025, 9, 30))
        self.d = home("D", covered=False)
        # The cast's homes belong to the landlord too: give them no stock type that counts.
        Home.objects.filter(estate=cast.estate).update(stock_type="other")

    def tmo_subject(self, stock_type=""):
        return Subject(Scope.ORGANISATION, self.tmo, None, stock_type)


@pytest.fixture
def place(cast):
    return Place(cast)


def measure(code, subject, period=YEAR):
    return calculate(Indicator.objects.get(code=code, organisation=None), subject, period)


def figures(code, subject, period=YEAR):
    found = measure(code, subject, period)
    return found.numerator, found.denominator, found.value


def at(*args):
    return datetime(*args, tzinfo=LONDON)


# --- RP02: repairs completed within target ----------------------------------------------------


@pytest.fixture
def repairs(place):
    emergency = RepairPriorityFactory(
        landlord=place.landlord, code="E", name="Emergency", target_amount=24,
        target_unit="hours", is_emergency=True,
    )  # fmt: skip
    urgent = RepairPriorityFactory(landlord=place.landlord)  # 5 working days

    def repair(priority, reported, completed=None, **fields):
        status = Repair.Status.COMPLETED if completed else Repair.Status.OPEN
        return RepairFactory(
            organisation=place.tmo, home=place.a, priority=priority, reported_at=reported,
            completed_at=completed, status=fields.pop("status", status), **fields,
        )  # fmt: skip

    # Emergency: 23 hours (on time) and 25 hours (late).
    repair(emergency, at(2025, 6, 2, 10), at(2025, 6, 3, 9))
    repair(emergency, at(2025, 6, 2, 10), at(2025, 6, 3, 11))
    # Urgent from Friday 19 December 2025: due Tuesday 30 December (Christmas and Boxing Day
    # are bank holidays). Done on the 30th is on time; on the 31st is late.
    repair(urgent, at(2025, 12, 19, 10), at(2025, 12, 30, 16))
    repair(urgent, at(2025, 12, 19, 10), at(2025, 12, 31, 9))
    # Reported in the previous year, completed in this one: counts this year (on time).
    repair(urgent, at(2025, 3, 28, 10), at(2025, 4, 1, 9))
    # Completed at 23:30 on 31 March 2026 (BST): this year, late (reported 1 March).
    repair(urgent, at(2026, 3, 1, 10), at(2026, 3, 31, 23, 30))
    # Completed at 00:30 on 1 April 2026, its due day: next year, on time.
    repair(urgent, at(2026, 3, 25, 10), at(2026, 4, 1, 0, 30))
    # Not completed: cancelled, reclassified, open, and a planned job.
    repair(urgent, at(2025, 7, 1, 10), status=Repair.Status.CANCELLED)
    repair(urgent, at(2025, 7, 1, 10), status=Repair.Status.RECLASSIFIED)
    repair(urgent, at(2025, 7, 1, 10))
    repair(urgent, at(2025, 7, 1, 10), at(2025, 7, 2, 10), kind=Repair.Kind.PLANNED)


def test_rp02_counts_repairs_completed_in_the_year_against_their_target(place, repairs):
    # Non-emergency: 19 Dec → 30 Dec, 28 Mar → 1 Apr on time; 31 Dec and 31 Mar late.
    assert figures("RP02-1", place.tmo_subject()) == (Decimal(2), Decimal(4), Decimal(50))
    assert figures("RP02-2", place.tmo_subject()) == (Decimal(1), Decimal(2), Decimal(50))


def test_a_repair_completed_after_midnight_on_31_march_counts_next_year(place, repairs):
    next_year = financial_year("2026/27")

    assert figures("RP02-1", place.tmo_subject(), next_year) == (1, 1, 100)


def test_best_value_repairs_in_time_counts_every_priority(place, repairs):
    assert figures("BV-REP-TIME", place.tmo_subject()) == (3, 6, Decimal(50))


def test_evidence_lists_the_late_repairs(place, repairs):
    indicator = Indicator.objects.get(code="RP02-2")

    found = evidence(indicator, place.tmo_subject(), YEAR)

    assert found.counted.count() == 1
    assert [r.completed_at for r in found.missed] == [at(2025, 6, 3, 11)]


def test_an_empty_period_has_no_figure_not_zero(place, repairs):
    empty = financial_year("2019/20")

    assert figures("RP02-1", place.tmo_subject(), empty) == (0, 0, None)


def test_average_repair_time_in_days(place):
    urgent = RepairPriorityFactory(landlord=place.landlord)
    for days in (1, 2, 6):
        RepairFactory(
            organisation=place.tmo, home=place.c, priority=urgent,
            reported_at=at(2025, 5, 1, 9), completed_at=at(2025, 5, 1 + days, 9),
            status=Repair.Status.COMPLETED,
        )  # fmt: skip

    assert figures("BV-REP-DAYS", place.tmo_subject()) == (9, 3, 3)


# --- CH01 and CH02: complaints ----------------------------------------------------------------


@pytest.fixture
def complaints(place):
    def complaint(home, received, **fields):
        return ComplaintFactory(organisation=place.tmo, home=home, received_on=received, **fields)

    # Stage 1, received Monday 2 June 2025 and acknowledged Wednesday 4 June: the answer is
    # due 10 working days later, Wednesday 18 June.
    complaint(place.a, date(2025, 6, 2), stage1_acknowledged_on=date(2025, 6, 4),
              stage1_responded_on=date(2025, 6, 18))  # fmt: skip
    # With a 5-day extension the answer is due Wednesday 25 June: answered 24 June, in time
    # with the extension, late without it.
    complaint(place.s, date(2025, 6, 2), stage1_acknowledged_on=date(2025, 6, 4),
              stage1_extension_days=5, stage1_responded_on=date(2025, 6, 24))  # fmt: skip
    # About the estate, no home: counts; never answered: late.
    complaint(None, date(2025, 8, 1), stage1_acknowledged_on=date(2025, 8, 4))
    # From the leaseholder: not TSM stock.
    complaint(place.l, date(2025, 8, 1))
    # From X while the TMO still managed it: counts, though X is gone by the year end.
    complaint(place.x, date(2025, 7, 1), stage1_acknowledged_on=date(2025, 7, 1),
              stage1_responded_on=date(2025, 7, 30))  # fmt: skip
    # Received in the previous year, escalated on Thursday 10 April 2025: a stage 2 complaint
    # of this year. Acknowledged 14 April; 20 working days (Good Friday 18 April and Easter
    # Monday 21 April are holidays, as is 5 May) fall due on Thursday 15 May; answered 14 May.
    complaint(place.b, date(2025, 3, 20), stage1_acknowledged_on=date(2025, 3, 21),
              stage1_responded_on=date(2025, 4, 2), escalated_on=date(2025, 4, 10),
              stage2_acknowledged_on=date(2025, 4, 14),
              stage2_responded_on=date(2025, 5, 14))  # fmt: skip


def test_ch01_counts_complaints_made_in_the_year_per_1000_homes_at_year_end(place, complaints):
    # Stage 1: A, S, the estate and X (not the leaseholder, nor B's from last year) = 4, over
    # the 4 relevant homes managed on 31 March 2026 (A, B, C, S).
    assert figures("CH01-1", place.tmo_subject()) == (4, 4, 1000)
    assert figures("CH01-2", place.tmo_subject()) == (1, 4, 250)


def test_ch01_is_split_by_stock_type(place, complaints):
    # Low-cost rental: A and X over A, B, C; home ownership: S over S.
    lcra = figures("CH01-1", place.tmo_subject("lcra"))
    assert lcra[:2] == (2, 3)
    assert lcra[2] == Decimal("666.6667")
    assert figures("CH01-1", place.tmo_subject("lcho")) == (1, 1, 1000)


def test_ch02_with_and_without_the_codes_extension(place, complaints):
    # With extensions: A and S in time; the estate's never answered; X (acknowledged 1 July,
    # due 15 July) answered 30 July, late: 2 of 4.
    assert figures("CH02-1", place.tmo_subject()) == (2, 4, 50)
    # Without extensions, S is late too: 1 of 4.
    assert figures("CH02-1N", place.tmo_subject()) == (1, 4, 25)
    # Stage 2: B's escalation answered on its due day.
    assert figures("CH02-2", place.tmo_subject()) == (1, 1, 100)


def test_ch02_evidence_lists_late_complaints(place, complaints):
    found = evidence(Indicator.objects.get(code="CH02-1"), place.tmo_subject(), YEAR)

    assert sorted(c.received_on for c in found.missed) == [date(2025, 7, 1), date(2025, 8, 1)]
    assert found.model is Complaint


# --- NM01: anti-social behaviour ------------------------------------------------------------


def test_nm01_counts_cases_opened_in_the_year_per_1000_homes(place):
    for opened, hate in [
        (date(2025, 4, 1), False), (date(2025, 9, 1), True), (date(2026, 3, 31), False),
        (date(2025, 3, 31), True),  # last year
    ]:  # fmt: skip
        AsbCaseFactory(organisation=place.tmo, estate=place.estate, opened_on=opened,
                       is_hate_incident=hate)  # fmt: skip

    assert figures("NM01-1", place.tmo_subject()) == (3, 4, 750)
    assert figures("NM01-2", place.tmo_subject()) == (1, 4, 250)


def test_nm01_counts_cases_on_the_same_relevant_stock_as_its_denominator(place):
    def case(home, *, hate=False):
        return AsbCaseFactory(organisation=place.tmo, estate=place.estate, home=home,
                              opened_on=date(2025, 6, 1), is_hate_incident=hate)  # fmt: skip

    on_rental = case(place.a)  # low-cost rental: counts
    on_shared = case(place.s, hate=True)  # low-cost home ownership: counts
    case(place.l, hate=True)  # the leaseholder's home: not TSM stock, like L in the denominator
    on_estate = case(None)  # about the estate, no home: the landlord's case, counts

    # 3 cases (A, S, the estate) over the 4 relevant homes on 31 March 2026 (A, B, C, S);
    # before, the leasehold case made it 4 over 4.
    assert figures("NM01-1", place.tmo_subject()) == (3, 4, 750)
    # Hate incidents: S's only (L's is not counted): 1 over 4.
    assert figures("NM01-2", place.tmo_subject()) == (1, 4, 250)
    # "Behind the figure" lists exactly the cases counted.
    found = evidence(Indicator.objects.get(code="NM01-1"), place.tmo_subject(), YEAR)
    assert set(found.counted) == {on_rental, on_shared, on_estate}
    assert not found.missed
    hate = evidence(Indicator.objects.get(code="NM01-2"), place.tmo_subject(), YEAR)
    assert list(hate.counted) == [on_shared]


@pytest.mark.parametrize("code", ["RP02-1", "CH01-1", "CH02-1", "NM01-1"])
def test_no_tsm_numerator_counts_records_on_a_leasehold_home(place, code):
    """Every TSM figure counted from records on homes uses the relevant-stock rule of its
    denominator: a record on the leaseholder's home changes neither figure nor evidence."""
    priority = RepairPriorityFactory(landlord=place.landlord)  # 5 working days

    def records(home):
        RepairFactory(organisation=place.tmo, home=home, priority=priority,
                      reported_at=at(2025, 6, 2, 10), completed_at=at(2025, 6, 3, 10),
                      status=Repair.Status.COMPLETED)  # fmt: skip
        ComplaintFactory(organisation=place.tmo, home=home, received_on=date(2025, 6, 2),
                         stage1_acknowledged_on=date(2025, 6, 3),
                         stage1_responded_on=date(2025, 6, 4))  # fmt: skip
        AsbCaseFactory(organisation=place.tmo, estate=place.estate, home=home,
                       opened_on=date(2025, 6, 1))  # fmt: skip

    records(place.a)
    indicator = Indicator.objects.get(code=code, organisation=None)
    before = figures(code, place.tmo_subject())
    assert before[0] == 1

    records(place.l)

    assert figures(code, place.tmo_subject()) == before
    found = evidence(indicator, place.tmo_subject(), YEAR)
    assert [record.home for record in found.counted] == [place.a]


def test_landlord_figures_count_all_its_homes_or_only_those_it_manages_itself(place):
    for organisation in (place.tmo, place.landlord):
        AsbCaseFactory(organisation=organisation, estate=place.estate, opened_on=date(2025, 6, 1))
    whole = Subject(Scope.LANDLORD_ALL, place.landlord)
    direct = Subject(Scope.LANDLORD_DIRECT, place.landlord)

    # Whole stock: both cases over A, B, C, S, X and D. Directly managed: its own case over X
    # (back with the landlord) and D.
    assert figures("NM01-1", whole)[:2] == (2, 6)
    assert figures("NM01-1", direct) == (1, 2, 500)


def test_a_zero_denominator_gives_no_figure(place):
    place.agreement.coverage.all().delete()
    AsbCaseFactory(organisation=place.tmo, estate=place.estate, opened_on=date(2025, 6, 1))

    assert figures("NM01-1", place.tmo_subject()) == (1, 0, None)


# --- RP01: Decent Homes -----------------------------------------------------------------------


@pytest.fixture
def decency(place):
    def status(home, meets, since):
        DecentHomesStatusFactory(organisation=place.landlord, home=home, meets_standard=meets,
                                 since=since)  # fmt: skip

    status(place.a, True, date(2020, 4, 1))
    status(place.b, False, date(2025, 5, 1))
    status(place.c, False, date(2024, 1, 1))
    status(place.c, True, date(2026, 1, 10))  # put right during the year
    status(place.b, True, date(2026, 4, 2))  # put right after the year end: B still fails
    # S has no status recorded.


def test_rp01_counts_homes_failing_at_year_end(place, decency):
    # Known at 31 March 2026: A decent, B not, C decent; S unknown and left out.
    assert figures("RP01", place.tmo_subject()) == (1, 3, Decimal("33.3333"))


def test_rp01_can_count_unknown_homes_as_failing(place, decency):
    Indicator.objects.filter(code="RP01").update(config={"unknown": "non_decent"})

    assert figures("RP01", place.tmo_subject()) == (2, 4, 50)


def test_rp01_at_a_quarter_end(place, decency):
    # 30 June 2025: B failing since May, C failing since 2024; A decent.
    q1 = quarter("2025/26", "Q1")

    assert figures("RP01", place.tmo_subject(), q1)[:2] == (2, 3)


# --- BS01–BS05: building safety -------------------------------------------------------------


def test_bs01_counts_homes_with_a_gas_check_carried_out_within_its_interval(place):
    for home in (place.a, place.b, place.c, place.s):
        SafetyRequirementFactory(organisation=place.tmo, home=home)  # gas, every 12 months

    def check(home, done_on, outcome):
        SafetyCheckFactory(organisation=place.tmo, home=home, due_on=done_on, done_on=done_on,
                           outcome=outcome)  # fmt: skip

    check(place.a, date(2025, 5, 1), SafetyCheck.Outcome.SATISFACTORY)  # valid on 31 March
    check(place.b, date(2025, 3, 15), SafetyCheck.Outcome.SATISFACTORY)  # expired 15 March
    check(place.c, date(2025, 12, 1), SafetyCheck.Outcome.NO_ACCESS)  # not carried out
    check(place.s, date(2026, 2, 1), SafetyCheck.Outcome.REMEDIAL)  # carried out: counts

    assert figures("BS01", place.tmo_subject()) == (2, 4, 50)
    found = evidence(Indicator.objects.get(code="BS01"), place.tmo_subject(), YEAR)
    assert sorted(h.address for h in found.missed) == ["B", "C"]


def test_bs05_counts_each_home_in_a_block_with_a_lift(place):
    SafetyRequirementFactory(organisation=place.tmo, home=None, block=place.block, kind="lift",
                             interval_months=6)  # fmt: skip
    SafetyCheckFactory(organisation=place.tmo, home=None, block=place.block, kind="lift",
                       due_on=date(2026, 1, 5), done_on=date(2026, 1, 5),
                       outcome=SafetyCheck.Outcome.SATISFACTORY)  # fmt: skip

    # A and B are in the block; the check is within six months of 31 March 2026.
    assert figures("BS05", place.tmo_subject()) == (2, 2, 100)
    # On 31 July 2026 it has lapsed.
    assert figures("BS05", place.tmo_subject(), quarter("2026/27", "Q2"))[:2] == (0, 2)


# --- Best Value: rent, re-let time ------------------------------------------------------------


def test_rent_collected_counts_rent_periods_ending_in_the_year(place):
    household = place.a.households.create(reference="T1", started_on=date(2015, 1, 1))

    def rent(starts, ends, due, paid):
        RentPeriodFactory(
            organisation=place.tmo, household=household, starts_on=starts, ends_on=ends,
            rent_due=Decimal(due), collected=Decimal(paid),
            arrears_carried_forward=Decimal(due) - Decimal(paid),
        )  # fmt: skip

    rent(date(2025, 3, 24), date(2025, 4, 6), "210.00", "210.00")  # ends in this year
    rent(date(2026, 3, 16), date(2026, 3, 29), "210.00", "189.00")
    rent(date(2026, 3, 30), date(2026, 4, 12), "210.00", "0.00")  # ends next year

    assert figures("BV66a", place.tmo_subject()) == (399, 420, 95)


def test_relet_time_follows_the_agreed_void_clock(place):
    def void(home, ended, let, **fields):
        VoidFactory(organisation=place.tmo, home=home, tenancy_ended_on=ended,
                    new_tenancy_started_on=let, **fields)  # fmt: skip

    void(place.a, date(2025, 6, 1), date(2025, 6, 2))  # Sunday to Monday: 0 days
    void(place.b, date(2025, 6, 30), date(2025, 7, 31), keys_returned_on=date(2025, 7, 7))  # 30
    void(place.c, date(2025, 5, 1), date(2025, 9, 1), major_works=True)  # left out
    void(place.s, date(2025, 5, 1), date(2025, 6, 1), reason=Void.Reason.DECANT)  # left out
    void(place.c, date(2026, 3, 1), date(2026, 4, 2))  # let next year

    assert figures("BV212", place.tmo_subject()) == (30, 2, 15)

    # The agreement says the clock starts when the keys come back: B is 23 days; A, with no
    # key date, is timed from the tenancy's end.
    place.agreement.void_clock_starts = "keys_returned"
    place.agreement.save()
    assert figures("BV212", place.tmo_subject()) == (23, 2, Decimal("11.5"))


# --- local: inspection scores -----------------------------------------------------------------


def test_a_local_indicator_averages_an_inspection_score(place):
    for score, day in ((4, date(2025, 5, 1)), (5, date(2025, 11, 1)), (1, date(2025, 3, 1))):
        EstateInspectionFactory(organisation=place.tmo, estate=place.estate, inspected_on=day,
                                graffiti=score, litter=3, lighting=3)  # fmt: skip
    local = Indicator.objects.create(
        organisation=place.tmo, code="GRAFFITI", name="Free of graffiti", unit="score",
        framework="local", source="inspections", config={"score": "graffiti"},
    )  # fmt: skip

    found = calculate(local, place.tmo_subject(), YEAR)

    assert (found.numerator, found.denominator, found.value) == (9, 2, Decimal("4.5"))
    assert evidence(local, place.tmo_subject(), YEAR).model is EstateInspection


def test_estate_figures_count_only_that_estate(place, repairs):
    elsewhere = EstateFactory(landlord=place.landlord)
    estate = Subject(Scope.ESTATE, place.tmo, place.estate)
    other = Subject(Scope.ESTATE, place.tmo, elsewhere)

    assert figures("RP02-2", estate)[:2] == (1, 2)
    assert figures("RP02-2", other) == (0, 0, None)


def test_hand_entered_indicators_are_not_computed(place):
    assert measure("TP01", place.tmo_subject()) is None


def test_a_period_still_running_counts_its_homes_as_they_stand_today():
    this_year = financial_year(timezone.localdate())

    assert snapshot_day(this_year, {}) == timezone.localdate()
    assert snapshot_day(YEAR, {}) == date(2026, 3, 31)


def test_a_complaint_still_within_its_time_is_not_counted_yet(place):
    today = timezone.localdate()
    ComplaintFactory(organisation=place.tmo, home=place.a, received_on=today)
    ComplaintFactory(organisation=place.tmo, home=place.b, received_on=today - timedelta(days=60))
    last_90_days = Period(today - timedelta(days=90), today, "the last 90 days", "quarter")

    # The one made 60 days ago and never answered is late; today's has weeks to go.
    assert figures("CH02-1", place.tmo_subject(), last_90_days) == (0, 1, 0)


# --- the records behind a figure: the same numbers, each group saying what it is ------------


def _behind(code, subject, period=YEAR):
    return evidence(Indicator.objects.get(code=code, organisation=None), subject, period)


def test_rp01_lists_the_homes_meeting_the_standard_in_the_bottom_number(place, decency):
    found = _behind("RP01", place.tmo_subject())

    # 1 of 3: B fails (top and bottom); A and C meet the standard (bottom only). Before, the
    # page said "homes the standard applies to: 1", as no home meeting it was listed.
    assert [h.address for h in found.counted] == ["B"]
    assert sorted(h.address for h in found.missed) == ["A", "C"]
    assert found.counted_group == ("Not meeting the standard", "counted in the top and bottom")
    assert found.missed_group == ("Meeting the standard", "counted in the bottom only")
    assert "1 homes have no Decent Homes status and are left out." in found.notes


def test_ch02_says_which_complaints_are_not_counted_yet(place):
    today = timezone.localdate()
    ComplaintFactory(organisation=place.tmo, home=place.a, received_on=today)
    ComplaintFactory(organisation=place.tmo, home=place.b, received_on=today - timedelta(days=60))
    last_90_days = Period(today - timedelta(days=90), today, "the last 90 days", "quarter")

    found = _behind("CH02-1", place.tmo_subject(), last_90_days)

    assert (found.counted.count(), found.missed.count()) == (0, 1)
    assert str(found.total_label) == "complaints answered, or not answered by their deadline"
    assert found.missed_group[0] == "Answered late, or not answered by the deadline"
    assert found.notes == [
        "1 complaints made in the period are still within their time: they are counted once "
        "they are answered or their deadline passes."
    ]


def test_every_share_counts_its_records_as_its_figure_does(place, repairs, decency):
    """The headline (stored by `calculate`) and "Behind the figure" (`evidence`) cannot
    disagree: for every share, the records in the top and bottom are the figure's top number,
    and with those in the bottom only, its bottom number."""
    for home in (place.a, place.b):
        SafetyRequirementFactory(organisation=place.tmo, home=home)
    SafetyCheckFactory(organisation=place.tmo, home=place.a, due_on=date(2025, 5, 1),
                       done_on=date(2025, 5, 1))  # fmt: skip
    ComplaintFactory(organisation=place.tmo, home=place.a, received_on=date(2025, 6, 2),
                     stage1_acknowledged_on=date(2025, 6, 3),
                     stage1_responded_on=date(2025, 6, 10))  # fmt: skip
    ComplaintFactory(organisation=place.tmo, home=place.b, received_on=date(2025, 6, 2))
    shares = 0
    for indicator in Indicator.objects.filter(organisation=None, source="records"):
        found = evidence(indicator, place.tmo_subject(), YEAR)
        assert found.measure == calculate(indicator, place.tmo_subject(), YEAR)
        assert found.counted_group[0] and found.counted_group[1], indicator.code
        if found.single:
            continue
        shares += 1
        counted, missed = found.counted.count(), found.missed.count()
        assert (counted, counted + missed) == (
            found.measure.numerator, found.measure.denominator
        ), indicator.code  # fmt: skip
        assert found.counted_group[1] == "counted in the top and bottom", indicator.code
        assert found.missed_group[1] == "counted in the bottom only", indicator.code
    assert shares >= 10  # RP02, BV repairs in time, CH02 (4), RP01, BS01–BS05
