"""Reads about ballots worth naming."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tenantry.organisations.models import Organisation

from ..models.ballots import Ballot, Mark, RefusedAttempt, Voter


def ballots_of(*, organisation: Organisation) -> QuerySet[Ballot]:
    """The organisation's ballots, newest first, each with its roll and marks counted: each
    counted on its own, as joining both would make a row for every voter and mark together."""
    return (
        Ballot.objects.filter(organisation=organisation)
        .annotate(roll_count=_count_of(Voter), mark_count=_count_of(Mark))
        .order_by("-opens_at", "-pk")
    )


def _count_of(model) -> Coalesce:
    rows = model.objects.filter(ballot=OuterRef("pk")).order_by().values("ballot")
    counted = rows.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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
