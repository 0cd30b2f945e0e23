"""Keeping stored results in step with the records behind them.

When service records change (`records/changes.py`: a record saved on screen, a priority's
target re-timed, an import finished), the stored results that count records of that kind are
marked stale (`Result.stale_since`) for the organisations concerned — the one whose records
they are and its landlord, whose whole-stock figures count them — and a background task works
them out again once the change is committed. With the default in-process task backend that is
at commit; with `TASKS_BACKEND=database` a `db_worker` picks it up, and meanwhile every page
showing the figure says it is being recalculated.

Which results: those of calculated indicators whose calculator reads the kind
(`calculators.Calculation.reads`), for periods ending on or after the earliest date the change
touches (all periods for an import). A record's dates decide the periods it counts in, and
figures counted on a snapshot day (safety checks, Decent Homes) are affected from the record's
date on, so "ending on or after" covers both.

Two tasks may run at once (two changes a moment apart). Each works period by period in short
transactions, locking the stale results it recalculates and skipping those another task holds,
so no figure is worked out twice at once; a change made while a result is being recalculated
marks it stale again once the lock is released, so the newer change is never lost.
"""

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tenantry.core.periods import Period
from tenantry.organisations.models import Organisation

from ..calculators import Subject, calculate, calculator_of, calculators_reading
from ..models import Result, Source

logger = logging.getLogger(__name__)


def _calculated_reading(kind: str) -> Q:
    """Results of the indicators worked out from records of a kind."""
    names = calculators_reading(kind)
    reading = Q(indicator__source=Source.RECORDS, indicator__calculator__in=names)
    if "inspection_score" in names:  # local indicators from inspections name no calculator
        reading |= Q(indicator__source=Source.INSPECTIONS)
    return reading


def _calculated() -> Q:
    return Q(indicator__source__in=(Source.RECORDS, Source.INSPECTIONS))


def records_changed(*, organisation_ids: Iterable[int], kind: str, since: date | None) -> int:
    """Listener for `records.changes`: mark the results the change touches stale, and work them
    out again once the change is committed. Returns how many were marked."""
    ids = list(organisation_ids)
    results = Result.objects.filter(_calculated_reading(kind), organisation_id__in=ids)
    if since is not None:
        results = results.filter(period_end__gte=since)
    # Every matching result, stale already or not: one being recalculated now (locked by a
    # task that read the records before this change) must be marked again after it.
    marked = results.update(stale_since=timezone.now())
    if marked:
        _enqueue(ids)
    return marked


def mark_stale(*, results: Iterable[Result]) -> None:
    """Mark stored results stale and have them worked out again (a figure found to differ
    from its records, say after a change made outside Tenantry's services)."""
    results = list(results)
    Result.objects.filter(pk__in=[r.pk for r in results]).update(stale_since=timezone.now())
    _enqueue({r.organisation_id for r in results})


def _enqueue(organisation_ids: Iterable[int]) -> None:
    from ..tasks import recalculate_results

    for organisation_id in sorted(set(organisation_ids)):
        transaction.on_commit(
            lambda pk=organisation_id: recalculate_results.enqueue(pk), robust=True
        )


def recalculate_stale(*, organisation: Organisation) -> int:
    """Work out again every stale result of the organisation; returns how many. Safe to run
    twice at once, and a no-op when nothing is stale."""
    done = 0
    periods = (
        Result.objects.filter(organisation=organisation, stale_since__isnull=False)
        .values_list("period_kind", "period_start", "period_end", "period_label")
        .distinct()
        .order_by("period_start", "period_end")
    )
    for kind, start, end, label in list(periods):
        done += _recalculate_period(organisation, Period(start, end, label, kind))
    return done


@transaction.atomic
def _recalculate_period(organisation: Organisation, period: Period) -> int:
    stale = list(
        Result.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            organisation=organisation,
            period_start=period.start,
            period_end=period.end,
            stale_since__isnull=False,
        )
        .select_related("indicator", "estate")
    )
    for result in stale:
        _recalculate(result, period)
    return len(stale)


