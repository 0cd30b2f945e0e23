"""Counting an organisation's stock for the overviews: once per change, not once per view.

The overviews show how many homes an organisation manages (by stock type and estate), and a
landlord how many homes it owns, how many it manages itself and how many each organisation
manages under an agreement. Counting a large landlord's homes (125,000 of them) takes hundreds
of milliseconds, so the counts are stored, one `StockCount` per organisation, and pages read
the stored row (one query).

They are worked out again in a background task (`homes.tasks.recount_stock`):

- when homes or what agreements cover change: the service that changes them calls
  `stock_changed` inside its transaction (`services.set_estates_covered`, and the admin's
  saves and deletions of estates, homes and coverage), which marks the counts stale and queues
  the task once the change is committed;
- each day, because coverage starts and ends on dates: the first page read on a new day finds
  the counts were made for an earlier day and queues the task;
- and as a safety net, when a change made outside Tenantry's services went unannounced, the
  daily count catches it.

With the default in-process task backend the task runs at once; with `TASKS_BACKEND=database`
a `db_worker` runs it, and meanwhile the page shows the stored counts and says when they were
counted ("Counts as at 14:32"). An organisation counted for the first time is counted on the
spot (and stored).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from tenantry.organisations.models import Organisation

from .models import Coverage, Home, StockCount, StockType
from .selectors import directly_managed_homes, homes_of

# A recount queued this long ago and still not done is queued again (a lost task).
REQUEUE_AFTER = timedelta(minutes=15)


@dataclass
class StockSummary:
    homes: int
    estates: int
    by_stock_type: dict[str, int]
    by_estate: dict[int, int] = field(default_factory=dict)

    @property
    def low_cost_rental(self) -> int:
        return self.by_stock_type.get(StockType.LOW_COST_RENTAL, 0)

    @property
    def ownership_and_other(self) -> int:
        return self.homes - self.low_cost_rental

    def as_json(self) -> dict:
        return {
            "homes": self.homes,
            "estates": self.estates,
            "by_stock_type": self.by_stock_type,
            "by_estate": {str(pk): n for pk, n in self.by_estate.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> "StockSummary":
        return cls(
            homes=data["homes"],
            estates=data["estates"],
            by_stock_type=data["by_stock_type"],
            by_estate={int(pk): n for pk, n in data.get("by_estate", {}).items()},
        )


@dataclass
class StockCounts:
    """What an overview shows of an organisation's stock, and when it was counted."""

    stock: StockSummary  # homes a landlord owns, or that an organisation manages
    direct: StockSummary | None  # a landlord's homes that no agreement covers
    managed: dict[int, int]  # a landlord's homes each organisation manages under an agreement
    counted_at: datetime
    live: bool  # counted for this page, not read from the stored counts
    updating: bool  # a recount is waiting to run

    @property
    def delegated(self) -> int:
        return self.stock.homes - (self.direct.homes if self.direct else 0)


def summary_of(homes: QuerySet[Home]) -> StockSummary:
    """Homes by stock type and by estate, in one query."""
    rows = (
        homes.order_by()
        .values("estate_id", "stock_type")
        .annotate(n=Count("pk", distinct=True))
        .values_list("estate_id", "stock_type", "n")
    )
    by_type: dict[str, int] = {}
    by_estate: dict[int, int] = {}
    for estate_id, stock_type, n in rows:
        by_type[stock_type] = by_type.get(stock_type, 0) + n
        by_estate[estate_id] = by_estate.get(estate_id, 0) + n
    return StockSummary(
        homes=sum(by_type.values()), estates=len(by_estate), by_stock_type=by_type,
        by_estate=by_estate,
    )  # fmt: skip


def count_stock(*, organisation: Organisation, on: date) -> dict:
    """Count the organisation's stock now (2 queries, 4 for a landlord), as stored figures."""
    if not organisation.is_landlord:
        return {"stock": summary_of(homes_of(organisation=organisation, on=on)).as_json()}
    # Its homes by estate are kept too: an agreement's coverage page shows each estate's total.
    stock = summary_of(homes_of(organisation=organisation))
    direct = summary_of(directly_managed_homes(landlord=organisation, on=on))
    direct.by_estate = {}
    managed = (
        Coverage.objects.in_force(on)
        .filter(agreement__landlord=organisation)
        .order_by()
        .values("agreement__organisation")
        .annotate(n=Count("home", distinct=True))
        .values_list("agreement__organisation", "n")
    )
    return {
        "stock": stock.as_json(),
        "direct": direct.as_json(),
        "managed": {str(pk): n for pk, n in managed},
    }


