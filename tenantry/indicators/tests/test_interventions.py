"""The intervention ladder: steps recorded, reviewed and closed by the landlord, answered by
the committee, read by inspectors; every version kept."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.indicators.models import Indicator, Intervention
from tenantry.indicators.services import interventions as services

from .routes_monitoring import indicator, schedule, step

pytestmark = pytest.mark.django_db


def test_recording_a_step_keeps_the_indicators_and_who_recorded_it(cast):
    officer = cast.people["landlord_officer"]
    recorded = services.record_step(
        agreement=cast.agreement,
        level=Intervention.Level.IMPROVEMENT_NOTICE,
        started_on=date(2025, 7, 1),
        reason="  Emergency repairs on time fell to 81% against 95%.  ",
        indicators=[indicator("RP02-2")],
        review_on=date(2025, 10, 1),
        by=officer,
    )

    assert recorded.reason == "Emergency repairs on time fell to 81% against 95%."
    assert [i.code for i in recorded.indicators.all()] == ["RP02-2"]
    assert recorded.recorded_by == officer
    assert recorded.history.get().history_user == officer


def test_a_review_before_the_start_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        services.record_step(
            agreement=cast.agreement, level="discussion", started_on=date(2025, 7, 1),
            reason="Late figures", review_on=date(2025, 6, 1), by=None,
        )  # fmt: skip
    assert "review_on" in error.value.message_dict


def test_closing_a_step_needs_its_outcome(cast):
    discussion = step(cast.agreement)
    with pytest.raises(ValidationError) as error:
        services.update_step(
            step=discussion, reason=discussion.reason, ended_on=date(2025, 9, 1), by=None
        )
    assert "outcome" in error.value.message_dict

    closed = services.update_step(
        step=discussion, reason=discussion.reason, ended_on=date(2025, 9, 1),
        outcome="Back on target in Q2.", by=None,
    )  # fmt: skip
    assert (closed.ended_on, closed.outcome) == (date(2025, 9, 1), "Back on target in Q2.")


def test_a_step_cannot_end_before_it_starts(cast):
    discussion = step(cast.agreement, started_on=date(2025, 5, 1))
    with pytest.raises(ValidationError):
        services.update_step(
            step=discussion, reason="x", ended_on=date(2025, 4, 1), outcome="Done", by=None
        )


def test_the_committee_responds_and_an_empty_response_is_refused(cast):
    discussion = step(cast.agreement)
    with pytest.raises(ValidationError):
        services.respond(step=discussion, response="  ", by=None)
    answered = services.respond(
        step=discussion, response="Our contractor went bust in May.", by=cast.people["committee"]
    )
    assert answered.response == "Our contractor went bust in May."


def test_another_organisations_indicator_is_refused(cast):
    theirs = Indicator.objects.create(
        organisation=cast.other_tmo, code="JOBS", name="Local jobs", unit="number",
        framework="local", source="manual",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.record_step(
            agreement=cast.agreement, level="discussion", started_on=date(2025, 7, 1),
            reason="x", indicators=[theirs], by=None,
        )  # fmt: skip


# --- pages ------------------------------------------------------------------------------------


def _url(cast, name, *args, slug=None):
    return reverse(f"indicators:{name}", args=[slug or cast.tmo.slug, cast.agreement.pk, *args])


def test_the_landlord_records_a_step_on_the_page(cast, client_as):
    schedule(cast.agreement, "RP02-2")
    response = client_as(cast.people["landlord_officer"]).post(
        _url(cast, "record-intervention"),
        {
            "level": "improvement_notice",
            "started_on": "2025-07-01",
            "reason": "Two quarters below target.",
            "indicators": [indicator("RP02-2").pk],
            "review_on": "2025-10-01",
        },
    )
    assert response.status_code == 302
    recorded = Intervention.objects.get()
    assert (recorded.level, recorded.started_on) == ("improvement_notice", date(2025, 7, 1))


def test_a_step_form_with_errors_keeps_what_was_typed(cast, client_as):
    response = client_as(cast.people["landlord_officer"]).post(
        _url(cast, "record-intervention"),
        {"level": "discussion", "started_on": "", "reason": "Complaints answered late"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Complaints answered late" in page
    assert not Intervention.objects.exists()


def test_the_ladder_shows_the_current_step_to_the_committee_with_a_respond_link(cast, client_as):
    step(cast.agreement, Intervention.Level.DISCUSSION, started_on=date(2025, 1, 1))
    notice = step(
        cast.agreement, Intervention.Level.IMPROVEMENT_NOTICE, started_on=date(2025, 4, 1)
    )

    page = client_as(cast.people["committee"]).get(_url(cast, "interventions")).content.decode()

    assert "Current step" in page
    assert page.index("Current step") > page.index("Improvement notice")
    assert _url(cast, "respond-intervention", notice.pk) in page
    assert _url(cast, "edit-intervention", notice.pk) not in page


def test_the_inspector_reads_the_ladder_but_cannot_respond(cast, client_as):
    notice = step(cast.agreement, Intervention.Level.IMPROVEMENT_NOTICE)
    client = client_as(cast.people["inspector"])
    page = client.get(_url(cast, "interventions")).content.decode()
    assert "Improvement notice" in page
    assert _url(cast, "respond-intervention", notice.pk) not in page
    assert client.get(_url(cast, "respond-intervention", notice.pk)).status_code == 403


def test_the_landlord_closes_a_step_and_its_history_shows(cast, client_as):
    discussion = step(cast.agreement)
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        _url(cast, "edit-intervention", discussion.pk),
        {"reason": discussion.reason, "outcome": "Improved.", "ended_on": "2025-09-30"},
    )
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.ended_on == date(2025, 9, 30)
    page = client.get(_url(cast, "edit-intervention", discussion.pk)).content.decode()
    assert "Improved." in page and "By Landlord_Officer on" in page


def test_the_committee_saves_a_response_on_the_page(cast, client_as):
    discussion = step(cast.agreement)
    response = client_as(cast.people["committee"]).post(
        _url(cast, "respond-intervention", discussion.pk), {"response": "We have a plan."}
    )
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.response == "We have a plan."


def test_residents_and_staff_do_not_see_interventions(cast, client_as):
    for role in ("resident", "staff"):
        assert client_as(cast.people[role]).get(_url(cast, "interventions")).status_code == 403
