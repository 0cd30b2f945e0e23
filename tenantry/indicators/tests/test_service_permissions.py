"""Indicator services check permission themselves, before they read or change anything.

Unsaved objects are enough: the check comes first, so nothing is looked up or written.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tenantry.core.periods import financial_year_of
from tenantry.indicators.models import Indicator, Intervention, MonitoringItem, Submission
from tenantry.indicators.services import interventions as intervention_services
from tenantry.indicators.services import local as local_services
from tenantry.indicators.services import results as services
from tenantry.indicators.services import submissions as submission_services
from tenantry.indicators.services import targets as target_services


@pytest.mark.parametrize("role", ["resident", "inspector", "outsider"])
def test_those_who_only_read_change_no_indicator_data(cast, role):
    by = cast.people[role]
    agreement = cast.agreement
    indicator = Indicator(organisation=cast.tmo, code="LOCAL-X", name="X")
    item = MonitoringItem(agreement=agreement, indicator=indicator)
    submission = Submission(agreement=agreement)
    step = Intervention(agreement=agreement)
    period = financial_year_of(date(2025, 4, 1))

    for change in [
        lambda: services.enter_result(
            indicator=indicator, organisation=cast.tmo, period=period, value=Decimal(1), by=by
        ),
        lambda: intervention_services.record_step(
            agreement=agreement, level="x", started_on=date(2025, 4, 1), reason="x", by=by
        ),
        lambda: intervention_services.update_step(step=step, reason="x", by=by),
        lambda: local_services.create_local_indicator(
            organisation=cast.tmo,
            name="x",
            meaning="x",
            unit="x",
            higher_is_better=True,
            source="x",
            config={},
            decimals=0,
            by=by,
        ),
        lambda: local_services.retire_local_indicator(indicator=indicator, by=by),
        lambda: local_services.restore_local_indicator(indicator=indicator, by=by),
        lambda: submission_services.add_monitoring_item(
            agreement=agreement, indicator=indicator, frequency="x", form="x", by=by
        ),
        lambda: submission_services.change_monitoring_item(
            item=item, frequency="x", form="x", by=by
        ),
        lambda: submission_services.remove_monitoring_item(item=item, by=by),
        lambda: submission_services.open_submission(agreement=agreement, period=period, by=by),
        lambda: submission_services.submit(submission=submission, by=by),
        lambda: submission_services.accept(submission=submission, by=by),
        lambda: submission_services.query(submission=submission, comment="x", by=by),
        lambda: submission_services.comment(submission=submission, comment="x", by=by),
        lambda: target_services.set_target(
            agreement=agreement,
            indicator=indicator,
            year_start=date(2025, 4, 1),
            value=Decimal(1),
            by=by,
        ),
        lambda: target_services.save_trajectory(
            agreement=agreement,
            indicator=indicator,
            first_year="2025",
            start=Decimal(1),
            goal=Decimal(2),
            by=by,
        ),
    ]:
        with pytest.raises(PermissionDenied):
            change()


def test_staff_cannot_decide_on_figures_or_answer_for_the_committee(cast):
    submission = Submission(agreement=cast.agreement)
    step = Intervention(agreement=cast.agreement)

    with pytest.raises(PermissionDenied):
        submission_services.accept(submission=submission, by=cast.people["staff"])
    with pytest.raises(PermissionDenied):
        intervention_services.respond(step=step, response="Ours", by=cast.people["staff"])


def test_the_committee_cannot_change_the_monitoring_schedule(cast):
    item = MonitoringItem(agreement=cast.agreement)

    with pytest.raises(PermissionDenied):
        submission_services.remove_monitoring_item(item=item, by=cast.people["committee"])


def test_staff_cannot_write_the_note_on_why_the_figures_differ(cast):
    from tenantry.indicators import benchmarks

    indicator = Indicator(organisation=cast.tmo, code="LOCAL-X", name="X")

    with pytest.raises(PermissionDenied):
        benchmarks.save_benchmark_note(
            organisation=cast.tmo,
            indicator=indicator,
            year=financial_year_of(date(2025, 4, 1)),
            text="Ours",
            by=cast.people["staff"],
        )
