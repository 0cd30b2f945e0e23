"""Who keeps which records: the kinds an organisation may record and import, and why not."""

from datetime import date
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import current_agreement, services_delegated_to

from ..kinds import KINDS

# A landlord keeps every kind of record for the homes it manages itself. Another organisation
# keeps a kind only while a management agreement in force delegates the service behind it: a
# TMO that does not run repairs does not log or import repairs as if it were responsible for
# them. Records already kept stay readable whatever the agreement says now.

# The delegated service(s) behind each kind of record (any one of them is enough) are in the
# registry of kinds, `records.kinds.KINDS`.


def record_kinds_kept_by(*, organisation: Organisation, on: date | None = None) -> frozenset[str]:
    """The kinds of service record the organisation may add to and change on the day."""
    if organisation.is_landlord:
        return frozenset(KINDS)
    delegated = services_delegated_to(organisation=organisation, on=on)
    return frozenset(
        slug for slug, kind in KINDS.items() if not delegated.isdisjoint(kind.services)
    )


def keeps_records(organisation: Organisation) -> bool:
    """Whether the organisation keeps any kind of service record today. Without one, every
    record page would only say why it cannot record: the menu offers it no Services."""
    return bool(record_kinds_kept_by(organisation=organisation))


def may_keep_records_of(*, organisation: Organisation, kind: str, on: date | None = None) -> bool:
    """Whether the organisation may record or import this kind (homes and households are not
    service records: their own rules apply)."""
    if kind not in KINDS:
        return True
    return kind in record_kinds_kept_by(organisation=organisation, on=on)


def not_kept_because(
    *, organisation: Organisation, kind: str, doing: Literal["record", "import"]
) -> str:
    """Why the organisation may not record (or import) this kind, in one sentence."""
    words = {
        "organisation": organisation.name,
        "landlord": organisation.landlord.name if organisation.landlord_id else "",
        "service": KINDS[kind].service_words,
        "records": KINDS[kind].record_words,
    }
    in_force = current_agreement(organisation=organisation, on=timezone.localdate())
    if in_force is None or not words["landlord"]:
        sentences = {
            "import": _(
                "%(organisation)s has no management agreement in force, so it cannot "
                "import %(records)s."
            ),
            "record": _(
                "%(organisation)s has no management agreement in force, so it cannot "
                "record %(records)s."
            ),
        }
    else:
        sentences = {
            "import": _(
                "%(organisation)s does not run %(service)s under its agreement with "
                "%(landlord)s, so it cannot import %(records)s."
            ),
            "record": _(
                "%(organisation)s does not run %(service)s under its agreement with "
                "%(landlord)s, so it cannot record %(records)s."
            ),
        }
    return sentences[doing] % words
