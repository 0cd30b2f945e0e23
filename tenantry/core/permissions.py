"""The roles a person can hold in an organisation, and the sets of roles the rules are made of.

A person's *roles* are what they hold in one organisation: granted there directly, or reached
through it (a landlord officer holds `LANDLORD_OFFICER` in each organisation its landlord works
with; a site administrator holds `SITE_ADMIN` everywhere).

The rules themselves live with the data they are about, one `permissions.py` per app
(`tenantry/organisations/permissions.py`, `tenantry/surveys/permissions.py` and so on): each
predicate there takes those roles (and the object, where the object matters) and answers one
question, so views, services, the API and commands all ask the same thing the same way.

A person with no role in an organisation cannot see that it exists (404); a person with a role
but not the right one is refused (403).
"""

from collections.abc import Iterable
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    MEMBER = "member", _("Member")
    COMMITTEE = "committee", _("Committee member")
    STAFF = "staff", _("Staff")
    PANEL = "panel", _("Scrutiny panel member")
    LANDLORD_OFFICER = "landlord_officer", _("Landlord officer")
    INSPECTOR = "inspector", _("Inspector or adviser")
    # An independent person who oversees a ballot: reads its roll, marked register, refused
    # and spoilt papers and count, and changes nothing (docs/ballots.md).
    SCRUTINEER = "scrutineer", _("Scrutineer")
    SITE_ADMIN = "site_admin", _("Site administrator")


Roles = frozenset[str]

# People who run or scrutinise an organisation and so see its management pages.
RUNS_OR_SCRUTINISES: Final = frozenset(
    {Role.COMMITTEE, Role.STAFF, Role.PANEL, Role.LANDLORD_OFFICER, Role.INSPECTOR, Role.SITE_ADMIN}
)
# Roles that are read-only wherever they appear.
READ_ONLY: Final = frozenset({Role.INSPECTOR, Role.SCRUTINEER})
# People who live in the organisation's homes.
LIVES_THERE: Final = frozenset({Role.RESIDENT, Role.MEMBER, Role.COMMITTEE})
# The two parties to a management agreement: the organisation's committee and the landlord.
AGREEMENT_PARTIES: Final = frozenset({Role.COMMITTEE, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
LANDLORD_SIDE: Final = frozenset({Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
# Those who may work figures out again or type one in: the committee answers for them, staff
# keep the records behind them and the landlord checks them. Inspectors and residents read.
RESULT_KEEPERS: Final = frozenset(
    {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN}
)
# The organisation's own people who write its surveys and do the fieldwork.
SURVEY_RUNNERS: Final = frozenset({Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def holds_any(roles: Iterable[str], allowed: Iterable[str]) -> bool:
    """Whether `roles` include at least one of `allowed`."""
    return not frozenset(roles).isdisjoint(allowed)
