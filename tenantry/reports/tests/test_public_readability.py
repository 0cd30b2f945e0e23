"""The public page reads plainly: the demo organisation's page (its committee's texts, with
figures, a plan, a scrutiny report and meetings) scores at least MIN_READING_EASE on the
Flesch reading ease scale (docs/public-pages.md says why this threshold)."""

from datetime import date

import pytest
import textstat
from django.urls import reverse

from tenantry.demo.public_pages import TEXTS
from tenantry.journey.tests.readability import prose
from tenantry.reports import services
from tenantry.reviews.tests.plan_factories import ActionFactory, PublishedPlanFactory
from tenantry.scrutiny.tests.factories_report import PublishedReportFactory

from .test_public_page import _figures, _meetings

pytestmark = pytest.mark.django_db

# 60–70 is "plain English" on Flesch's scale, what the Plain English Campaign asks of writing
# for the public; figures' sentences carry numbers and names of services, so the page is held
# to the bottom of that band rather than the journey pages' 65.
MIN_READING_EASE = 60
MIN_WORDS = 150


def _score(text: str) -> float:
    textstat.set_lang("en_GB")
    return textstat.flesch_reading_ease(text)


def _demo_page(cast) -> None:
    _figures(cast)
    plan = PublishedPlanFactory(review__organisation=cast.tmo, review__title="Repairs review")
    ActionFactory(plan=plan, due_on=date(2027, 3, 31))
    PublishedReportFactory(review__panel=cast.panel, review__scrutinised=cast.tmo)
    _meetings(cast)
    services.save_public_page(organisation=cast.tmo, by=None, **TEXTS)
    services.publish_public_page(organisation=cast.tmo, by=None)


@pytest.mark.parametrize("name", ["reports:public-page", "reports:public-performance"])
def test_the_demo_organisations_page_reads_plainly(cast, client, name):
    _demo_page(cast)

    text = prose(client.get(reverse(name, args=[cast.tmo.slug])).text)

    assert len(text.split()) >= (MIN_WORDS if name == "reports:public-page" else 20)
    ease = _score(text)
    assert ease >= MIN_READING_EASE, f"{name}: reading ease {ease:.0f}: {text}"


def test_the_committees_texts_in_the_demo_read_plainly():
    text = " ".join(value for value in TEXTS.values() if isinstance(value, str) and " " in value)
    assert _score(text) >= 70
