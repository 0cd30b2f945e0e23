"""Money on the budgets pages, written by core/figures.py's one rule: "£1,234.50", "-£20.00"."""

from django import template

from tenantry.core.figures import POUNDS, figure_text

register = template.Library()


@register.filter
def pounds(value) -> str:
    return figure_text(value, POUNDS, places=2)


@register.filter
def percent(value) -> str:
    return figure_text(value, "percent", places=1)
