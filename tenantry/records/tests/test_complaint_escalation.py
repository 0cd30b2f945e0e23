"""A resident asks for stage 2 of their complaint from its page, saying why (the Complaint
Handling Code: once stage 1 is answered, or once its answer is late)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tenantry.core.workingdays import add_working_days
from tenantry.organisations.models import AuditEntry
from tenantry.records import services
from tenantry.records.models import Complaint
from tenantry.records.selectors.resident import may_ask_for_stage_two
from tenantry.records.tests.factories import ComplaintFactory

REASON = "You said the repair was done but the window still does not close."


@pytest.fixture
def resident(cast, client_as):
    return client_as(cast.people["resident"])


def url(cast, name: str, complaint: Complaint) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, complaint.pk])


def complaint_of(cast, **fields) -> Complaint:
    return ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=cast.people["resident"], **fields
    )


def answered(cast, **fields) -> Complaint:
    today = timezone.localdate()
    return complaint_of(
        cast,
        received_on=today - timedelta(days=20),
        stage1_acknowledged_on=today - timedelta(days=19),
        stage1_responded_on=today - timedelta(days=2),
        **fields,
    )


def test_an_answered_complaint_can_be_taken_to_stage_2_with_a_reason(cast, resident):
    complaint = answered(cast)
    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()
    assert f'href="{url(cast, "escalate-my-complaint", complaint)}"' in page

    response = resident.post(url(cast, "escalate-my-complaint", complaint), {"reason": REASON})

    assert response.status_code == 302
    complaint.refresh_from_db()
    today = timezone.localdate()
    assert complaint.escalated_on == today
    assert complaint.escalation_reason == REASON
    assert complaint.stage == 2
    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()
    # The Code: acknowledge within 5 working days of the request, answer within 20 after that.
    acknowledge_by = add_working_days(today, 5)
    answer_by = add_working_days(acknowledge_by, 20)
    assert f"By {acknowledge_by:%A} {acknowledge_by.day} {acknowledge_by:%B %Y}" in page
    assert f"By {answer_by:%A} {answer_by.day} {answer_by:%B %Y}" in page
    assert REASON in page
    assert "Ask for stage 2" not in page
    entry = AuditEntry.objects.filter(organisation=cast.tmo).latest("pk")
    assert entry.by == cast.people["resident"]


def test_a_reason_is_required(cast, resident):
    complaint = answered(cast)

    response = resident.post(url(cast, "escalate-my-complaint", complaint), {"reason": "  "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tell us why you are not happy with our answer" in page
    assert "There is a problem" in page
    complaint.refresh_from_db()
    assert complaint.escalated_on is None


def test_stage_2_waits_for_the_stage_1_answer_while_it_is_not_late(cast, resident):
    complaint = complaint_of(cast, received_on=timezone.localdate())

    page = resident.get(url(cast, "my-complaint", complaint)).content.decode()
    assert "escalate-my-complaint" not in page
    assert (
        "You can ask for stage 2 here once we have answered, or if we have not answered by" in page
    )
    response = resident.post(url(cast, "escalate-my-complaint", complaint), {"reason": REASON})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.escalated_on is None


def test_a_late_stage_1_answer_opens_stage_2(cast, resident):
    # Received Monday 1 December 2025, never acknowledged: acknowledge by Monday 8 December,
    # answer within 10 working days of that, by Monday 22 December.
    complaint = complaint_of(cast, received_on=date(2025, 12, 1))
    assert not may_ask_for_stage_two(complaint=complaint, today=date(2025, 12, 22))
    assert may_ask_for_stage_two(complaint=complaint, today=date(2025, 12, 23))

    resident.post(url(cast, "escalate-my-complaint", complaint), {"reason": REASON})

    complaint.refresh_from_db()
    assert complaint.escalated_on == timezone.localdate()


def test_an_agreed_extension_is_waited_for(cast):
    complaint = complaint_of(
        cast,
        received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 1),
        stage1_extension_days=10,
    )
    # Answer due 10 working days after 1 December (Monday 15 December), extended by 10 working
    # days (16 to 31 December, skipping Christmas Day, Boxing Day and the weekends).
    assert not may_ask_for_stage_two(complaint=complaint, today=date(2025, 12, 31))
    assert may_ask_for_stage_two(complaint=complaint, today=date(2026, 1, 2))


@pytest.mark.parametrize(
    "fields",
    [
        {"escalated_on": timezone.localdate() - timedelta(days=1)},
        {"outcome": Complaint.Outcome.WITHDRAWN},
    ],
)
def test_no_stage_2_when_already_there_or_withdrawn(cast, resident, fields):
    complaint = answered(cast, **fields)
    before = complaint.escalated_on

    resident.post(url(cast, "escalate-my-complaint", complaint), {"reason": REASON})

    complaint.refresh_from_db()
    assert complaint.escalated_on == before
    with pytest.raises(ValidationError):
        services.escalate_complaint_as_resident(
            complaint=complaint, by=cast.people["resident"], reason=REASON
        )


def test_someone_elses_complaint_cannot_be_escalated(cast, client_as):
    complaint = answered(cast)
    committee = client_as(cast.people["committee"])

    response = committee.post(url(cast, "escalate-my-complaint", complaint), {"reason": REASON})

    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.escalate_complaint_as_resident(
            complaint=complaint, by=cast.people["committee"], reason=REASON
        )
    complaint.refresh_from_db()
    assert complaint.escalated_on is None


@pytest.mark.parametrize(("who", "status"), [("staff", 403), ("outsider", 404)])
def test_staff_and_outsiders_do_not_reach_the_residents_page(cast, client_as, who, status):
    complaint = answered(cast)
    response = client_as(cast.people[who]).get(url(cast, "escalate-my-complaint", complaint))
    assert response.status_code == status
