"""`{% figure_cell figure label main %}`: one figure's cell of the performance table
(indicators/performance.html), written in one pass. The table has up to three for each of its
forty measures; an included template for each cost about a tenth of the table's drawing."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure_cell(figure, label, main: bool = False) -> str:
    empty = "" if figure.result or main else " tenantry-figures__empty"
    none = " tenantry-figures__none" if figure.value is None else ""
    suffix = (
        format_html(' <span class="tenantry-figures__suffix">{}</span>', figure.suffix)
        if figure.suffix
        else ""
    )
    stale = (
        format_html(' <span class="tenantry-figures__suffix">{}</span>', _("being recalculated"))
        if figure.result and figure.result.stale_since
        else ""
    )
    return format_html(
        '<td class="govuk-table__cell govuk-table__cell--numeric{}">'
        '<span class="tenantry-figures__label">{}: </span>'
        '<span class="tenantry-figures__figure{}">{}</span>{}{}</td>',
        empty, label, none, figure.number, suffix, stale,
    )  # fmt: skip
