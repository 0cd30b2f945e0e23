"""A resident reports a repair to their home, follows it, and rates it once it is done."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.organisations.tests.factories import AgreementFactory, RoleFactory
from tenantry.records.models import Repair, RepairPriority
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

LONDON = ZoneInfo("Europe/London")
# Friday 19 December 2025, the working week before Christmas.
FRIDAY_MORNING = datetime(2025, 12, 19, 10, 0, tzinfo=LONDON)
COMPLETED = datetime(2025, 12, 22, 14, 0, tzinfo=LONDON)

REPORT = {
    "trade": "plumbing",
    "description": "The kitchen tap drips all the time.",
    "emergency": "no",
    "damp_or_mould": "no",
}


@pytest.fixture
def scheme(cast) -> dict[str, RepairPriority]:
    """The landlord's priorities: emergency 24 hours, urgent 5 and routine 20 working days."""
    make = RepairPriorityFactory
    return {
        "emergency": make(
            landlord=cast.landlord, code="E", name="Emergency", target_amount=24,
            target_unit="hours", is_emergency=True,
        ),
        "urgent": make(
            landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
            target_unit="working_days",
        ),
        "routine": make(
            landlord=cast.landlord, code="R", name="Routine", target_amount=20,
            target_unit="working_days",
        ),
    }  # fmt: skip


@pytest.fixture
def resident(cast, client_as):
    return client_as(cast.people["resident"])


def url(cast, name: str, repair: Repair | None = None) -> str:
    args = [cast.tmo.slug] + ([repair.pk] if repair else [])
    return reverse(f"services:{name}", args=args)


def repair_of(cast, **fields) -> Repair:
    values = {"reported_at": FRIDAY_MORNING} | fields
    return RepairFactory(organisation=cast.tmo, home=cast.home, **values)


def completed_repair(cast, **fields) -> Repair:
    return repair_of(cast, status=Repair.Status.COMPLETED, completed_at=COMPLETED, **fields)


# --- reporting -------------------------------------------------------------------------------


def test_the_list_does_not_ask_about_repairs_finished_months_ago(cast, scheme, resident):
    # Completed in December 2025: too long ago to ask in the list; its own page still can.
    repair = completed_repair(cast, description="Fixed the gutter long ago")
    page = resident.get(url(cast, "my-repairs")).content.decode()
    assert "Fixed the gutter long ago" in page
    assert f'action="{url(cast, "rate-my-repair", repair)}"' not in page


def test_reporting_a_repair_records_it_to_the_residents_home_awaiting_triage(
    cast, scheme, resident
):
    response = resident.post(url(cast, "report-my-repair"), REPORT)

    repair = Repair.objects.get()
    assert response.status_code == 302
    assert response.url == url(cast, "my-repair-reported", repair)
    assert repair.organisation == cast.tmo
    assert repair.home == cast.home
    assert repair.reported_by == cast.people["resident"]
    assert repair.trade == "plumbing"
    assert repair.description == "The kitchen tap drips all the time."
    assert repair.priority is None  # staff give it one when they look at it
    assert repair.due_at is None
    assert repair.awaiting_triage
    assert repair.hazard == ""
    assert repair.status == Repair.Status.OPEN


def test_an_emergency_report_is_flagged_for_triage_and_the_resident_told_to_phone(
    cast, scheme, resident
):
    cast.tmo.phone = "020 7946 0000"
    cast.tmo.save()
    resident.post(url(cast, "report-my-repair"), REPORT | {"emergency": "yes"})

    repair = Repair.objects.get()
    assert repair.reported_as_emergency
    assert repair.priority is None
    page = resident.get(url(cast, "my-repair-reported", repair)).content.decode()
    assert "You told us this is an emergency. Phone us now on" in page
    assert 'href="tel:02079460000"' in page


def test_reporting_damp_or_mould_marks_a_significant_hazard_for_staff(cast, scheme, resident):
    resident.post(url(cast, "report-my-repair"), REPORT | {"damp_or_mould": "yes"})

    repair = Repair.objects.get()
    assert repair.hazard == Repair.Hazard.SIGNIFICANT
    assert repair.trade == "plumbing"  # what the resident chose stays; the hazard is separate
    page = resident.get(url(cast, "my-repair-reported", repair)).content.decode()
    assert "staff will come to inspect it" in page
    assert "within 10 working days" in page


def test_choosing_damp_and_mould_as_the_problem_is_a_significant_hazard(cast, scheme, resident):
    resident.post(url(cast, "report-my-repair"), REPORT | {"trade": "damp_mould"})

    assert Repair.objects.get().hazard == Repair.Hazard.SIGNIFICANT


