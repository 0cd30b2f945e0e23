"""Every page of every demo login, as the page benchmark walks them (bench/pages.py), asked
in-process at two sizes of the same generated landlord: none fails, each answers the same at
both sizes, and none reads more queries at twice the size. A page reading a query for each
estate, block, member or record it shows would read more at the larger size."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from tenantry.demo.finish import finish_demo
from tenantry.demo.generate import generate
from tenantry.demo.surveys import add_generated_surveys
from tenantry.organisations.models import Organisation

# Homes: big enough that even the smallest organisation (a fiftieth of the landlord) holds
# meetings, elections and records of every kind at the smaller size.
SIZES = (2000, 4000)
# A page's queries may differ by a few with what its record holds (a safety check not yet done
# reads its requirement and its history): a query for each row would add far more.
SHAPE = 2
# No page reads more (the TSM return's workbook, every measure's sources): a list reading a
# query for each of its rows would.
MOST_QUERIES = 30


def _walk(bench, homes: int) -> dict[str, tuple[int, int]]:
    """{page: (status, queries)} of every page, on a landlord of `homes` homes made for the walk
    and rolled back after it."""
    cache.clear()
    with transaction.atomic():
        generate(homes=homes, years=1, seed=1, as_of=timezone.localdate(), records=True)
        finish_demo()
        add_generated_surveys(landlord=Organisation.objects.get(slug="northbrook-council"))
        pages, _unfilled = bench.discover(bench.ROLES)
        measures = bench.ask_in_process(pages, bench.ROLES, max_alone=3600, every_role=False)
        transaction.set_rollback(True)
    return {
        f"{m.page.role} {m.page.organisation} {m.page.label}": (m.status, m.queries)
        for m in measures
    }


@pytest.mark.django_db
def test_every_page_answers_and_reads_no_more_queries_at_twice_the_size(bench):
    small, large = (_walk(bench, homes) for homes in SIZES)
    shown = [page for page, (status, _queries) in small.items() if status == 200]
    assert len(shown) > 600  # every page of every login, not a few
    assert sorted(small) == sorted(large)
    statuses = [(page, status) for walk in (small, large) for page, (status, _q) in walk.items()]
    assert [(page, status) for page, status in statuses if status >= 500] == []
    answered = {page: (small[page][0], large[page][0]) for page in small}
    assert {page: both for page, both in answered.items() if len(set(both)) > 1} == {}
    grown = {
        page: f"{small[page][1]} → {large[page][1]}"
        for page in shown
        if large[page][1] > small[page][1] + SHAPE
    }
    assert grown == {}
    many = {page: large[page][1] for page in shown if large[page][1] > MOST_QUERIES}
    assert many == {}
