"""Peer reviews: a panel invites another panel to review its work; the invited panel's members
read the inviting panel's record and write the peer review."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.permissions import require

from . import permissions as can
from .models import PeerReview

Action = AuditEntry.Action


@transaction.atomic
def invite_peer_review(
    *,
    panel: Organisation,
    reviewer: Organisation | None,
    request: str,
    by: User | None,
    today: date | None = None,
) -> PeerReview:
    """Invite another scrutiny panel to review this one's work. One open invitation to a
    panel at a time."""
    require(can.can_run_peer_reviews, user=by, organisation=panel)
    if reviewer is None or reviewer.kind != Organisation.Kind.SCRUTINY_PANEL:
        raise ValidationError({"reviewer": _("Select a scrutiny panel to invite")})
    if reviewer.pk == panel.pk:
        raise ValidationError({"reviewer": _("Select another panel: not your own")})
    # Two invitations sent at once: the second waits on the panel's row, then finds the first.
    Organisation.objects.select_for_update().filter(pk=panel.pk).first()
    if PeerReview.objects.filter(panel=panel, reviewer=reviewer, reported_on__isnull=True).exists():
        raise ValidationError(
            {"reviewer": _("That panel has already been invited and has not reported yet")}
        )
    peer = PeerReview(
        panel=panel,
        reviewer=reviewer,
        request=request.strip(),
        invited_on=today or timezone.localdate(),
        invited_by=by,
    )
    peer._history_user = by
    peer.full_clean()
    peer.save()
    record_change(
        organisation=panel,
        by=by,
        action=Action.CREATED,
        what=_("peer review invitation to %(panel)s") % {"panel": reviewer.name},
    )
    return peer


@transaction.atomic
def write_peer_review(
    *, peer: PeerReview, report: str, by: User | None, today: date | None = None
) -> PeerReview:
    """The invited panel's peer review: written once; the inviting panel reads it."""
    require(can.can_run_peer_reviews, user=by, organisation=peer.reviewer)
    peer = PeerReview.objects.select_for_update().get(pk=peer.pk)
    if peer.is_reported:
        raise ValidationError(_("The peer review has already been sent."))
    if not report.strip():
        raise ValidationError({"report": _("Enter your peer review")})
    peer.report = report.strip()
    peer.reported_on = today or timezone.localdate()
    peer.reported_by = by
    peer._history_user = by
    peer.full_clean()
    peer.save()
    for organisation in (peer.reviewer, peer.panel):
        record_change(
            organisation=organisation,
            by=by,
            action=Action.CHANGED,
            what=_("peer review of %(panel)s by %(reviewer)s")
            % {"panel": peer.panel.name, "reviewer": peer.reviewer.name},
        )
    return peer
