"""The monitoring schedule: kept by the landlord, read by the organisation; what it makes due."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.core.periods import financial_year, quarter
from tenantry.indicators.models import MonitoringItem, Submission
from tenantry.indicators.schedule import due_periods, outstanding, schedule_of
from tenantry.indicators.services import submissions as services

from .routes_monitoring import indicator, schedule, submission_for

pytestmark = pytest.mark.django_db

YEAR = financial_year("2024/25")


def _periods(cast, today, submissions=(), years=None):
    return due_periods(
        agreement=cast.agreement,
        items=schedule_of(cast.agreement),
        submissions=list(submissions),
        years=years or [YEAR],
        today=today,
    )


def test_quarterly_and_yearly_items_make_four_quarters_and_a_years_return_due(cast):
    schedule(cast.agreement, "RP02-2", "quarterly")
    schedule(cast.agreement, "TP01", "yearly", days_to_submit=60)

    periods = _periods(cast, today=date(2025, 6, 1))

    assert [(d.period.label, len(d.items), d.due_on) for d in periods] == [
        ("2024/25 Q1", 1, date(2024, 7, 30)),
        ("2024/25 Q2", 1, date(2024, 10, 30)),
        ("2024/25 Q3", 1, date(2025, 1, 30)),
        ("2024/25 Q4", 1, date(2025, 4, 30)),
        # The year's return carries both; it is due by the earlier of their deadlines.
        ("2024/25", 2, date(2025, 4, 30)),
    ]


def test_states_follow_the_calendar_and_the_submissions(cast):
    schedule(cast.agreement, "RP02-2", "quarterly", days_to_submit=30)
    submissions = [
        submission_for(cast.agreement, quarter("2024/25", "Q1"), status=Submission.Status.ACCEPTED),
        submission_for(cast.agreement, quarter("2024/25", "Q2"), status=Submission.Status.QUERIED),
        submission_for(cast.agreement, quarter("2024/25", "Q3"), status=Submission.Status.DRAFT),
    ]

    # 15 April 2025: Q3 ended 31 December (due 30 January), Q4 ended 31 March (due 30 April).
    states = [d.state for d in _periods(cast, date(2025, 4, 15), submissions)]
    assert states == ["accepted", "queried", "overdue", "due"]

    # On 30 April Q4 is still due; on 1 May it is overdue. Before Q4 ends it is not due yet.
    assert _periods(cast, date(2025, 4, 30))[-1].state == "due"
    assert _periods(cast, date(2025, 5, 1))[-1].state == "overdue"
    assert _periods(cast, date(2025, 3, 31))[-1].state == "upcoming"


def test_periods_before_the_agreement_began_are_not_due(cast):
    cast.agreement.starts_on = date(2024, 10, 1)
    schedule(cast.agreement, "RP02-2", "quarterly")
    labels = [d.period.label for d in _periods(cast, date(2025, 6, 1))]
    assert labels == ["2024/25 Q3", "2024/25 Q4"]


def test_outstanding_leaves_out_what_is_accepted_and_what_has_not_ended(cast):
    schedule(cast.agreement, "BV66a", "quarterly")
    submission_for(cast.agreement, quarter("2025/26", "Q1"), status=Submission.Status.ACCEPTED)

    found = outstanding(agreement=cast.agreement, today=date(2025, 10, 15))

    # The year before and this year so far: 2024/25's four quarters, 2025/26 Q2 (Q3 runs on).
    labels = [d.period.label for d in found]
    assert labels == [
        "2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4", "2025/26 Q2",
    ]  # fmt: skip
    assert [d.state for d in found] == ["overdue"] * 4 + ["due"]


def test_with_no_schedule_nothing_is_outstanding(cast):
    assert outstanding(agreement=cast.agreement, today=date(2025, 11, 15)) == []


def test_an_indicator_is_scheduled_once(cast):
    services.add_monitoring_item(
        agreement=cast.agreement, indicator=indicator("BV212"), frequency="quarterly",
        form="figures", by=None,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already in the schedule"):
        services.add_monitoring_item(
            agreement=cast.agreement, indicator=indicator("BV212"), frequency="yearly",
            form="figures", by=None,
        )  # fmt: skip


# --- pages ------------------------------------------------------------------------------------


def _url(cast, name, *args):
    return reverse(f"indicators:{name}", args=[cast.tmo.slug, cast.agreement.pk, *args])


def test_the_landlord_adds_an_indicator_to_the_schedule(cast, client_as):
    officer = cast.people["landlord_officer"]
    response = client_as(officer).post(
        _url(cast, "add-monitoring-item"),
        {
            "indicator": indicator("CH02-1").pk,
            "frequency": "quarterly",
            "form": "commentary",
            "days_to_submit": "21",
            "intervention_threshold": "5",
        },
    )

    assert response.status_code == 302
    item = MonitoringItem.objects.get()
    assert (item.indicator.code, item.frequency, item.form, item.days_to_submit) == (
        "CH02-1", "quarterly", "commentary", 21,
    )  # fmt: skip
    assert item.history.get().history_user == officer


def test_a_schedule_form_with_errors_keeps_what_was_typed(cast, client_as):
    response = client_as(cast.people["landlord_officer"]).post(
        _url(cast, "add-monitoring-item"),
        {"indicator": indicator("CH02-1").pk, "form": "report", "days_to_submit": "0"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'value="report" required id="id_form_2" checked' in page
    assert 'value="0"' in page
    assert not MonitoringItem.objects.exists()


def test_the_landlord_changes_and_removes_an_item(cast, client_as):
    item = schedule(cast.agreement, "BV212", "quarterly")
    client = client_as(cast.people["landlord_officer"])

    client.post(
        _url(cast, "edit-monitoring-item", item.pk),
        {"frequency": "yearly", "form": "figures", "days_to_submit": "45"},
    )
    item.refresh_from_db()
    assert (item.frequency, item.days_to_submit) == ("yearly", 45)

    response = client.post(_url(cast, "remove-monitoring-item", item.pk))
    assert response.status_code == 302
    assert not MonitoringItem.objects.exists()


def test_the_committee_reads_the_schedule_and_is_offered_to_send_figures(cast, client_as):
    schedule(cast.agreement, "RP02-2", "quarterly")
    page = (
        client_as(cast.people["committee"])
        .get(_url(cast, "monitoring") + "?year=2024/25")
        .content.decode()
    )

    assert "RP02-2" in page and "Quarterly" in page
    assert "Check and send" in page
    assert "Add an indicator to the schedule" not in page


def test_the_landlord_officer_sees_the_schedule_with_its_controls_but_no_send_button(
    cast, client_as
):
    schedule(cast.agreement, "RP02-2", "quarterly")
    page = (
        client_as(cast.people["landlord_officer"])
        .get(_url(cast, "monitoring") + "?year=2024/25")
        .content.decode()
    )
    assert "Add an indicator to the schedule" in page
    assert "Check and send" not in page
    assert "Overdue" in page
