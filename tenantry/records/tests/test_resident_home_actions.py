"""The links the resident's home page includes (services/resident/home_actions.html)."""

from django.template.loader import render_to_string
from django.urls import reverse


def test_the_home_page_fragment_links_to_each_resident_page(cast):
    html = render_to_string(
        "records/resident/home_actions.html",
        {"organisation": cast.tmo, "may": {"report_as_resident": True}},
    )

    for name in ("report-my-repair", "my-repairs", "make-my-complaint", "my-complaints"):
        assert f'href="{reverse(f"services:{name}", args=[cast.tmo.slug])}"' in html, name


def test_the_fragment_shows_nothing_to_people_who_do_not_live_there(cast):
    html = render_to_string(
        "records/resident/home_actions.html",
        {"organisation": cast.tmo, "may": {"report_as_resident": False}},
    )

    assert html.strip() == ""
