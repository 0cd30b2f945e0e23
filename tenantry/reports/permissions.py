"""Who may do what with what tenants read. Each rule takes a person's roles in the organisation
(`tenantry/core/permissions.py`) and answers one question."""

from typing import Final

from tenantry.core.permissions import Role, Roles, holds_any
from tenantry.organisations.permissions import can_edit_organisation

# docs/newsletters.md: the organisation's own people write to its residents. The committee
# answers for what is said and staff do the office work; the site administrator may step in.
# The landlord, the panel and inspectors read what was sent through residents, not here: a
# newsletter is the organisation's own voice, and its recipient list names households.
NEWSLETTER_WRITERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_view_newsletters(roles: Roles) -> bool:
    """The list of newsletters, each one's preview and how its sending went."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_compose_newsletters(roles: Roles) -> bool:
    """Write a draft: its title, introduction and items."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_send_newsletters(roles: Roles) -> bool:
    """Send a newsletter to its audience, and print the letters for those without email."""
    return holds_any(roles, NEWSLETTER_WRITERS)


def can_keep_public_page(roles: Roles) -> bool:
    """Those who keep the organisation's details write, publish and withdraw its public page:
    its committee, its landlord (who may correct them) and the site administrator."""
    return can_edit_organisation(roles)
