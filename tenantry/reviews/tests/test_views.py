"""The review pages: a committee member takes a review through its steps on screen; bad input
keeps what was typed and names the field."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tenantry.democracy.tests.meeting_factories import MeetingFactory
from tenantry.reviews.models import (
    Decision,
    Evidence,
    Option,
    ProgrammeStatus,
    ReviewProgramme,
    StepStatus,
)
from tenantry.reviews.tests.helpers import make_review

pytestmark = pytest.mark.django_db


def test_programme_written_by_the_committee_and_agreed_by_the_landlord(cast, client_as):
    slug = cast.tmo.slug
    client = client_as(cast.people["committee"])
    client.post(reverse("reviews:edit-programme", args=[slug]), {"first_year": "2026"})
    response = client.post(
        reverse("reviews:add-programme-entry", args=[slug]),
        {
            "service": "repairs",
            "year": "2026",
            "reviewed_by": "both",
            "starts_on": "2026-05-01",
            "consultation_by": "2026-09-01",
            "plan_by": "2027-01-31",
            "annual_cost": "412000",
        },
    )
    assert response.status_code == 302
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        reverse("reviews:respond-to-programme", args=[slug]), {"comment": "Agreed.", "agree": "yes"}
    )
    assert response.status_code == 302
    assert ReviewProgramme.objects.get(organisation=cast.tmo).status == ProgrammeStatus.AGREED
    page = client.get(reverse("reviews:programme", args=[slug])).content.decode()
    assert "Agreed with the landlord" in page and "£412,000" in page


def test_a_bad_timetable_keeps_the_input_and_names_the_field(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post(reverse("reviews:edit-programme", args=[cast.tmo.slug]), {"first_year": "2026"})
    response = client.post(
        reverse("reviews:add-programme-entry", args=[cast.tmo.slug]),
        {
            "service": "repairs",
            "year": "2026",
            "reviewed_by": "own",
            "starts_on": "2026-05-01",
            "consultation_by": "2026-04-01",
            "plan_by": "not a date",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not a date" in page and "govuk-error-summary" in page


def test_start_a_review_record_steps_and_see_the_task_list(cast, client_as):
    slug = cast.tmo.slug
    client = client_as(cast.people["committee"])
    response = client.post(
        reverse("reviews:start-review", args=[slug]),
        {"service": "repairs", "title": "Repairs review", "started_on": "2026-01-05"},
    )
    review = cast.tmo.reviews.get()
    assert response.url == reverse("reviews:review", args=[slug, review.pk])
    response = client.post(
        reverse("reviews:edit-step", args=[slug, review.pk, 1]),
        {"in_scope": "Complaints about repairs", "out_of_scope": "Gas", "status": "completed"},
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:review", args=[slug, review.pk])).content.decode()
    assert "1 of 9 steps completed" in page and "govuk-task-list" in page
    step = client.get(reverse("reviews:step", args=[slug, review.pk, 1])).content.decode()
    assert "Complaints about repairs" in step
    assert review.steps.get(number=1).status == StepStatus.COMPLETED


def test_completing_an_empty_step_is_refused_on_the_status(cast, client_as):
    review = make_review(cast.tmo)
    response = client_as(cast.people["committee"]).post(
        reverse("reviews:edit-step", args=[cast.tmo.slug, review.pk, 2]), {"status": "completed"}
    )
    assert response.status_code == 400
    assert "Record what the step found" in response.content.decode()


def test_step_6_shows_the_weights_and_ranks_the_options(cast, client_as):
    review = make_review(cast.tmo)
    client = client_as(cast.people["staff"])
    client.post(
        reverse("reviews:edit-step", args=[cast.tmo.slug, review.pk, 6]),
        {"procurement": "Asked the council", "cost_weight": "30", "status": "in_progress"},
    )
    Option.objects.create(
        review=review, kind="in_house", description="As now", cost_score=6, quality_score=7
    )  # (30×6 + 70×7)/100 = 6.7
    Option.objects.create(
        review=review, kind="contractor", description="Tender", cost_score=9, quality_score=5
    )  # (30×9 + 70×5)/100 = 6.2
    page = client.get(reverse("reviews:step", args=[cast.tmo.slug, review.pk, 6])).content.decode()
    assert "Cost counts for 30% and quality for 70%" in page
    assert page.index("6.7") < page.index("6.2")

    Option.objects.create(review=review, kind="joint", description="With Ashfield")
    page = client.get(reverse("reviews:step", args=[cast.tmo.slug, review.pk, 6])).content.decode()
    assert "Give every option a cost and a quality score" in page


def test_a_decision_at_a_meeting_and_evidence_files(cast, client_as):
    review = make_review(cast.tmo)
    day = timezone.localdate() - timedelta(days=3)
    meeting = MeetingFactory(organisation=cast.tmo, kind="committee", day=day)
    client = client_as(cast.people["committee"])
    response = client.post(
        reverse("reviews:add-decision", args=[cast.tmo.slug, review.pk]),
        {
            "step": "1",
            "what": "Gas servicing stays out",
            "decided_by": "The committee",
            "decided_on": day.isoformat(),
            "meeting": str(meeting.pk),
        },
    )
    assert response.status_code == 302
    assert Decision.objects.get(review=review).meeting == meeting

    bad = client.post(
        reverse("reviews:add-evidence", args=[cast.tmo.slug, review.pk]),
        {"step": "4", "title": "Tool", "file": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert bad.status_code == 400 and "The file must be a PDF" in bad.content.decode()
    good = client.post(
        reverse("reviews:add-evidence", args=[cast.tmo.slug, review.pk]),
        {"step": "4", "title": "", "file": SimpleUploadedFile("notes.pdf", b"%PDF")},
    )
    assert good.status_code == 302
    evidence = Evidence.objects.get(review=review)
    download = client_as(cast.people["resident"]).get(
        reverse("reviews:evidence-file", args=[cast.tmo.slug, review.pk, evidence.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF"


def test_stakeholder_register_and_four_cs_on_the_review_page(cast, client_as):
    review = make_review(cast.tmo)
    client = client_as(cast.people["staff"])
    response = client.post(
        reverse("reviews:add-stakeholder", args=[cast.tmo.slug, review.pk]),
        {
            "kind": "disability",
            "name": "Northbrook Disability Forum",
            "how": "Meeting",
            "consulted_on": "2026-02-10",
            "said": "Ramps are repaired late",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:stakeholders", args=[cast.tmo.slug, review.pk]))
    assert "Northbrook Disability Forum" in page.content.decode()
    page = client.get(reverse("reviews:review", args=[cast.tmo.slug, review.pk])).content.decode()
    assert "No option has been appraised." in page and "The four Cs" in page


def test_a_future_stakeholder_date_is_refused(cast, client_as):
    review = make_review(cast.tmo)
    later = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client_as(cast.people["staff"]).post(
        reverse("reviews:add-stakeholder", args=[cast.tmo.slug, review.pk]),
        {"kind": "tenants", "name": "Tenants", "consulted_on": later},
    )
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_step_8_creates_a_local_indicator_and_a_standard(cast, client_as):
    review = make_review(cast.tmo, started_on=date(2026, 1, 5))
    client = client_as(cast.people["committee"])
    response = client.post(
        reverse("reviews:create-indicator", args=[cast.tmo.slug, review.pk]),
        {
            "name": "Repairs right first time",
            "meaning": "Done at the first visit",
            "unit": "percent",
            "higher_is_better": "yes",
            "source": "manual",
            "decimals": "1",
        },
    )
    assert response.status_code == 302
    indicator = cast.tmo.indicators.get(name="Repairs right first time")
    response = client.post(
        reverse("reviews:add-standard", args=[cast.tmo.slug, review.pk]),
        {
            "indicator": str(indicator.pk),
            "current": "72",
            "proposed": "90",
            "year_1": "76",
            "year_2": "80",
            "year_3": "84",
            "year_4": "87",
            "year_5": "90",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:step", args=[cast.tmo.slug, review.pk, 8])).content.decode()
    assert "76 → 80 → 84 → 87 → 90" in page