def _recalculate(result: Result, period: Period) -> None:
    indicator = result.indicator
    if not calculator_of(indicator):  # no longer worked out from records: keep as it is
        Result.objects.filter(pk=result.pk).update(stale_since=None)
        return
    subject = Subject(result.scope, result.organisation, result.estate, result.stock_type)
    measure = calculate(indicator, subject, period)
    figures = {
        "numerator": measure.numerator,
        "denominator": measure.denominator,
        "value": measure.value,
    }
    changed = any(_differs(getattr(result, name), value) for name, value in figures.items())
    result.computed_at, result.stale_since = timezone.now(), None
    if changed:
        for name, value in figures.items():
            setattr(result, name, value)
        result.save()  # a new version in the result's history
    else:
        Result.objects.filter(pk=result.pk).update(computed_at=result.computed_at, stale_since=None)


# A figure's page checks it against its records in two ways. For a share, the page counts the
# records in its top and bottom anyway ("Behind the figure"), and those counts are the figure's
# top and bottom numbers (`counts_differ`): any difference marks it stale at no extra cost.
# Every figure (an average's value can change with the same records counted) is also worked
# out again in the background when its page is read and it was last worked out longer ago than
# this (`check_if_due`), so a change made outside Tenantry's services, or a deadline passing,
# shows within that time.
CHECK_AFTER = timedelta(minutes=10)


def counts_differ(result: Result, *, counted: int, total: int) -> bool:
    """Whether a share's stored top and bottom numbers differ from the counts of the records
    behind it now."""
    return result.numerator != counted or result.denominator != total


# Records behind a figure that its page counts on every view; past this it shows the counts
# stored with the figure. Counting a council's emergency repairs of this year for its whole stock
# (2,143 of 22,642 repairs completed at 12,500 homes; 20,471 of 224,538 at 125,000) reads every
# repair of the year, and took 90 ms and 440 ms a view.
COUNTED_ON_EACH_VIEW_UP_TO = 1_000


def stored_counts(result: Result | None, *, single: bool = False) -> tuple[int, int] | None:
    """The counts a figure's page shows from its stored figure rather than from its records:
    (top, bottom) when the figure is up to date and rests on more than
    `COUNTED_ON_EACH_VIEW_UP_TO` records (a share's bottom; the top of a figure counting one
    kind of record against something else, `single`, such as complaints per 1,000 homes), else
    None and the page counts them. A figure shown this way is still checked against its records
    every `CHECK_AFTER` (`check_if_due`), and its page says when it was worked out."""
    if result is None or result.stale_since is not None:
        return None
    if result.source not in (Source.RECORDS, Source.INSPECTIONS):
        return None
    if result.numerator is None or result.denominator is None:
        return None
    if (result.numerator if single else result.denominator) <= COUNTED_ON_EACH_VIEW_UP_TO:
        return None
    return int(result.numerator), int(result.denominator)


def check_if_due(*, result: Result, now: datetime) -> bool:
    """Queue a check of a stored figure against its records when it was last worked out
    longer ago than `CHECK_AFTER` (and is not already waiting to be). Returns whether queued."""
    if result.stale_since is not None or result.computed_at > now - CHECK_AFTER:
        return False
    # Once until the check has run (it gives the figure a new `computed_at`), not for every view
    # while it waits for a worker: each would add a task to the queue.
    queued = f"indicator-check-queued:{result.pk}:{result.computed_at.timestamp()}"
    if not cache.add(queued, True, CHECK_AFTER.total_seconds()):
        return False
    from ..tasks import check_result

    transaction.on_commit(lambda pk=result.pk: check_result.enqueue(pk), robust=True)
    return True


@transaction.atomic
def check(*, result_id: int) -> bool:
    """Work out a stored figure again if still due for a check: kept with a new time when it
    comes out the same, corrected (a new version in its history) when not. Returns whether it
    was worked out; several checks queued for one figure work it out once."""
    result = (
        Result.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            pk=result_id,
            stale_since__isnull=True,
            computed_at__lte=timezone.now() - CHECK_AFTER,
        )
        .select_related("indicator", "estate")
        .first()
    )
    if result is None:
        return False
    period = Period(result.period_start, result.period_end, result.period_label, result.period_kind)
    _recalculate(result, period)
    return True


def _differs(stored, worked) -> bool:
    if stored is None or worked is None:
        return stored is not worked
    return stored.normalize() != worked.normalize()


@transaction.atomic
def recalculate_everything(*, organisation: Organisation) -> int:
    """Mark every stored result worked out from records of the organisation stale and work it
    out again now (the `recalculate` command and the admin's action)."""
    Result.objects.filter(_calculated(), organisation=organisation).update(
        stale_since=timezone.now()
    )
    return recalculate_stale(organisation=organisation)
