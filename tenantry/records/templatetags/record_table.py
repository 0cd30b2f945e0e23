"""`{% record_rows rows organisation slug has_tag %}`: the rows of a records list
(records/staff/record_list.html), written in one pass. A page has fifty rows of up to nine cells;
drawn by the template's loops, with an included tag in each row, they took a fifth to a
quarter of the page's time.

`{% record_tag target %}`: a record's tag against its target ("Missed by 2 working days", red),
as the list, a record's page and the overdue work show it: the one place its markup is written."""

from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from tenantry.organisations.models import Organisation

register = template.Library()

_CELL = '<td class="govuk-table__cell">'
_NUMERIC_CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">'
_TAG_ABOUT = (
    '<span class="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-bottom-1">'
)
_ABOUT = '<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">'


@register.simple_tag
def record_tag(tag) -> str:
    """A GOV.UK tag for anything with a `text` and a `colour` (a list row's `Tag`, a deadline's
    `Target`), or nothing."""
    if not tag:
        return ""
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', tag.colour, tag.text)


@register.simple_tag
def record_rows(
    rows: Iterable[dict], organisation: Organisation, slug: str, has_tag: bool
) -> SafeString:
    # The link's address differs by the record's key alone: reversed once, then filled in.
    link = reverse("services:record", args=[organisation.slug, slug, 0]).removesuffix("0/")
    escape = conditional_escape
    parts: list[str] = []
    add = parts.append
    for row in rows:
        record = row["record"]
        add('\n    <tr class="govuk-table__row">\n      ')
        add(f'{_CELL}<a class="govuk-link govuk-!-font-weight-bold" href="{link}{record.pk}/">')
        add(f"{escape(record.reference)}</a>")
        if row["place"]:
            add(f"<br>{escape(row['place'])}")
        if row["about"]:
            add(f"{_ABOUT}{escape(row['about'])}</span>")
        add("</td>\n      ")
        for value, numeric in row["cells"]:
            add(f"{_NUMERIC_CELL if numeric else _CELL}{escape(value)}</td>")
        add("\n      ")
        if has_tag:
            add(_CELL)
            if row["tag_about"]:
                add(f"{_TAG_ABOUT}{escape(row['tag_about'])}</span>")
            add(record_tag(row["tag"]))
            add("</td>")
        add("\n    </tr>\n  ")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
