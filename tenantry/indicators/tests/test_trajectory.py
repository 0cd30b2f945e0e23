"""Five years of targets toward the top quartile: the steps, the goal offered, the saving."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tenantry.core.periods import financial_year, financial_year_of
from tenantry.indicators.models import PeerLandlord, PeerValue, Target
from tenantry.indicators.services.targets import plan_trajectory, save_trajectory, set_target
from tenantry.indicators.target_tracking import top_quartile_goal

from .routes_monitoring import indicator, result

pytestmark = pytest.mark.django_db

D = Decimal
THIS_YEAR = financial_year_of(date.today())
LAST_OF_FIVE = financial_year(THIS_YEAR.start.year + 4)


def test_equal_steps_up_to_the_goal():
    # 80 to 90 over five years: 2 points a year.
    assert plan_trajectory(indicator=indicator("RP02-2"), start=D(80), goal=D(90)) == [
        D("82.0"), D("84.0"), D("86.0"), D("88.0"), D("90.0"),
    ]  # fmt: skip


def test_steps_are_rounded_to_the_indicators_places_half_up():
    # 81.3 to 88: 1.34 a year, so 82.64, 83.98, 85.32, 86.66, 88.00.
    assert plan_trajectory(indicator=indicator("RP02-2"), start=D("81.3"), goal=D(88)) == [
        D("82.6"), D("84.0"), D("85.3"), D("86.7"), D("88.0"),
    ]  # fmt: skip


def test_lower_is_better_steps_down():
    # Re-let days 40 to the historic district top quartile of 25: 3 days fewer a year.
    assert plan_trajectory(indicator=indicator("BV212"), start=D(40), goal=D(25)) == [
        D("37.0"), D("34.0"), D("31.0"), D("28.0"), D("25.0"),
    ]  # fmt: skip


def test_a_figure_already_beyond_the_goal_is_held_not_lowered():
    assert (
        plan_trajectory(indicator=indicator("RP02-2"), start=D(97), goal=D(95)) == [D("97.0")] * 5
    )
    assert plan_trajectory(indicator=indicator("BV212"), start=D(20), goal=D(25)) == [D("20.0")] * 5


def test_saving_stores_five_yearly_targets_replacing_any_already_set(cast):
    rp02 = indicator("RP02-2")
    set_target(
        agreement=cast.agreement,
        indicator=rp02,
        year_start=date(2026, 4, 1),
        value=D(50),
        by=None,
    )

    saved = save_trajectory(
        agreement=cast.agreement,
        indicator=rp02,
        first_year="2025/26",
        start=D(80),
        goal=D(90),
        tolerance=D(1),
        by=cast.people["committee"],
    )

    assert [(t.year_start.year, t.value, t.tolerance) for t in saved] == [
        (2025, D(82), D(1)), (2026, D(84), D(1)), (2027, D(86), D(1)), (2028, D(88), D(1)),
        (2029, D(90), D(1)),
    ]  # fmt: skip
    assert Target.objects.filter(agreement=cast.agreement).count() == 5
    # The target replaced keeps its earlier value in its history.
    replaced = Target.objects.get(agreement=cast.agreement, year_start=date(2026, 4, 1))
    assert [h.value for h in replaced.history.order_by("history_date")] == [D(50), D(84)]


def _peer(code, year, number, value, stock="lcra"):
    landlord = PeerLandlord.objects.create(
        year_label=year, code=f"L{number}", name=f"Landlord {number}", landlord_type="LA"
    )
    return PeerValue.objects.create(landlord=landlord, code=code, stock_type=stock, value=value)


def test_the_goal_is_the_upper_quartile_of_the_regulators_figures():
    pytest.importorskip("tenantry.indicators.peers")
    # 60, 70, 80, 90, 100: QUARTILE.INC's upper quartile is 90 (position 1 + 0.75 × 4 = 4).
    for n, value in enumerate((60, 70, 80, 90, 100)):
        _peer("TP01", "2024/25", n, value)
    _peer("TP01", "2023/24", 9, 10)  # an older year is not mixed in

    goal = top_quartile_goal(indicator=indicator("TP01"), today=date(2025, 6, 1))

    assert goal.threshold == D(90)
    assert "regulator" in goal.source and "2024/25" in goal.source


def test_when_lower_is_better_the_goal_is_the_lower_quartile(cast):
    pytest.importorskip("tenantry.indicators.peers")
    # No published figures for a Best Value indicator: the organisations on Tenantry last year.
    # Re-let days 20, 24, 30, 40: lower quartile at position 1 + 0.25 × 3 = 1.75, 20 + 0.75 × 4.
    last_year = financial_year("2024/25")
    for n, days in enumerate((20, 24, 30, 40)):
        other = cast.tmo if n == 0 else cast.other_tmo.__class__.objects.create(
            name=f"Other {n}", slug=f"other-{n}", kind="tmo", landlord=cast.landlord
        )  # fmt: skip
        result(other, "BV212", last_year, days)

    goal = top_quartile_goal(indicator=indicator("BV212"), today=date(2025, 9, 1))

    assert goal.threshold == D("23.0")
    assert "the 4 organisations on Tenantry in 2024/25" in goal.source


def test_with_fewer_than_four_figures_there_is_no_goal_to_offer():
    pytest.importorskip("tenantry.indicators.peers")
    for n, value in enumerate((60, 70, 80)):
        _peer("TP01", "2024/25", n, value)
    assert top_quartile_goal(indicator=indicator("TP01"), today=date(2025, 6, 1)) is None


# --- the page ----------------------------------------------------------------------------------


def _url(cast):
    return reverse("indicators:plan-trajectory", args=[cast.tmo.slug, cast.agreement.pk, "RP02-2"])


def test_the_page_previews_the_five_targets_without_saving(cast, client_as):
    response = client_as(cast.people["committee"]).get(
        _url(cast), {"start": "80", "goal": "90", "first_year": THIS_YEAR.label, "tolerance": "0"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    for label, shown in ((THIS_YEAR.label, "82%"), (LAST_OF_FIVE.label, "90%")):
        assert label in page and shown in page
    assert "Save these five targets" in page
    assert not Target.objects.exists()


def test_saving_from_the_page_stores_five_targets(cast, client_as):
    response = client_as(cast.people["landlord_officer"]).post(
        _url(cast), {"start": "80", "goal": "90", "first_year": THIS_YEAR.label, "tolerance": "2"}
    )

    assert response.status_code == 302
    assert list(
        Target.objects.filter(agreement=cast.agreement)
        .order_by("year_start")
        .values_list("value", flat=True)
    ) == [D(82), D(84), D(86), D(88), D(90)]


def test_the_page_offers_this_years_figure_as_the_start(cast, client_as):
    result(cast.tmo, "RP02-2", financial_year("2025/26"), "81.27")
    page = client_as(cast.people["committee"]).get(_url(cast)).content.decode()
    assert 'value="81.3"' in page


def test_a_goal_left_out_is_an_error_that_keeps_the_start(cast, client_as):
    response = client_as(cast.people["committee"]).get(
        _url(cast), {"start": "77.5", "goal": "", "first_year": THIS_YEAR.label, "tolerance": "0"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and 'value="77.5"' in page