def _counts(row: StockCount, *, live: bool) -> StockCounts:
    figures = row.figures
    return StockCounts(
        stock=StockSummary.from_json(figures["stock"]),
        direct=StockSummary.from_json(figures["direct"]) if "direct" in figures else None,
        managed={int(pk): n for pk, n in figures.get("managed", {}).items()},
        counted_at=row.counted_at,
        live=live,
        updating=row.stale_since is not None,
    )


def stock_counts(*, organisation: Organisation) -> StockCounts:
    """The organisation's stored stock counts (one query), counted now the first time. Counts
    made for an earlier day, or whose recount seems lost, are queued to be counted again."""
    now, today = timezone.now(), timezone.localdate()
    row = StockCount.objects.filter(organisation=organisation).first()
    if row is None:
        return _counts(_store(organisation, today, now), live=True)
    due = (row.stale_since is None and row.counted_on != today) or (
        row.stale_since is not None and row.stale_since < now - REQUEUE_AFTER
    )
    # Only the page that claims the row queues the recount, however many are read at once.
    if due and StockCount.objects.filter(pk=row.pk, stale_since=row.stale_since).update(
        stale_since=now
    ):
        _enqueue([organisation.pk])
        row.refresh_from_db()  # the in-process backend has counted already
    return _counts(row, live=False)


def homes_by_estate(*, organisation: Organisation) -> tuple[dict[int, int], datetime | None]:
    """Each estate's homes the organisation manages (a landlord: owns), from its stored counts,
    and when they were counted (None: counted for this page). Counts stored before a
    landlord's were kept by estate are counted here, until the next recount."""
    counts = stock_counts(organisation=organisation)
    if counts.stock.by_estate or not counts.stock.homes:
        return counts.stock.by_estate, None if counts.live else counts.counted_at
    return summary_of(homes_of(organisation=organisation)).by_estate, None


def stored_homes(organisation_ids: Iterable[int]) -> dict[int, int]:
    """The homes in each organisation's stored stock counts (one query); an organisation
    never counted is left out, for the caller to count."""
    return {
        pk: figures["stock"]["homes"]
        for pk, figures in StockCount.objects.filter(
            organisation_id__in=list(organisation_ids)
        ).values_list("organisation_id", "figures")
    }


def _store(organisation: Organisation, today: date, now: datetime) -> StockCount:
    figures = count_stock(organisation=organisation, on=today)
    values = {"figures": figures, "counted_on": today, "counted_at": now}
    rows = StockCount.objects.filter(organisation=organisation)
    if not rows.update(**values):
        try:
            with transaction.atomic():
                return StockCount.objects.create(organisation=organisation, **values)
        except IntegrityError:  # another page or task stored it a moment before
            rows.update(**values)
    return rows.get()


def recount(*, organisation: Organisation) -> StockCount:
    """Count the organisation's stock again and store it. A change made while counting stays
    marked, so its own recount still runs."""
    started = timezone.now()
    row = _store(organisation, timezone.localdate(), started)
    StockCount.objects.filter(pk=row.pk, stale_since__lte=started).update(stale_since=None)
    row.refresh_from_db()
    return row


def stock_changed(*, organisations: Iterable[Organisation]) -> None:
    """Announce that homes or what agreements cover changed for these organisations (their
    landlords' counts count them too): mark the stored counts stale and count them again once
    the change is committed."""
    ids: set[int] = set()
    for organisation in organisations:
        ids.add(organisation.pk)
        if organisation.landlord_id:
            ids.add(organisation.landlord_id)
    StockCount.objects.filter(organisation_id__in=ids).update(stale_since=timezone.now())
    _enqueue(ids)


def _enqueue(organisation_ids: Iterable[int]) -> None:
    from .tasks import recount_stock

    for organisation_id in sorted(set(organisation_ids)):
        transaction.on_commit(lambda pk=organisation_id: recount_stock.enqueue(pk), robust=True)
