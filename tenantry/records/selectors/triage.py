"""Residents' repair reports waiting for staff to give them a priority (triage)."""

from django.db.models import Prefetch, Q, QuerySet

from tenantry.organisations.models import Organisation

from ..models import Repair, RepairPhoto


def awaiting_triage_q() -> Q:
    """Open repairs no one has given a priority yet, as a filter."""
    return Q(status=Repair.Status.OPEN, priority__isnull=True)


def repairs_awaiting_triage(*, organisation: Organisation) -> QuerySet[Repair]:
    """The organisation's reports awaiting triage, oldest first, with who reported each, how
    to reach them and their photos: three queries however many there are."""
    return (
        Repair.objects.filter(awaiting_triage_q(), organisation=organisation)
        .select_related("organisation", "home__estate", "block", "reported_by__resident")
        .prefetch_related(Prefetch("photos", queryset=RepairPhoto.objects.order_by("pk")))
        .order_by("reported_at", "pk")
    )


def triage_count(organisation: Organisation) -> int:
    """How many reports wait for triage: the number beside the menu entry."""
    return Repair.objects.filter(awaiting_triage_q(), organisation=organisation).count()
