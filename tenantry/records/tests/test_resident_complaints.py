"""A resident makes a complaint, is told when to expect an answer, and follows it."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.tests.factories import ResidentFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.records.models import Complaint
from tenantry.records.tests.factories import ComplaintFactory

COMPLAINT = {
    "category": "repairs",
    "what_happened": "The repairer did not come on Tuesday and nobody called.",
    "put_right": "An apology and a new appointment.",
}


@pytest.fixture
def resident(cast, client_as):
    return client_as(cast.people["resident"])


def url(cast, name: str, complaint: Complaint | None = None) -> str:
    args = [cast.tmo.slug] + ([complaint.pk] if complaint else [])
    return reverse(f"services:{name}", args=args)


def complaint_of(cast, **fields) -> Complaint:
    return ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=cast.people["resident"], **fields
    )


def test_making_a_complaint_records_it_for_the_resident_and_their_home(cast, resident):
    response = resident.post(url(cast, "make-my-complaint"), COMPLAINT)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == url(cast, "my-complaint-made", complaint)
    assert complaint.organisation == cast.tmo
    assert complaint.home == cast.home
    assert complaint.made_by == cast.people["resident"]
    assert complaint.category == "repairs"
    assert complaint.received_on == timezone.localdate()
    assert complaint.stage == 1
    assert complaint.description == (
        "The repairer did not come on Tuesday and nobody called.\n\n"
        "What would put it right:\nAn apology and a new appointment."
    )


def test_what_would_put_it_right_may_be_left_blank(cast, resident):
    resident.post(url(cast, "make-my-complaint"), COMPLAINT | {"put_right": ""})

    assert Complaint.objects.get().description == COMPLAINT["what_happened"]


def test_a_complaint_made_on_friday_19_december_is_acknowledged_by_30_december(
    cast, resident, monkeypatch
):
    # 5 working days after Friday 19 December 2025 skip the weekend, Christmas Day and Boxing
    # Day: 22, 23, 24, 29, 30 December. The answer is due 10 working days after that, skipping
    # New Year's Day: 31 December, 2, 5, 6, 7, 8, 9, 12, 13, 14 January 2026.
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2025, 12, 19))

    response = resident.post(url(cast, "make-my-complaint"), COMPLAINT, follow=True)

    page = response.content.decode()
    assert Complaint.objects.get().received_on == date(2025, 12, 19)
    assert "Complaint received" in page
    assert Complaint.objects.get().reference in page
    assert (
        "We will acknowledge your complaint by <strong>Tuesday 30 December 2025</strong> "
        "and answer it by <strong>Wednesday 14 January 2026</strong>."
    ) in page
    assert "stage 2" in page


def test_an_agreed_extension_moves_the_answer_date(cast, resident):
    complaint = complaint_of(
        cast,
        received_on=date(2025, 12, 19),
        stage1_acknowledged_on=date(2025, 12, 22),
        stage1_extension_days=5,
    )

    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()

    # Acknowledged Monday 22 December: 10 working days (skipping 25 and 26 December and New
    # Year's Day) is Thursday 8 January 2026, and the extension of 5 more is Thursday 15 January.
    assert "Monday 22 December 2025" in page
    assert "By Thursday 15 January 2026" in page
    assert "We told you we needed 5 more working days to answer." in page


def test_a_complaint_at_stage_2_shows_the_stage_2_dates(cast, resident):
    complaint = complaint_of(
        cast,
        received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 2),
        stage1_responded_on=date(2025, 12, 12),
        escalated_on=date(2026, 1, 5),
    )

    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()

    # Asked Monday 5 January 2026: acknowledge within 5 working days (Monday 12 January), answer
    # within 20 working days of that (Monday 9 February).
    assert "Stage 2: being looked at again" in page
    assert "By Monday 12 January 2026" in page
    assert "By Monday 9 February 2026" in page


def test_the_complaint_form_keeps_what_was_typed(cast, resident):
    response = resident.post(
        url(cast, "make-my-complaint"), {"category": "staff", "put_right": "An apology"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "Tell us what happened" in page
    assert re.search(r'<input[^>]*value="staff"[^>]*checked', page)
    assert "An apology</textarea>" in page


def test_the_list_shows_only_the_residents_own_complaints_newest_first(cast, resident):
    older = complaint_of(cast, category="cleaning", received_on=date(2025, 11, 3))
    newer = complaint_of(cast, category="rent", received_on=date(2025, 12, 1))
    housemate = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=UserFactory()).user
    ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=housemate, category="asb",
        reference="THEIRS-1",
    )  # fmt: skip

    page = resident.get(url(cast, "my-complaints")).content.decode()

    assert page.index(newer.reference) < page.index(older.reference)
    assert "THEIRS-1" not in page


def test_the_complaints_list_takes_the_same_queries_however_many(
    cast, resident, django_assert_num_queries
):
    for _ in range(4):
        complaint_of(cast)
    # Session, user, organisation (with the services its agreements delegate today), roles, the
    # complaints; and whether the landlord has a scrutiny panel, for the menu (then kept ten
    # minutes).
    with django_assert_num_queries(6):
        assert resident.get(url(cast, "my-complaints")).status_code == 200


def test_someone_elses_complaint_is_hidden_even_from_the_same_home(cast, client_as):
    complaint = complaint_of(cast)
    housemate = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=UserFactory()).user
    ResidentFactory(household=cast.home.households.get(), user=housemate)
    client = client_as(housemate)

    for name in ("my-complaint", "my-complaint-made"):
        assert client.get(url(cast, name, complaint)).status_code == 404


def test_a_complaint_to_another_organisation_is_hidden(cast, resident):
    elsewhere = ComplaintFactory(organisation=cast.other_tmo, made_by=cast.people["resident"])

    assert resident.get(url(cast, "my-complaint", elsewhere)).status_code == 404


def test_someone_with_no_home_linked_can_still_complain(cast, client_as):
    member = RoleFactory(role=Role.MEMBER, organisation=cast.tmo, user=UserFactory()).user

    response = client_as(member).post(url(cast, "make-my-complaint"), COMPLAINT)

    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.home is None
    assert complaint.made_by == member


def test_a_decision_is_given_in_plain_words(cast, resident):
    complaint = complaint_of(
        cast,
        received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 2),
        stage1_responded_on=date(2025, 12, 10),
        outcome=Complaint.Outcome.PARTLY,
    )

    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()

    assert "We agreed with part of your complaint." in page
    assert "Answered" in page


def test_dates_that_contradict_each_other_do_not_break_the_page(cast, resident):
    complaint = complaint_of(
        cast, received_on=date(2025, 12, 10), stage1_acknowledged_on=date(2025, 12, 1)
    )

    assert resident.get(url(cast, "my-complaint", complaint)).status_code == 200
