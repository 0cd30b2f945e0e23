"""The void clock: how many days a home stood empty between two tenancies. One rule, here.

Which events start and stop the clock, and whether voids with major works count towards the
re-let indicator, is the management agreement's choice (the NFTMO Guide: figures "vary because
different beginning and end times are used"). A void is timed by the agreement of the
organisation responsible for it **in force on the day the tenancy ended**, the day the void
began; a landlord's own voids, and a void begun when no agreement was in force, by the Best
Value definition (tenancy end to new tenancy, major works left out). Not the agreement in force
today, nor the one at a period's end: a renegotiated agreement must not change how past voids
were timed, and the stop event cannot choose the agreement because the agreement chooses the
stop event.

The days counted are those strictly between the two events (the Best Value definition: a
tenancy ending on a Sunday and the next starting on Monday is 0 days). A void with no date for
its start event is timed from the tenancy's end; one whose stop event has not happened has no
figure yet.

`with_void_clock` is the database form, for the BV212 calculator; `mark_clock` the same rule for
a page of voids already read; `void_clock_of` and `days_to_let` read what either sets.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    F,
    Func,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.dated import in_force_on
from tenantry.organisations.models import ManagementAgreement

from .models import Void, VoidClock

# The date field of each event that can start or stop the clock.
EVENT_DATES: dict[str, str] = {
    VoidClock.TENANCY_END: "tenancy_ended_on",
    VoidClock.KEYS_RETURNED: "keys_returned_on",
    VoidClock.READY_TO_LET: "ready_to_let_on",
    VoidClock.NEW_TENANCY: "new_tenancy_started_on",
}
# Each event as words inside "The clock runs from when … until …".
EVENT_WORDS: dict[str, Promise] = {
    VoidClock.TENANCY_END: gettext_lazy("the tenancy ended"),
    VoidClock.KEYS_RETURNED: gettext_lazy("the keys were returned"),
    VoidClock.READY_TO_LET: gettext_lazy("the home was ready to let"),
    VoidClock.NEW_TENANCY: gettext_lazy("the new tenancy started"),
}


@dataclass(frozen=True)
class Clock:
    """The events that start and stop a void's clock, and whether a major-works void counts."""

    starts: str
    stops: str
    excludes_major_works: bool
    by_agreement: bool

    @property
    def text(self) -> str:
        """Which events start and stop the clock, in one sentence."""
        return _("The clock runs from when %(start)s until %(stop)s.") % {
            "start": EVENT_WORDS[self.starts],
            "stop": EVENT_WORDS[self.stops],
        }


BEST_VALUE = Clock(VoidClock.TENANCY_END, VoidClock.NEW_TENANCY, True, by_agreement=False)


def clock_of(agreement: ManagementAgreement | None) -> Clock:
    """The clock an agreement sets; the Best Value definition without one."""
    if agreement is None:
        return BEST_VALUE
    return Clock(
        agreement.void_clock_starts,
        agreement.void_clock_stops,
        agreement.void_excludes_major_works,
        by_agreement=True,
    )


def days_between(start: date, stop: date) -> int:
    """Whole days strictly between the clock's start and stop (never fewer than none)."""
    return max(0, (stop - start).days - 1)


