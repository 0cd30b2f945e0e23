"""`{% pagination page query %}`: GOV.UK numbered pagination for any page of a Django paginator."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.inclusion_tag("includes/pagination.html")
def pagination(page: Page, query: str = "") -> dict:
    """Previous, numbered pages around this one (first and last always), next; `query` is the
    rest of the list's query string (its filter), kept on every link."""
    paginator = page.paginator
    return {
        "page": page,
        "prefix": f"{query}&" if query else "",
        "links": list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
        "ellipsis": paginator.ELLIPSIS,
        "more": getattr(paginator, "more", False),
        "cap": getattr(paginator, "cap", None),
    }
