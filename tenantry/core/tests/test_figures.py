"""Figures are written as Django writes numbers in each of the site's languages: grouped by
commas, a full stop before the decimals (`core.figures._grouped` writes them directly)."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format

from tenantry.core.figures import figure_text, money_text, number_text

VALUES = [
    (Decimal("0"), 0),
    (Decimal("7"), 0),
    (Decimal("999.5"), 1),
    (Decimal("1000"), 0),
    (Decimal("-1234.5"), 2),
    (Decimal("12345678.25"), 2),
    (Decimal("0.05"), 2),
    (Decimal("-0.5"), 1),
]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(("value", "places"), VALUES)
def test_numbers_are_written_as_each_language_writes_them(language, value, places):
    with translation.override(language):
        expected = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
        assert number_text(value, places=places) in (expected, expected.removesuffix(".0"))


def test_hand_worked_figures():
    assert number_text(Decimal("1234")) == "1,234"
    assert number_text(Decimal("12.5"), places=1) == "12.5"
    assert number_text(Decimal("12.50")) == "12.50"  # not whole: two places
    assert number_text(12000) == "12,000"
    assert number_text(Decimal("67.25"), places=1) == "67.3"  # half up, not to even
    assert money_text(Decimal("1210")) == "1,210.00"
    assert money_text(Decimal("-1234.567")) == "-1,234.57"
    assert figure_text(Decimal("81.25"), "percent") == "81.3%"
    assert figure_text(Decimal("1234.5"), "pounds") == "£1,234.50"
    assert figure_text(Decimal("-1234.5"), "pounds") == "-£1,234.50"
    assert figure_text(Decimal("12000"), "number", places=0) == "12,000"
    assert figure_text(None, "percent") == "–"
