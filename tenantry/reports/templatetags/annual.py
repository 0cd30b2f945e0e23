from django import template

register = template.Library()


@register.filter
def without_figure(rows: list[dict]) -> str:
    """The names of the snapshot's rows that have no figure this year, joined for one line."""
    return "; ".join(str(row["name"]) for row in rows if row.get("value") is None)
