"""The members register as rows, for core/exports.py to write as CSV or XLSX."""

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Membership


def register_rows(*, organisation) -> Iterator[list]:
    """Every membership and application, one row each, in the register's order."""
    yield [
        _("Membership number"), _("Name"), _("Address"), _("Postcode"), _("Estate"), _("Status"),
        _("Applied"), _("Applied on"), _("Became a member on"), _("Share paid (£)"),
        _("Share paid on"), _("Ended on"), _("Why it ended"),
    ]  # fmt: skip
    found = (
        Membership.objects.filter(organisation=organisation)
        .select_related("resident", "household__home__estate")
        .order_by("number", "applied_on", "pk")
    )
    for m in found.iterator(chunk_size=2000):
        home = m.household.home
        yield [
            m.number or "", m.resident.name, home.address, home.postcode, home.estate.name,
            m.get_status_display(), m.get_joined_by_display(), m.applied_on, m.joined_on or "",
            "" if m.share_paid_pence is None else Decimal(m.share_paid_pence).scaleb(-2),
            m.share_paid_on or "", m.ended_on or "", m.end_reason,
        ]  # fmt: skip