def with_void_clock(voids: QuerySet[Void]) -> QuerySet[Void]:
    """Voids with their clock: `clock_starts`, `clock_stops`, `clock_excludes_major_works`,
    `clock_by_agreement`, and the dates it started and stopped, `clock_start_on` and
    `clock_stop_on` (None while it runs)."""
    agreement = (
        ManagementAgreement.objects.in_force(OuterRef("tenancy_ended_on"))
        .filter(organisation=OuterRef("organisation"))
        .order_by("-starts_on")
    )

    def agreed(name: str, field, default):
        return Coalesce(Subquery(agreement.values(name)[:1], output_field=field), Value(default))

    voids = voids.annotate(
        clock_starts=agreed("void_clock_starts", CharField(), BEST_VALUE.starts),
        clock_stops=agreed("void_clock_stops", CharField(), BEST_VALUE.stops),
        clock_excludes_major_works=agreed(
            "void_excludes_major_works", BooleanField(), BEST_VALUE.excludes_major_works
        ),
        clock_by_agreement=Coalesce(
            Subquery(agreement.values("pk")[:1]), Value(0)
        ),  # the agreement's id, 0 for none
    )
    # The event's date, chosen with `CASE event WHEN … END` on the agreement's choice looked up
    # once: Django's Case would write `WHEN event = …` and look the agreement up again for each
    # event, for every void.
    return voids.annotate(
        clock_start_on=_date_of_event(
            agreed("void_clock_starts", CharField(), BEST_VALUE.starts),
            {
                event: Coalesce(F(field), F("tenancy_ended_on"))
                for event, field in EVENT_DATES.items()
            },
            default=F("tenancy_ended_on"),
        ),
        clock_stop_on=_date_of_event(
            agreed("void_clock_stops", CharField(), BEST_VALUE.stops),
            {event: F(field) for event, field in EVENT_DATES.items()},
            default=Value(None, output_field=DateField()),
        ),
    )


class _date_of_event(Func):  # noqa: N801 - an expression read like a function
    """`CASE event WHEN 'a' THEN date_a … ELSE default END`: the event worked out once."""

    output_field = DateField()

    def __init__(self, event, dates: dict, *, default) -> None:
        args = [event]
        for name, value in dates.items():
            args += [Value(name), value]
        super().__init__(*args, default)

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, more = compiler.compile(expression)
            parts.append(sql)
            params.extend(more)
        event, *pairs, default = parts
        whens = " ".join(f"WHEN {pairs[i]} THEN {pairs[i + 1]}" for i in range(0, len(pairs), 2))
        return f"CASE {event} {whens} ELSE {default} END", params


def mark_clock(voids: Iterable[Void]) -> None:
    """Set on each void what `with_void_clock` annotates, for a page of voids already read: the
    agreements of their organisations in one query, and the rule above in Python."""
    voids = list(voids)
    if not voids:
        return
    agreements = defaultdict(list)
    for agreement in ManagementAgreement.objects.filter(
        organisation_id__in={v.organisation_id for v in voids}
    ).order_by("-starts_on"):
        agreements[agreement.organisation_id].append(agreement)
    for void in voids:
        ended = void.tenancy_ended_on
        agreement = next(
            (
                a
                for a in agreements[void.organisation_id]
                if ended is not None and in_force_on(a.starts_on, a.ends_on, ended)
            ),
            None,
        )
        clock = clock_of(agreement)
        void.clock_starts, void.clock_stops = clock.starts, clock.stops
        void.clock_excludes_major_works = clock.excludes_major_works
        void.clock_by_agreement = agreement.pk if agreement else 0
        started = EVENT_DATES.get(clock.starts)
        void.clock_start_on = (getattr(void, started) if started else None) or ended
        stopped = EVENT_DATES.get(clock.stops)
        void.clock_stop_on = getattr(void, stopped) if stopped else None


def _clocked(void: Void) -> Void:
    if not hasattr(void, "clock_stop_on"):
        mark_clock([void])
    return void


def void_clock_of(void: Void) -> Clock:
    """The clock the void is timed by (from `with_void_clock`; one query if not loaded so)."""
    void = _clocked(void)
    return Clock(
        void.clock_starts,
        void.clock_stops,
        void.clock_excludes_major_works,
        by_agreement=bool(void.clock_by_agreement),
    )


def days_to_let(void: Void) -> int | None:
    """The days the home stood empty by its void clock; None while the clock runs."""
    void = _clocked(void)
    if void.clock_stop_on is None:
        return None
    return days_between(void.clock_start_on, void.clock_stop_on)
