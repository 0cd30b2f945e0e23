"""Template tags for pages of other apps that show service-record actions."""

from django import template

from tenantry.organisations.models import Organisation

from ..selectors.keeping import record_kinds_kept_by

register = template.Library()


@register.simple_tag
def record_kinds_kept(organisation: Organisation) -> frozenset[str]:
    """`{% record_kinds_kept organisation as kept %}`: the kinds of record it keeps today."""
    return record_kinds_kept_by(organisation=organisation)
