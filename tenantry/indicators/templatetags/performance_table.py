"""The performance table (indicators/performance.html), written in one pass.

`{% performance_row row has_split %}` writes one measure's row and `{% figure_cell figure label
main %}` one figure's cell. The table has forty measures of up to three figures. Drawn by the
template's own tags, they were most of the template's work, and the template about half of the
page's time (profiled)."""

from django import template
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
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


@register.simple_tag(takes_context=True)
def performance_row(context, row, has_split: bool) -> str:
    """One measure: its name, sentence and source, its figures, its target and its change."""
    e = conditional_escape
    slug, indicator, figure = context["organisation"].slug, row.indicator, row.figure
    result, name = figure.result, e(indicator.name)
    link = e(reverse("indicators:indicator", args=[slug, indicator.code]))
    better = _("higher is better") if indicator.higher_is_better else _("lower is better")
    meta = f"{e(indicator.code)} · {e(better)}"
    if result:
        when = e(date_format(template_localtime(result.computed_at), "j M Y"))
        source = (
            _("entered by hand on %(when)s")
            if result.source == "manual"
            else _("worked out on %(when)s")
        )
        meta += " · " + source % {"when": when}
    if row.may_enter and context["may"]["enter_results"] and context["scope"].is_own:
        enter = e(reverse("indicators:enter-result", args=[slug, indicator.code]))
        period = e(urlencode(context["period"].label))
        change = _("change the figure") if result else _("enter the figure")
        meta += (
            f' · <a class="govuk-link tenantry-no-print" href="{enter}?period={period}">'
            f'{e(change)}<span class="govuk-visually-hidden"> – {name}</span></a>'
        )
    # The main figure's label, as the template's `yesno` gave it from one translated string.
    labels = _("All homes,Figure").split(",")
    parts = [
        '    <tr class="govuk-table__row">\n'
        '      <th scope="row" class="govuk-table__header">\n'
        f'        <a class="govuk-link" href="{link}?{e(context["query"])}">{name}</a>\n'
        f'        <p class="govuk-body tenantry-figures__sentence">{e(figure.sentence)}</p>\n'
        f'        <span class="tenantry-figures__meta">{meta}</span>\n'
        "      </th>\n"
        f"      {figure_cell(figure, labels[0] if has_split else labels[1], True)}\n"
    ]
    if has_split:
        stock_labels = context["stock_labels"]
        for stock, split in row.split.items():
            label = stock_labels["lcra"] if stock == "lcra" else stock_labels["lcho"]
            parts.append(f"        {figure_cell(split, label)}\n")
        if not row.split:
            parts.append(
                '        <td class="govuk-table__cell govuk-table__cell--numeric '
                'tenantry-figures__empty"><span class="govuk-visually-hidden">'
                f"{e(_('Not reported by kind of home'))}</span></td>\n"
                '        <td class="govuk-table__cell govuk-table__cell--numeric '
                'tenantry-figures__empty"></td>\n'
            )
    if row.target:
        target = (
            f'<td class="govuk-table__cell"><span class="tenantry-figures__label">'
            f"{e(_('Target'))}: </span>{e(row.target_text)}"
        )
        if row.status:
            target += (
                f'<br><strong class="govuk-tag govuk-tag--{e(row.status_colour)} '
                f'govuk-!-margin-top-1">{e(row.status.label)}</strong>'
            )
        target += "</td>"
    else:
        target = (
            '<td class="govuk-table__cell tenantry-figures__empty">'
            f'<span class="govuk-visually-hidden">{e(_("No target"))}</span></td>'
        )
    if row.change:
        c = row.change
        moved = (
            '<td class="govuk-table__cell">'
            f'<span class="govuk-visually-hidden">{e(c.words)}</span><span aria-hidden="true">'
            f'<span class="tenantry-figures__change--{e(c.verdict)}">{e(c.arrow)}</span> '
            f'{e(c.short)}<span class="tenantry-figures__meta">{e(c.before)}</span></span></td>'
        )
    else:
        moved = (
            '<td class="govuk-table__cell tenantry-figures__empty"><span class="govuk-visually-'
            f'hidden">{e(_("No figure to compare with"))}</span></td>'
        )
    parts.append(f"      {target}\n      {moved}\n    </tr>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
