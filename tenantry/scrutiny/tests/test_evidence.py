"""Evidence requests: the due day, late answers and the weekly reminder; and the evidence the
panel reads: complaints counted with no one in them, small places hidden."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.homes.tests.factories import BlockFactory, EstateFactory, HomeFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.records.models import Complaint
from tenantry.records.tests.factories import ComplaintFactory
from tenantry.scrutiny import evidence_services as services
from tenantry.scrutiny.evidence_selectors import complaint_evidence
from tenantry.scrutiny.models import EvidenceRequest, TermsOfReference

from . import helpers

pytestmark = pytest.mark.django_db


def test_an_answer_is_due_ten_working_days_after_asking_by_default(cast):
    review = helpers.review(cast)
    # Friday 18 December 2026: Christmas Day (Fri 25), Boxing Day's substitute (Mon 28) and
    # New Year's Day (Fri 1 January) are not working days, so the tenth is Wednesday 6 January.
    assert services.default_due_on(review=review, asked_on=date(2026, 12, 18)) == date(2027, 1, 6)


def test_the_panels_terms_set_the_working_days(cast):
    TermsOfReference.objects.create(panel=cast.panel, evidence_working_days=5)
    review = helpers.review(cast)
    # Monday 2 November 2026 + 5 working days = Monday 9 November.
    assert services.default_due_on(review=review, asked_on=date(2026, 11, 2)) == date(2026, 11, 9)


def test_a_due_day_in_the_past_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        helpers.evidence_request(cast, due_on=date(2020, 1, 1))
    assert "due_on" in refused.value.message_dict


def test_late_means_unanswered_after_the_due_day():
    request = EvidenceRequest(asked_on=date(2026, 11, 2), due_on=date(2026, 11, 16))

    assert not request.is_late(date(2026, 11, 16))  # the due day itself is on time
    assert request.is_late(date(2026, 11, 17))
    request.answered_on = date(2026, 11, 18)
    assert not request.is_late(date(2026, 11, 20))
    assert request.was_late()


def _late(cast, days_late=3) -> EvidenceRequest:
    request = helpers.evidence_request(cast)
    today = date.today()
    EvidenceRequest.objects.filter(pk=request.pk).update(
        asked_on=today - timedelta(days=30), due_on=today - timedelta(days=days_late)
    )
    return request


def test_the_landlords_officers_are_reminded_of_a_late_request_once_a_week(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    request = _late(cast)
    today = date.today()

    with django_capture_on_commit_callbacks(execute=True):
        first = services.remind_late_evidence_requests(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        again_soon = services.remind_late_evidence_requests(today=today + timedelta(days=6))
    with django_capture_on_commit_callbacks(execute=True):
        a_week_on = services.remind_late_evidence_requests(today=today + timedelta(days=7))

    assert (first, again_soon, a_week_on) == (1, 0, 1)
    assert [m.to for m in mailoutbox] == [[cast.people["landlord_officer"].email]] * 2
    assert "Northbrook scrutiny panel" in mailoutbox[0].subject
    assert reverse("scrutiny:answer-evidence", args=[cast.landlord.slug, request.pk]) in (
        mailoutbox[0].body
    )
    request.refresh_from_db()
    assert request.reminded_on == today + timedelta(days=7)


def test_answered_and_not_yet_due_requests_are_not_reminded(cast, mailoutbox):
    waiting = helpers.evidence_request(cast)
    answered = _late(cast)
    services.answer_evidence_request(
        request=answered, answer="Here it is.", by=cast.people["landlord_officer"]
    )

    assert services.remind_late_evidence_requests(today=date.today()) == 0
    assert waiting.is_late(date.today()) is False


def test_the_command_reminds(cast, capsys):
    from django.core.management import call_command

    _late(cast)
    call_command("remind-evidence-requests")

    assert "1 late evidence requests reminded" in capsys.readouterr().out


def test_only_the_landlord_answers(cast):
    request = helpers.evidence_request(cast)

    with pytest.raises(PermissionDenied):
        services.answer_evidence_request(request=request, answer="x", by=cast.panel_member)
    answered = services.answer_evidence_request(
        request=request, answer="Sent.", by=cast.people["landlord_officer"]
    )

    assert answered.answered_on == date.today()


def test_another_landlords_officer_finds_no_request(cast, client_as):
    request = helpers.evidence_request(cast)
    other = cast.people["other_landlord_officer"]
    landlord = cast.other_tmo.landlord

    response = client_as(other).get(
        reverse("scrutiny:answer-evidence", args=[landlord.slug, request.pk])
    )

    assert response.status_code == 404


# --- Complaints as evidence --------------------------------------------------------------------


def _complaints(cast, estate, n, *, block=None, escalated=0, upheld=0, name="Jo Bloggs"):
    made_by = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo).user
    made_by.name = name
    made_by.save()
    for i in range(n):
        ComplaintFactory(
            organisation=cast.tmo,
            home=HomeFactory(estate=estate, block=block, address=f"{i} Secret Street"),
            made_by=made_by,
            description="My neighbour at number 4 is noisy",
            escalated_on=date(2025, 12, 20) if i < escalated else None,
            outcome=Complaint.Outcome.UPHELD if i < upheld else "",
        )


def test_small_places_show_how_many_complaints_but_not_what_happened(cast):
    big = EstateFactory(landlord=cast.landlord, name="Big Estate")
    middle = EstateFactory(landlord=cast.landlord, name="Middle Estate")
    small = EstateFactory(landlord=cast.landlord, name="Small Estate")
    _complaints(cast, big, 10, escalated=2, upheld=3)
    _complaints(cast, middle, 6, escalated=1, upheld=1)
    _complaints(cast, small, 3, escalated=1, upheld=1)

    found = complaint_evidence(
        panel=cast.panel, year=financial_year("2025/26"), estates_of=cast.tmo.pk
    )
    rows = {row.label: row for row in found.places}

    assert (found.total, found.stage2, found.upheld) == (19, 4, 5)
    assert (rows["Kingsmead TMO"].received, rows["Kingsmead TMO"].stage2) == (19, 4)
    assert (rows["Big Estate"].stage2, rows["Big Estate"].upheld) == (2, 3)
    # Small (3) is too few; Middle (6) is hidden with it, so 4 − 2 cannot give Small's 1.
    assert rows["Small Estate"].hidden and rows["Small Estate"].received == 3
    assert rows["Middle Estate"].hidden and rows["Middle Estate"].received == 6


def test_blocks_are_the_smallest_place_shown(cast):
    estate = EstateFactory(landlord=cast.landlord, name="Tower Estate")
    _complaints(cast, estate, 6, block=BlockFactory(estate=estate, name="North Tower"), upheld=2)
    _complaints(cast, estate, 5, block=BlockFactory(estate=estate, name="South Tower"), upheld=1)

    year = financial_year("2025/26")
    first = {row.label: row for row in complaint_evidence(panel=cast.panel, year=year).places}
    assert "Tower Estate" not in first  # organisations first; their estates when asked for
    tmo = first[cast.tmo.name]
    assert tmo.organisation == cast.tmo.pk and not tmo.estates_shown

    estates = complaint_evidence(panel=cast.panel, year=year, estates_of=cast.tmo.pk)
    by_estate = {row.label: row for row in estates.places}
    assert "North Tower" not in by_estate  # an estate's blocks when asked for
    assert by_estate["Tower Estate"].estate == estate.pk

    asked = complaint_evidence(
        panel=cast.panel, year=year, estates_of=cast.tmo.pk, blocks_of=estate.pk
    ).places
    rows = {row.label: row for row in asked}
    assert rows["Tower Estate"].blocks_shown
    assert (rows["North Tower"].level, rows["North Tower"].upheld) == (2, 2)
    assert rows["South Tower"].upheld == 1


def test_the_panel_never_sees_a_complainants_name_address_or_words(cast, client_as):
    estate = EstateFactory(landlord=cast.landlord, name="Quiet Estate")
    _complaints(cast, estate, 6, name="Jo Bloggs")

    page = client_as(cast.panel_member).get(
        reverse("scrutiny:evidence-complaints", args=[cast.panel.slug])
        + f"?year=2025/26&organisation={cast.tmo.pk}"
    )
    text = page.content.decode()

    assert "Quiet Estate" in text
    assert "Jo Bloggs" not in text
    assert "Secret Street" not in text
    assert "noisy" not in text
    # No complaint reference either (looked for as themselves: a page's random nonce may hold
    # "C0").
    references = list(Complaint.objects.values_list("reference", flat=True))
    assert len(references) == 6 and not any(reference in text for reference in references)


def test_complaint_evidence_reads_in_few_queries(cast, django_assert_max_num_queries):
    for n in range(4):
        _complaints(cast, EstateFactory(landlord=cast.landlord, name=f"Estate {n}"), 5)
    panel = cast.panel

    # The landlord, the organisations managing its homes, the counts and the categories: the
    # same four however many estates and complaints.
    with django_assert_max_num_queries(4):
        complaint_evidence(panel=panel, year=financial_year("2025/26"))


def test_survey_list_reads_in_few_queries(cast, client_as, django_assert_max_num_queries):
    from tenantry.surveys.tests.factories import SurveyFactory

    for _n in range(30):
        SurveyFactory(organisation=cast.tmo, status="closed")
    SurveyFactory(organisation=cast.other_tmo, status="closed", title="Not ours")
    client = client_as(cast.panel_member)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("scrutiny:evidence-surveys", args=[cast.panel.slug]))

    assert len(response.context["page"].object_list) == 25
    assert "Not ours" not in response.content.decode()
