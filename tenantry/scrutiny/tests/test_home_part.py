"""A panel's home page counts its work: reviews at each stage, reports whose answers are
overdue, and residents' topics waiting for a decision."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.scrutiny.home_parts import panel_work_part
from tenantry.scrutiny.models import TopicRequest
from tenantry.scrutiny.tests.factories_report import PublishedReportFactory, ScrutinyReviewFactory

pytestmark = pytest.mark.django_db


def test_the_panels_work_counted_by_stage(cast):
    panel = cast.panel
    for stage in ("scoping", "gathering", "reporting", "monitoring", "closed", "closed"):
        ScrutinyReviewFactory(panel=panel, stage=stage)
    # Answers due 2 May 2026: overdue on 3 May, not on 2 May (due at the end of the day).
    PublishedReportFactory(review__panel=panel)
    PublishedReportFactory(review__panel=panel, answers_due_on=date(2026, 6, 1))
    TopicRequest.objects.create(
        panel=panel, topic="Bins", why="Left out", asked_as="resident",
        asked_from=cast.tmo, asked_on=date(2026, 4, 1),
    )  # fmt: skip
    roles = frozenset({Role.PANEL})

    with CaptureQueriesContext(connection) as asked:
        work = panel_work_part(organisation=panel, roles=roles, today=date(2026, 5, 3))
    assert len(asked) == 3
    assert work == {
        "under_way": 3,
        "awaiting_answers": 2,
        "overdue": 1,
        "monitoring": 1,
        "closed": 2,
        "topics_waiting": 1,
    }
    on_the_day = panel_work_part(organisation=panel, roles=roles, today=date(2026, 5, 2))
    assert on_the_day["overdue"] == 0
    assert panel_work_part(organisation=cast.tmo, roles=roles, today=date(2026, 5, 3)) is None
    assert panel_work_part(organisation=panel, roles=frozenset(), today=date(2026, 5, 3)) is None


def test_the_panels_home_page_shows_its_work(cast, client_as):
    PublishedReportFactory(review__panel=cast.panel, answers_due_on=date(2020, 1, 1))
    page = client_as(cast.panel_member).get(
        reverse("reports:organisation-home", args=[cast.panel.slug])
    )
    text = page.content.decode()
    assert "The panel's work" in text
    assert "1 overdue" in text


@pytest.mark.parametrize("name", ["scrutiny:programme", "scrutiny:new-review", "scrutiny:evidence"])
def test_a_panels_own_pages_are_not_at_another_organisations_address(cast, client_as, name):
    admin = client_as(cast.people["site_admin"])
    assert admin.get(reverse(name, args=[cast.panel.slug])).status_code == 200
    for organisation in (cast.landlord, cast.tmo):
        assert admin.get(reverse(name, args=[organisation.slug])).status_code == 404
