"""The members register and a ballot's marked register as rows, for core/exports.py to write
as CSV or XLSX. Each reads its columns as plain values in one query: a register of thousands
is written without building a model for every member, home and estate."""

from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from .ballots import selectors as ballot_selectors
from .models import Membership
from .models.ballots import Ballot, Channel
from .models.constitution import JoinedBy, MemberStatus


def register_rows(*, organisation) -> Iterator[list]:
    """Every membership and application, one row each, in the register's order."""
    yield [
        _("Membership number"), _("Name"), _("Address"), _("Postcode"), _("Estate"), _("Status"),
        _("Applied"), _("Applied on"), _("Became a member on"), _("Share paid (£)"),
        _("Share paid on"), _("Ended on"), _("Why it ended"),
    ]  # fmt: skip
    statuses, ways = dict(MemberStatus.choices), dict(JoinedBy.choices)
    found = (
        Membership.objects.filter(organisation=organisation)
        .order_by("number", "applied_on", "pk")
        .values_list(
            "number", "resident__name", "household__home__address", "household__home__postcode",
            "household__home__estate__name", "status", "joined_by", "applied_on", "joined_on",
            "share_paid_pence", "share_paid_on", "ended_on", "end_reason",
        )
    )  # fmt: skip
    for (number, name, address, postcode, estate, status, joined_by, applied_on, joined_on,
         pence, paid_on, ended_on, end_reason) in found.iterator(chunk_size=2000):  # fmt: skip
        yield [
            number or "", name, address, postcode, estate, statuses.get(status, status),
            ways.get(joined_by, joined_by), applied_on, joined_on or "",
            "" if pence is None else Decimal(pence).scaleb(-2),
            paid_on or "", ended_on or "", end_reason,
        ]  # fmt: skip


def marked_register_rows(ballot: Ballot) -> list[list]:
    """The ballot's roll, who has voted, how and on which day, in name order (for the
    scrutineer: never what anybody voted)."""
    headings = [_("Voter"), _("Name"), _("Address"), _("Estate"), _("Secure tenant"),
                _("Voted"), _("How"), _("Voted on")]  # fmt: skip
    channels = dict(Channel.choices)
    found = ballot_selectors.marked_register(ballot).values_list(
        "pk", "resident__name", "household__home__address", "estate__name", "secure_tenant",
        "mark__channel", "mark__marked_on",
    )  # fmt: skip
    rows = [headings]
    for pk, name, address, estate, secure, channel, marked_on in found.iterator(chunk_size=2000):
        how = channels.get(channel, "")
        rows.append([pk, name, address, estate, secure, channel is not None, how, marked_on])
    return rows
