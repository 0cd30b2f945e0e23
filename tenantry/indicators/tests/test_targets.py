"""Targets: red, amber and green at their edges, the targets page, and setting a target."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.core.periods import financial_year, quarter
from tenantry.indicators.models import Indicator, Target
from tenantry.indicators.services.targets import set_target
from tenantry.indicators.target_tracking import TargetRow, target_rows
from tenantry.indicators.targets import Status, status_against_target
from tenantry.organisations.tests.factories import AgreementFactory

from .routes_monitoring import indicator, result, schedule

pytestmark = pytest.mark.django_db

YEAR = financial_year("2024/25")


def _status(value, target, tolerance, *, higher_is_better):
    return status_against_target(
        Decimal(value), Decimal(target), Decimal(tolerance), higher_is_better=higher_is_better
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("95", Status.GREEN),  # exactly on target
        ("96.5", Status.GREEN),  # beyond it
        ("94.9", Status.AMBER),  # short, within the tolerance of 2
        ("93", Status.AMBER),  # exactly at the tolerance's edge: still amber
        ("92.9", Status.RED),  # just past the edge
    ],
)
def test_higher_is_better_status_at_its_edges(value, expected):
    assert _status(value, "95", "2", higher_is_better=True) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25", Status.GREEN),  # re-let days exactly on target
        ("21", Status.GREEN),  # fewer days than the target
        ("26", Status.AMBER),
        ("28", Status.AMBER),  # 3 days over with a tolerance of 3: the edge is amber
        ("28.1", Status.RED),
    ],
)
def test_lower_is_better_status_at_its_edges(value, expected):
    assert _status(value, "25", "3", higher_is_better=False) == expected


def test_with_no_tolerance_anything_short_is_red():
    assert _status("94.99", "95", "0", higher_is_better=True) == Status.RED
    assert _status("95", "95", "0", higher_is_better=True) == Status.GREEN


def test_no_figure_has_no_status():
    assert status_against_target(None, Decimal(95), Decimal(2), higher_is_better=True) is None


def test_the_figure_is_judged_as_shown_rounded_to_the_indicators_places(cast):
    # 94.96% shows as 95% (95.0 rounded half up), so a reader sees it meet a 95% target:
    # it is green, not amber.
    row = TargetRow(
        indicator=indicator("RP02-2"),
        target=Target(value=Decimal(95), tolerance=Decimal(0)),
        result=result(cast.tmo, "RP02-2", YEAR, "94.96"),
        item=None,
    )
    assert row.status == Status.GREEN
    assert row.figure == "95%"


def test_target_rows_take_the_years_own_figure_before_its_quarters(cast):
    schedule(cast.agreement, "RP02-2")
    set_target(
        agreement=cast.agreement,
        indicator=indicator("RP02-2"),
        year_start=YEAR.start,
        value=Decimal(95),
        tolerance=Decimal(2),
        by=None,
    )
    result(cast.tmo, "RP02-2", quarter("2024/25", "Q4"), "99")
    result(cast.tmo, "RP02-2", YEAR, "93.5")

    (row,) = target_rows(agreement=cast.agreement, year=YEAR)

    assert row.result.period_label == "2024/25"
    assert row.status == Status.AMBER


def test_target_rows_fall_back_to_the_newest_quarter_within_the_year(cast):
    schedule(cast.agreement, "BV212")
    set_target(
        agreement=cast.agreement,
        indicator=indicator("BV212"),
        year_start=YEAR.start,
        value=Decimal(25),
        by=None,
    )
    result(cast.tmo, "BV212", quarter("2024/25", "Q1"), "20")
    result(cast.tmo, "BV212", quarter("2024/25", "Q2"), "31")
    result(cast.tmo, "BV212", quarter("2023/24", "Q4"), "10")  # the year before: ignored

    (row,) = target_rows(agreement=cast.agreement, year=YEAR)

    assert row.result.period_label == "2024/25 Q2"
    assert row.status == Status.RED


def test_with_nothing_scheduled_the_key_indicators_are_listed(cast):
    rows = target_rows(agreement=cast.agreement, year=YEAR)
    assert {r.indicator.code for r in rows} == set(
        Indicator.objects.filter(is_key=True, organisation=None).values_list("code", flat=True)
    )


def test_setting_a_target_twice_changes_it_and_keeps_the_history(cast):
    rp02 = indicator("RP02-2")
    set_target(
        agreement=cast.agreement,
        indicator=rp02,
        year_start=YEAR.start,
        value=Decimal(90),
        by=cast.people["committee"],
    )
    set_target(
        agreement=cast.agreement,
        indicator=rp02,
        year_start=YEAR.start,
        value=Decimal(92),
        by=cast.people["landlord_officer"],
    )

    target = Target.objects.get(agreement=cast.agreement, indicator=rp02)
    assert target.value == 92
    assert [h.history_user for h in target.history.order_by("history_date")] == [
        cast.people["committee"],
        cast.people["landlord_officer"],
    ]


def test_a_percentage_target_over_100_is_refused():
    with pytest.raises(ValidationError) as error:
        set_target(
            agreement=AgreementFactory(),
            indicator=indicator("RP02-2"),
            year_start=YEAR.start,
            value=Decimal(101),
            by=None,
        )
    assert "between 0 and 100" in str(error.value)


def test_another_organisations_local_indicator_cannot_have_a_target_here(cast):
    theirs = Indicator.objects.create(
        organisation=cast.other_tmo, code="GRAFFITI", name="Graffiti", unit="score",
        framework="local", source="manual",
    )  # fmt: skip
    with pytest.raises(ValidationError):
        set_target(
            agreement=cast.agreement,
            indicator=theirs,
            year_start=YEAR.start,
            value=Decimal(4),
            by=None,
        )


# --- pages ------------------------------------------------------------------------------------


def _url(cast, name="indicators:targets", *args, slug=None):
    return reverse(name, args=[slug or cast.tmo.slug, cast.agreement.pk, *args])


def test_residents_see_targets_and_status_but_no_change_links(cast, client_as):
    schedule(cast.agreement, "RP02-2")
    set_target(
        agreement=cast.agreement,
        indicator=indicator("RP02-2"),
        year_start=YEAR.start,
        value=Decimal(95),
        by=None,
    )
    result(cast.tmo, "RP02-2", YEAR, "96")

    response = client_as(cast.people["resident"]).get(_url(cast) + "?year=2024/25")

    assert response.status_code == 200
    page = response.content.decode()
    assert "95.00%" not in page and "95.0%" not in page and ">95%<" in page
    assert "On target" in page
    assert (
        reverse("indicators:set-target", args=[cast.tmo.slug, cast.agreement.pk, "RP02-2"])
        not in page
    )


def test_committee_sets_a_target_and_is_sent_back_to_the_year(cast, client_as):
    client = client_as(cast.people["committee"])
    response = client.post(
        _url(cast, "indicators:set-target", "RP02-2") + "?year=2024/25",
        {"value": "96.5", "tolerance": "1.5", "note": "Up from 95 after the new contract."},
    )

    assert response.status_code == 302
    assert response.url.endswith("?year=2024/25")
    target = Target.objects.get(agreement=cast.agreement, indicator__code="RP02-2")
    assert (target.value, target.tolerance, target.year_start) == (
        Decimal("96.5"), Decimal("1.5"), YEAR.start,
    )  # fmt: skip
    assert target.set_by == cast.people["committee"]


def test_a_target_form_with_errors_keeps_what_was_typed(cast, client_as):
    client = client_as(cast.people["landlord_officer"])
    response = client.post(
        _url(cast, "indicators:set-target", "RP02-2") + "?year=2024/25",
        {"value": "120", "tolerance": "2", "note": "Far too keen"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "A percentage target must be between 0 and 100." in page
    assert 'value="120"' in page and "Far too keen" in page
    assert not Target.objects.exists()


def test_a_negative_tolerance_is_an_error_on_its_field(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _url(cast, "indicators:set-target", "BV212"), {"value": "25", "tolerance": "-1"}
    )
    assert response.status_code == 400
    assert 'value="-1"' in response.content.decode()


def test_the_target_page_shows_who_changed_what(cast, client_as):
    rp02 = indicator("RP02-2")
    for value, who in ((90, "committee"), (93, "landlord_officer")):
        set_target(
            agreement=cast.agreement,
            indicator=rp02,
            year_start=YEAR.start,
            value=Decimal(value),
            by=cast.people[who],
        )

    page = (
        client_as(cast.people["committee"])
        .get(_url(cast, "indicators:set-target", "RP02-2") + "?year=2024/25")
        .content.decode()
    )

    history = page[page.index("Who set the RP02-2 targets") :]
    # Newest first: the landlord's change, then the committee's first setting.
    assert history.index("Landlord_Officer") < history.index("Committee")
    assert 'govuk-table__cell--numeric">93</td>' in history
    assert 'govuk-table__cell--numeric">90<br>' in history and "first set" in history


def test_an_unknown_indicator_code_is_a_404(cast, client_as):
    response = client_as(cast.people["committee"]).get(_url(cast, "indicators:set-target", "NOPE"))
    assert response.status_code == 404
