"""A scrutiny panel manages no homes and keeps no records: its menu offers only what it can use,
and its performance page sets each organisation's figures beside the landlord's."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.indicators.models import Indicator, Result, Scope
from tenantry.organisations.tests.factories import (
    AgreementFactory,
    OrganisationFactory,
    RoleFactory,
)
from tenantry.records.selectors.keeping import keeps_records

pytestmark = pytest.mark.django_db

# What a page says when the organisation has no use for it.
DEAD_ENDS = (
    "cannot record",
    "cannot import",
    "No homes are managed by this organisation",
    "No management agreement has been recorded",
    "There are no surveys yet",
)
YEAR = financial_year("2024/25")


@pytest.fixture
def panel(cast):
    return OrganisationFactory(
        name="Northbrook Scrutiny Panel",
        slug="panel",
        kind="scrutiny_panel",
        landlord=cast.landlord,
    )


@pytest.fixture
def member(panel):
    return RoleFactory(role=Role.PANEL, organisation=panel, user=UserFactory(name="Usha")).user


def _menu(client, organisation) -> dict[str, str]:
    response = client.get(reverse("reports:organisation-home", args=[organisation.slug]))
    assert response.status_code == 200
    return {str(item["label"]): item["url"] for item in response.context["sections"]}


def test_every_page_in_a_panels_menu_is_of_use_to_it(client_as, panel, member):
    client = client_as(member)
    menu = _menu(client, panel)

    assert list(menu) == [
        "Home", "Performance", "Scrutiny reviews", "Evidence", "Reports and answers",
        "The panel", "About",
    ]  # fmt: skip
    for label, url in menu.items():
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, label
        assert not [words for words in DEAD_ENDS if words in page], label


def test_a_managing_organisation_still_has_its_whole_menu(cast, client_as):
    menu = _menu(client_as(cast.people["staff"]), cast.tmo)
    assert {"Estates and homes", "Services", "Surveys", "Agreements"} <= set(menu)


def test_services_are_offered_exactly_where_records_can_be_kept(cast, client_as, panel):
    """One rule: the menu offers Services where `keeps_records` holds, and the record pages say
    they cannot record where it does not."""
    ended = AgreementFactory(
        organisation__name="Old TMO", organisation__landlord=cast.landlord,
        starts_on=date(2015, 4, 1), ends_on=date(2020, 3, 31), services=["repairs"],
    ).organisation  # fmt: skip
    tenancy_only = AgreementFactory(
        organisation__name="Tenancy TMO", organisation__landlord=cast.landlord,
        starts_on=date(2020, 4, 1), services=["tenancy_management"],
    ).organisation  # fmt: skip
    client = client_as(cast.people["landlord_officer"])

    for organisation, keeps in [
        (cast.landlord, True), (cast.tmo, True), (panel, False), (ended, False),
        (tenancy_only, False),
    ]:  # fmt: skip
        assert keeps_records(organisation) is keeps, organisation
        assert ("Services" in _menu(client, organisation)) is keeps, organisation
        repairs = client.get(reverse("services:record-list", args=[organisation.slug, "repairs"]))
        assert ("cannot record" in repairs.content.decode()) is not keeps, organisation


# --- figures by organisation ------------------------------------------------------------------


def _result(organisation, scope: str, code: str, value: str | None) -> None:
    Result.objects.create(
        indicator=Indicator.objects.get(organisation=None, code=code),
        organisation=organisation,
        scope=scope,
        period_kind=YEAR.kind,
        period_start=YEAR.start,
        period_end=YEAR.end,
        period_label=YEAR.label,
        value=None if value is None else Decimal(value),
        source="records",
        computed_at=timezone.now(),
    )


def _row(page: str, code: str) -> list[str]:
    """The text of each cell in the row of the indicator with this code."""
    row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.S) if code in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    value = r'<span class="tenantry-stack__value">(.*?)</span>\s*$'
    hidden = r'<span class="govuk-visually-hidden">.*?</span>'
    return [
        re.sub(
            r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(hidden, "", re.search(value, c, re.S)[1]))
        ).strip()
        for c in cells
    ]


def test_a_panel_reads_each_organisations_figures_beside_the_landlords(
    cast, client_as, panel, member
):
    brook = AgreementFactory(
        organisation__name="Brookfield Co-op", organisation__slug="brookfield",
        organisation__landlord=cast.landlord, starts_on=date(2020, 4, 1),
    ).organisation  # fmt: skip
    # Emergency repairs in time: the whole stock 37 of 40, the council's own homes 9 of 10,
    # Brookfield 10 of 10, Kingsmead 18 of 20 (9 + 10 + 18 = 37, 10 + 10 + 20 = 40).
    _result(cast.landlord, Scope.LANDLORD_ALL, "RP02-2", "92.5")
    _result(cast.landlord, Scope.LANDLORD_DIRECT, "RP02-2", "90")
    _result(brook, Scope.ORGANISATION, "RP02-2", "100")
    _result(cast.tmo, Scope.ORGANISATION, "RP02-2", "90")
    # Average re-let time in days: Kingsmead has let no home this year.
    _result(cast.landlord, Scope.LANDLORD_ALL, "BV212", "31.25")
    _result(cast.landlord, Scope.LANDLORD_DIRECT, "BV212", "28")
    _result(brook, Scope.ORGANISATION, "BV212", "40.5")
    _result(cast.tmo, Scope.ORGANISATION, "BV212", None)
    _result(cast.other_tmo, Scope.ORGANISATION, "RP02-2", "10")  # another landlord's: not here

    page = (
        client_as(member)
        .get(
            reverse("indicators:performance", args=[panel.slug]),
            {"period": YEAR.label, "by": "organisation"},
        )
        .content.decode()
    )

    headings = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page)[:5]
    assert headings == [
        "Measure",
        "All Northbrook Council homes",
        "Homes Northbrook Council manages itself",
        "Brookfield Co-op",
        "Kingsmead TMO",
    ]
    assert _row(page, "RP02-2") == ["92.5%", "90%", "100%", "90%"]
    assert _row(page, "BV212") == ["31.3 days", "28 days", "40.5 days", "No figure"]
    assert "Elsewhere TMO" not in page


def test_a_panel_can_open_one_organisations_figures(cast, client_as, panel, member):
    _result(cast.tmo, Scope.ORGANISATION, "RP02-2", "90")
    page = (
        client_as(member)
        .get(
            reverse("indicators:performance", args=[panel.slug]),
            {"period": YEAR.label, "scope": f"org:{cast.tmo.slug}"},
        )
        .content.decode()
    )
    assert '<span class="govuk-caption-l">Kingsmead TMO</span>' in page
    assert "90%" in page