def test_the_report_form_keeps_what_was_typed_and_says_what_is_missing(cast, scheme, resident):
    response = resident.post(
        url(cast, "report-my-repair"),
        {"trade": "heating", "description": "No hot water since Monday", "emergency": "no"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not Repair.objects.exists()
    assert "There is a problem" in page
    assert "Select yes if there is damp or mould in your home" in page
    assert "No hot water since Monday</textarea>" in page
    assert re.search(r'<input[^>]*value="heating"[^>]*checked', page)
    assert re.search(r'<input[^>]*name="emergency" value="no"[^>]*checked', page)
    assert not re.search(r'<input[^>]*name="emergency" value="yes"[^>]*checked', page)


def test_the_report_form_gives_emergency_guidance_and_the_organisations_number(
    cast, scheme, resident
):
    cast.tmo.phone = "020 7946 0000"
    cast.tmo.save()

    page = resident.get(url(cast, "report-my-repair")).content.decode()

    assert "Is anyone in danger, or could the home be damaged" in page
    assert "a gas smell, flooding" in page
    assert "no heating or hot water for someone elderly, ill, disabled or a baby" in page
    assert "phone us now on" in page
    assert 'href="tel:02079460000">020 7946 0000</a>' in page
    assert "0800 111 999" in page  # the National Gas Emergency Service


def test_a_landlord_without_repair_priorities_gets_a_phone_number_not_a_form(cast, resident):
    cast.tmo.phone = "020 7946 0000"
    cast.tmo.save()

    response = resident.get(url(cast, "report-my-repair"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Report a repair by phone" in page
    assert "020 7946 0000" in page
    assert "<form" not in page.split('id="main-content"')[1]
    assert resident.post(url(cast, "report-my-repair"), REPORT).status_code == 200
    assert not Repair.objects.exists()


def test_the_confirmation_gives_the_reference_and_when_to_expect_the_repair(cast, scheme, resident):
    repair = repair_of(cast, reference="WEB-R000007", priority=scheme["routine"])

    page = resident.get(url(cast, "my-repair-reported", repair)).content.decode()

    assert "WEB-R000007" in page
    # 20 working days from Friday 19 December 2025, skipping Christmas, Boxing Day, New Year's
    # Day and the weekends.
    assert "Wednesday 21 January 2026" in page


def test_an_emergency_is_due_at_a_time_and_the_resident_is_told_to_phone(cast, scheme, resident):
    repair = repair_of(cast, priority=scheme["emergency"])

    page = resident.get(url(cast, "my-repair-reported", repair)).content.decode()

    assert "10 a.m. on Saturday 20 December 2025" in page
    assert "You told us this is an emergency" in page


# --- following ------------------------------------------------------------------------------


def test_the_list_shows_this_homes_repairs_newest_first(cast, scheme, resident):
    older = repair_of(cast, description="Older: a loose stair rail", reported_at=FRIDAY_MORNING)
    newer = repair_of(
        cast,
        description="Newer: the front door sticks",
        reported_at=datetime(2026, 1, 5, 9, 0, tzinfo=LONDON),
    )
    neighbour = HomeFactory(estate=cast.estate, address="3 Mill Road")
    CoverageFactory(agreement=cast.agreement, home=neighbour)
    RepairFactory(organisation=cast.tmo, home=neighbour, description="The neighbour's boiler")

    page = resident.get(url(cast, "my-repairs")).content.decode()

    assert page.index(newer.description) < page.index(older.description)
    assert "The neighbour&#x27;s boiler" not in page


def test_the_list_asks_for_a_rating_of_finished_repairs_with_five_buttons(cast, scheme, resident):
    now = timezone.now()
    repair = repair_of(
        cast,
        description="Fixed the gutter",
        reported_at=now - timedelta(days=10),
        status=Repair.Status.COMPLETED,
        completed_at=now - timedelta(days=3),
    )

    page = resident.get(url(cast, "my-repairs")).content.decode()

    assert f'action="{url(cast, "rate-my-repair", repair)}"' in page
    for value, label in [(1, "Very dissatisfied"), (3, "Neither satisfied nor dissatisfied"),
                         (5, "Very satisfied")]:  # fmt: skip
        assert f'name="satisfaction" value="{value}"' in page
        assert f"{value} – {label}</button>" in page


def test_the_repairs_list_takes_the_same_queries_however_many_repairs(
    cast, scheme, resident, django_assert_num_queries
):
    for _ in range(3):
        repair_of(cast)
        completed_repair(cast)
    # Session, user, organisation (with the services its agreements delegate today), roles, the
    # resident's home, its coverage, the repairs; and whether the landlord has a scrutiny panel,
    # for the menu (then kept ten minutes).
    with django_assert_num_queries(8):
        assert resident.get(url(cast, "my-repairs")).status_code == 200


def test_the_progress_page_shows_the_timeline_in_words(cast, scheme, resident):
    repair = completed_repair(
        cast,
        priority=scheme["urgent"],
        appointment_at=datetime(2025, 12, 22, 9, 0, tzinfo=LONDON),
    )

    page = resident.get(url(cast, "my-repair", repair)).content.decode()

    assert "10 a.m. on Friday 19 December 2025" in page  # reported
    assert "9 a.m. on Monday 22 December 2025" in page  # the appointment
    assert "2 p.m. on Monday 22 December 2025" in page  # fixed
    assert "How satisfied are you with this repair?" in page


def test_a_late_repair_says_so(cast, scheme, resident):
    # Reported Friday 19 December 2025; 5 working days skip Christmas, Boxing Day and the weekend.
    repair = repair_of(cast, priority=scheme["urgent"])

    page = resident.get(url(cast, "my-repair", repair)).content.decode()

    assert "This is late. It should have been fixed by Tuesday 30 December 2025." in page


def test_another_homes_repair_is_hidden_on_every_page(cast, scheme, resident):
    neighbour = HomeFactory(estate=cast.estate)
    CoverageFactory(agreement=cast.agreement, home=neighbour)
    theirs = RepairFactory(
        organisation=cast.tmo, home=neighbour, status="completed", completed_at=COMPLETED
    )

    for name in ("my-repair", "my-repair-reported", "rate-my-repair", "my-repair-rated"):
        assert resident.get(url(cast, name, theirs)).status_code == 404, name
    rating = resident.post(url(cast, "rate-my-repair", theirs), {"satisfaction": 1})
    assert rating.status_code == 404
    theirs.refresh_from_db()
    assert theirs.satisfaction is None


def test_a_repair_to_the_home_recorded_by_another_organisation_is_hidden(cast, scheme, resident):
    elsewhere = RepairFactory(organisation=cast.other_tmo, home=cast.home)

    assert resident.get(url(cast, "my-repair", elsewhere)).status_code == 404


def test_a_resident_with_no_home_linked_is_told_so(cast, scheme, client_as):
    member = RoleFactory(role=Role.MEMBER, organisation=cast.tmo, user=UserFactory()).user
    client = client_as(member)

    for name in ("my-repairs", "report-my-repair"):
        response = client.get(url(cast, name))
        assert response.status_code == 200
        assert "Your address is not linked yet" in response.content.decode()


def test_a_home_another_organisation_looks_after_cannot_have_repairs_reported_here(
    cast, scheme, client_as
):
    home = HomeFactory(estate=cast.estate)
    CoverageFactory(agreement=AgreementFactory(organisation__landlord=cast.landlord), home=home)
    person = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=UserFactory()).user
    ResidentFactory(household=HouseholdFactory(home=home), user=person)

    response = client_as(person).post(url(cast, "report-my-repair"), REPORT)

    assert response.status_code == 200
    assert "does not look after the home linked to your account" in response.content.decode()
    assert not Repair.objects.exists()


# --- rating ---------------------------------------------------------------------------------


def test_one_tap_rates_a_finished_repair_and_thanks_the_resident(cast, scheme, resident):
    repair = completed_repair(cast)

    response = resident.post(url(cast, "rate-my-repair", repair), {"satisfaction": "4"})

    assert response.status_code == 302
    assert response.url == url(cast, "my-repair-rated", repair)
    repair.refresh_from_db()
    assert repair.satisfaction == 4
    page = resident.get(response.url).content.decode()
    assert "You rated this repair 4 out of 5" in page
    assert "Tell us more" in page


def test_a_second_rating_is_refused_with_a_clear_message(cast, scheme, resident):
    repair = completed_repair(cast, satisfaction=2)

    response = resident.post(
        url(cast, "rate-my-repair", repair), {"satisfaction": "5"}, follow=True
    )

    repair.refresh_from_db()
    assert repair.satisfaction == 2
    assert "You have already rated this repair. We take one rating." in response.content.decode()


def test_rating_an_open_repair_is_refused(cast, scheme, resident):
    repair = repair_of(cast)

    response = resident.post(
        url(cast, "rate-my-repair", repair), {"satisfaction": "5"}, follow=True
    )

    repair.refresh_from_db()
    assert repair.satisfaction is None
    assert "You can rate a repair once it has been completed." in response.content.decode()


@pytest.mark.parametrize("score", ["0", "6", "", "good"])
def test_a_rating_outside_one_to_five_is_refused(cast, scheme, resident, score):
    repair = completed_repair(cast)

    response = resident.post(url(cast, "rate-my-repair", repair), {"satisfaction": score})

    assert response.status_code == 200
    assert "Choose a rating from 1 to 5" in response.content.decode()
    repair.refresh_from_db()
    assert repair.satisfaction is None


def test_a_comment_after_rating_is_kept_once(cast, scheme, resident):
    repair = completed_repair(cast, satisfaction=3)

    response = resident.post(url(cast, "my-repair-rated", repair), {"comment": " Came late. "})

    assert response.status_code == 302
    assert response.url == url(cast, "my-repairs")
    repair.refresh_from_db()
    assert repair.satisfaction_comment == "Came late."
    page = resident.get(url(cast, "my-repair-rated", repair)).content.decode()
    assert "Came late." in page
    assert "<textarea" not in page
    resident.post(url(cast, "my-repair-rated", repair), {"comment": "Changed my mind"})
    repair.refresh_from_db()
    assert repair.satisfaction_comment == "Came late."


def test_the_thanks_page_before_a_rating_sends_the_resident_to_rate(cast, scheme, resident):
    repair = completed_repair(cast)

    response = resident.get(url(cast, "my-repair-rated", repair))

    assert response.status_code == 302
    assert response.url == url(cast, "rate-my-repair", repair)
