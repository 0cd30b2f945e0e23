"""Reads about ballots worth naming."""

from django.db.models import Count, Q, QuerySet

from tenantry.organisations.models import Organisation

from ..models.ballots import Ballot, Mark, RefusedAttempt, Voter


def ballots_of(*, organisation: Organisation) -> QuerySet[Ballot]:
    """The organisation's ballots, newest first, each with its roll and marks counted."""
    return (
        Ballot.objects.filter(organisation=organisation)
        .annotate(roll_count=Count("roll", distinct=True), mark_count=Count("marks", distinct=True))
        .order_by("-opens_at", "-pk")
    )


def marks_by_channel(ballot: Ballot) -> dict[str, int]:
    """How many have voted, per channel (from the marked register, never the papers)."""
    rows = Mark.objects.filter(ballot=ballot).values("channel").annotate(n=Count("pk"))
    return {row["channel"]: row["n"] for row in rows.order_by()}


def marked_register(ballot: Ballot) -> QuerySet[Voter]:
    """The roll with who has voted, how and on which day, in name order."""
    return (
        Voter.objects.filter(ballot=ballot)
        .select_related("resident", "estate", "household__home", "mark")
        .order_by("resident__name", "pk")
    )


def refusals(ballot: Ballot) -> QuerySet[RefusedAttempt]:
    return (
        RefusedAttempt.objects.filter(ballot=ballot)
        .select_related("voter__resident", "keyed_by")
        .order_by("-tried_on", "-pk")
    )


def roll_search(ballot: Ballot, text: str) -> QuerySet[Voter]:
    """Voters on the roll who have not voted, matching a name or an address."""
    return (
        Voter.objects.filter(ballot=ballot, mark__isnull=True)
        .filter(Q(resident__name__icontains=text) | Q(household__home__address__icontains=text))
        .select_related("resident", "household__home")
        .order_by("resident__name")[:20]
    )
