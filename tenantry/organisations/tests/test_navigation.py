"""The organisation's menu, gathered from each app's `navigation.py`, per role of the cast."""

import pytest
from django.urls import reverse

from tenantry.core.menu import role_rules, sections

EVERY_SECTION = [
    "Home", "Performance", "Estates and homes", "Services", "Surveys", "Democracy", "Meetings",
    "Reviews", "Ballots", "Agreements", "People", "History", "About",
]  # fmt: skip

MENUS = {
    "resident": [
        "Home", "Performance", "Democracy", "Meetings", "Reviews", "Your repairs",
        "Your complaints", "Your surveys", "Agreements", "About",
    ],
    "committee": EVERY_SECTION,
    "staff": [
        "Home", "Performance", "Estates and homes", "Services", "New repair reports", "Surveys",
        "Democracy", "Meetings", "Reviews", "Ballots", "Agreements", "People", "About",
    ],
    "inspector": [
        "Home", "Performance", "Estates and homes", "Services", "Surveys", "Democracy", "Meetings",
        "Reviews", "Ballots", "Agreements", "About",
    ],
    "landlord_officer": EVERY_SECTION,
    "site_admin": [
        "Home", "Performance", "Estates and homes", "Services", "New repair reports", "Surveys",
        "Democracy", "Meetings", "Reviews", "Ballots", "Agreements", "People", "History", "About",
    ],
}  # fmt: skip


@pytest.mark.parametrize("role", MENUS)
def test_menu_shows_each_role_its_sections_in_order(cast, client_as, role):
    url = reverse("reports:organisation-home", args=[cast.tmo.slug])

    response = client_as(cast.people[role]).get(url)

    assert [str(item["label"]) for item in response.context["sections"]] == MENUS[role]


def test_menu_marks_the_page_being_shown(cast, client_as):
    url = reverse("homes:estates", args=[cast.tmo.slug])

    response = client_as(cast.people["committee"]).get(url)

    active = [str(item["label"]) for item in response.context["sections"] if item["active"]]
    assert active == ["Estates and homes"]


def test_menu_entries_come_from_the_app_that_owns_each_page():
    owners = {section.url_name.split(":")[0]: section.rule.__module__ for section in sections()}

    assert owners["organisations"].startswith("tenantry.organisations.")
    assert owners["indicators"].startswith("tenantry.indicators.")
    assert owners["surveys"].startswith("tenantry.surveys.")
    assert [section.order for section in sections()] == sorted(s.order for s in sections())


def test_may_offers_every_rule_of_every_app_once():
    # The buttons on pages ask `may.<rule>`: each app's own predicates, none from two places.
    modules = {rule.__module__ for rule in role_rules().values()}

    assert modules == {
        "tenantry.organisations.permissions",
        "tenantry.homes.permissions",
        "tenantry.records.permissions",
        "tenantry.indicators.permissions",
        "tenantry.surveys.permissions",
        "tenantry.democracy.permissions",
        "tenantry.reviews.permissions",
        "tenantry.scrutiny.permissions",
    }
    # with indicators.can_view_target_proposals, records.can_search and
    # records.can_see_who_reported (ASB reporters)
    # records.can_triage_repairs and indicators.can_recompute_indicators, and democracy's seven
    # (the constitution, the register, joining, the committee), four meeting and four ballot rules,
    # two of democratic health (an organisation's, and a landlord's across its organisations) and
    # four of elections (viewing, running, declaring, standing); and reviews' ten (viewing and
    # running reviews; viewing, writing and agreeing the programme; evidence files; a local
    # indicator made at step 8; publishing and commenting on improvement plans; the
    # self-assessment, inspectors' findings and the inspection pack); and scrutiny's five
    # (reading a panel's record, writing its reports, answering them, signing off actions, peer
    # reviews)
    assert len(role_rules()) == 82
    assert "can_see_respondents" not in role_rules()  # needs the survey: asked in the view
