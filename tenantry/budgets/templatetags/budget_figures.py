"""Money on the budgets pages, rounded by core/figures.py's one rule and always with its pence,
as on a statement: "£1,234.50", "£440.00", "-£20.00"; "–" when there is none."""

from django import template
from django.utils.translation import gettext as _

from tenantry.core.figures import figure_text, money_text, rounded

register = template.Library()


@register.filter
def pounds(value) -> str:
    number = rounded(value, 2)
    if number is None:
        return "–"
    shown = _("£%(number)s") % {"number": money_text(abs(number))}
    return f"-{shown}" if number < 0 else shown


@register.filter
def percent(value) -> str:
    return figure_text(value, "percent", places=1)


@register.filter
def pounds_out(value) -> str:
    """Money going out, written as the positive sum paid."""
    return pounds(None if value is None else -value)
