"""The organisation's menu, gathered from each app's `navigation.py`, per role of the cast."""

import pytest
from django.urls import reverse

from tenantry.core.menu import role_rules, sections

EVERY_SECTION = [
    "Home", "Performance", "Annual reports", "Complaint handling", "Estates and homes",
    "Services", "Surveys", "What residents raise", "Democracy", "Meetings", "Reviews",
    "Training", "Budgets", "Ballots", "Participatory budgets", "Agreements", "Newsletters",
    "People", "Visits and directory", "History", "Public page", "About",
]  # fmt: skip

MENUS = {
    "resident": [
        "Home", "Performance", "Annual reports", "Complaint handling", "Democracy", "Meetings",
        "Reviews", "Budgets", "Your repairs", "Participatory budgets", "Your complaints",
        "Your surveys", "Agreements", "About",
    ],
    "committee": EVERY_SECTION,
    "staff": [
        "Home", "Performance", "Annual reports", "Complaint handling", "Estates and homes",
        "Services", "New repair reports", "Surveys", "What residents raise", "Democracy",
        "Meetings", "Reviews", "Training", "Budgets", "Ballots", "Participatory budgets",
        "Agreements", "Newsletters", "People", "Visits and directory", "About",
    ],
    "inspector": [
        "Home", "Performance", "Annual reports", "Complaint handling", "Estates and homes",
        "Services", "Surveys", "What residents raise", "Democracy", "Meetings", "Reviews",
        "Budgets", "Ballots", "Participatory budgets", "Agreements", "About",
    ],
    # The landlord's officers do not keep the organisation's directory page or answer visits.
    # Nor write the organisation's newsletters.
    "landlord_officer": [
        name for name in EVERY_SECTION if name not in ("Visits and directory", "Newsletters")
    ],
    "site_admin": [
        "Home", "Performance", "Annual reports", "Complaint handling", "Estates and homes",
        "Services", "New repair reports", "Surveys", "What residents raise", "Democracy",
        "Meetings", "Reviews", "Training", "Budgets", "Ballots", "Participatory budgets",
        "Agreements", "Newsletters", "People", "Visits and directory", "History", "Public page",
        "About",
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
        "tenantry.journey.permissions",
        "tenantry.budgets.permissions",
        "tenantry.reports.permissions",
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
    # self-assessment, inspectors' findings and the inspection pack); the journey's one
    # (keeping grant programmes) and its directory's two (keeping a directory page, hosting
    # visits); budgets' eight (viewing and keeping budgets, viewing and
    # keeping the allowance, the landlord's costs, the ledger's workbook, bidding and deciding
    # bids); training's two (keeping an organisation's training, and seeing the committee's
    # skills coverage); and scrutiny's ten (a panel's own work, its evidence, the landlord
    # following it and answering evidence requests, residents asking for a topic, reading a
    # panel's record, writing its reports, answering them, signing off actions, peer reviews);
    # and reports' ten (viewing, writing and sending newsletters; keeping the public page;
    # reading the complaints self-assessment and report, published or draft; reading, reading
    # drafts of, writing and publishing the annual report; seeing the themes in residents'
    # comments and working them out again)
    assert len(role_rules()) == 113
    assert "can_see_respondents" not in role_rules()  # needs the survey: asked in the view


PANEL_MENU = [
    "Home", "Performance", "Scrutiny reviews", "Evidence", "Reports and answers", "The panel",
    "About",
]  # fmt: skip


def test_a_panel_member_is_offered_the_panels_own_pages(cast, client_as):
    url = reverse("reports:organisation-home", args=[cast.panel.slug])

    response = client_as(cast.panel_member).get(url)

    assert [str(item["label"]) for item in response.context["sections"]] == PANEL_MENU


def test_a_resident_is_offered_to_ask_their_landlords_panel_once_there_is_one(cast, client_as):
    url = reverse("reports:organisation-home", args=[cast.tmo.slug])
    assert cast.panel  # the landlord now has a scrutiny panel

    response = client_as(cast.people["resident"]).get(url)

    assert "Ask the scrutiny panel" in [str(item["label"]) for item in response.context["sections"]]


def test_the_landlord_follows_scrutiny_at_its_own_address(cast, client_as):
    url = reverse("reports:organisation-home", args=[cast.landlord.slug])

    response = client_as(cast.people["landlord_officer"]).get(url)

    assert "Scrutiny" in [str(item["label"]) for item in response.context["sections"]]


@pytest.mark.parametrize(
    ("url_name", "marked"),
    [
        ("scrutiny:programme", "Scrutiny reviews"),
        ("scrutiny:evidence", "Evidence"),
        ("scrutiny:panel", "The panel"),
    ],
)
def test_one_panel_page_is_marked_at_a_time(cast, client_as, url_name, marked):
    response = client_as(cast.panel_member).get(reverse(url_name, args=[cast.panel.slug]))

    active = [str(item["label"]) for item in response.context["sections"] if item["active"]]
    assert active == [marked]
