"""The Right to Manage's statutory time limits, worked out from the dates a group enters.

Each limit is a `core.deadlines.Timescale` counted from a starting date, by the conventions of
core/deadlines.py: a period in days starts the day after the event (28 days from a notice
served on 1 March is 29 March); a period in months ends on the corresponding day of the later
month, or that month's last day if it has none (`core.deadlines.add_months`); the whole due
day counts, so a step done at any time on it is in time. docs/journey.md lists each limit and
its source (SI 2012/1821; ../shared/REFERENCE.md marks which it read in the text ✅ and which
in a secondary source ◐).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tenantry.core.deadlines import Timescale

# The dates a group may enter: each limit starts from one and is met by another.
DATES = (
    "notice_served_on",  # the proposal notice was served on the council
    "council_answered_on",  # the council said whether it accepts the notice
    "acceptance_date",  # the group received the council's acceptance (reg. 3)
    "assessor_applied_on",  # the group applied to the approved assessor service
    "report_received_on",  # the assessor's competence report arrived
    "actions_completed_on",  # the actions the assessor suggested were completed
    "assessor_told_on",  # the council told the assessor the actions are done
    "reassessed_on",  # the assessor's reassessment arrived
    "agreement_started_on",  # the management agreement began
    "continuation_ballot_on",  # the last continuation ballot was held
)

State = Literal["waiting", "to_come", "due_soon", "due_today", "missed", "met", "late"]


@dataclass(frozen=True, slots=True)
class Limit:
    """One statutory time limit: from `starts`, within `timescale`, met by `met_by`."""

    key: str
    title: str
    who: str  # who must act
    timescale: Timescale
    starts: str  # a key of DATES
    start_text: str  # what it runs from, in words
    met_by: str  # a key of DATES
    source: str
    confirmed: bool  # ✅ in REFERENCE.md (read in the regulations), not ◐
    if_missed: str

    @property
    def timescale_text(self) -> str:
        n = self.timescale.amount
        if self.timescale.unit == "months":
            if n % 12 == 0:
                return ngettext("%(n)d year", "%(n)d years", n // 12) % {"n": n // 12}
            return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


LIMITS: tuple[Limit, ...] = (
    Limit(
        key="council_answer",
        title=_("The council answers the proposal notice"),
        who=_("The council"),
        timescale=Timescale(28, "calendar_days"),  # ◐ REFERENCE.md
        starts="notice_served_on",
        start_text=_("the day the proposal notice is served"),
        met_by="council_answered_on",
        source="SI 2012/1821, reg. 11",
        confirmed=False,
        if_missed=_(
            "Write to the council to say its answer is late, and keep a copy. Ask your adviser "
            "what to do next: a disagreement under the regulations can go to arbitration "
            "(reg. 8)."
        ),
    ),
    Limit(
        key="apply_for_assessor",
        title=_("Your group applies for an assessor"),
        who=_("Your group"),
        timescale=Timescale(3, "months"),  # ✅ reg. 13(1): within 3 months of acceptance
        starts="acceptance_date",
        start_text=_("the day you receive the council's acceptance"),
        met_by="assessor_applied_on",
        source="SI 2012/1821, reg. 13(1)",
        confirmed=True,
        if_missed=_(
            "The proposal notice is treated as withdrawn (reg. 13(8)). You would have to start "
            "again with a new notice."
        ),
    ),
    Limit(
        key="competence_report",
        title=_("The assessor's report on your group"),
        who=_("The approved assessor"),
        timescale=Timescale(15, "months"),  # ✅ reg. 13(4): within 15 months of acceptance
        starts="acceptance_date",
        start_text=_("the day you receive the council's acceptance"),
        met_by="report_received_on",
        source="SI 2012/1821, reg. 13(4)",
        confirmed=True,
        if_missed=_(
            "The report is late. Write to the assessor and the council to ask when it will "
            "come, and tell your adviser."
        ),
    ),
    Limit(
        key="tell_assessor",
        title=_("The council tells the assessor the actions are done"),
        who=_("The council"),
        timescale=Timescale(7, "calendar_days"),  # ✅ reg. 13(6)
        starts="actions_completed_on",
        start_text=_("the day the actions the assessor asked for are done"),
        met_by="assessor_told_on",
        source="SI 2012/1821, reg. 13(6)",
        confirmed=True,
        if_missed=_(
            "The council has not kept to the regulations. Remind it in writing, and tell your "
            "adviser: if the council and your group do not keep to regulation 13, the notice "
            "can be treated as withdrawn (reg. 13(8))."
        ),
    ),
    Limit(
        key="reassessment",
        title=_("The assessor looks at your group again"),
        who=_("The approved assessor"),
        timescale=Timescale(35, "calendar_days"),  # ✅ reg. 13(7): 35 days from being told
        starts="assessor_told_on",
        start_text=_("the day the council tells the assessor"),
        met_by="reassessed_on",
        source="SI 2012/1821, reg. 13(7)",
        confirmed=True,
        if_missed=_(
            "The reassessment is late. Write to the assessor and the council to ask when it "
            "will come, and tell your adviser."
        ),
    ),
    Limit(
        key="continuation_ballot",
        title=_("A ballot on carrying on"),
        who=_("Your group and the council"),
        # ◐ REFERENCE.md: "continuation ballots every 5 years". Counted from the agreement's
        # start, then from the last continuation ballot.
        timescale=Timescale(60, "months"),
        starts="agreement_started_on",
        start_text=_("the day the agreement began, then each ballot"),
        met_by="continuation_ballot_on",
        source="SI 2012/1821",
        confirmed=False,
        if_missed=_(
            "Tenants have not been asked whether the agreement should carry on. Talk to the "
            "council about holding the ballot."
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """Where one limit stands on `today`."""

    limit: Limit
    state: State
    starts_on: date | None = None
    due_on: date | None = None
    warn_from: date | None = None  # the first day of the warning window
    done_on: date | None = None
    days_left: int | None = None  # to the due day (0 on the day itself), while still to come


def deadlines(dates: dict[str, date | None], today: date) -> list[Deadline]:
    """Each limit's due day and state on `today`, from the dates known (missing keys: not yet).

    A limit with no start date is waiting. Once done, it was met if done on or before the due
    day, late if after. Not done: missed after the due day, due today on it, due soon from
    JOURNEY_DEADLINE_WARNING_DAYS before it, otherwise to come.
    """
    warning = timedelta(days=settings.JOURNEY_DEADLINE_WARNING_DAYS)
    found = []
    for limit in LIMITS:
        start, done = dates.get(limit.starts), dates.get(limit.met_by)
        if limit.key == "continuation_ballot" and done is not None:
            # A continuation ballot is never done for good: the next runs from the last held.
            start, done = done, None
        if start is None:
            found.append(Deadline(limit, "waiting"))
            continue
        due = limit.timescale.due_on(start)
        warn_from = due - warning
        if done is not None:
            state: State = "met" if done <= due else "late"
        elif today > due:
            state = "missed"
        elif today == due:
            state = "due_today"
        elif today >= warn_from:
            state = "due_soon"
        else:
            state = "to_come"
        days_left = (due - today).days if state in ("to_come", "due_soon", "due_today") else None
        found.append(Deadline(limit, state, start, due, warn_from, done, days_left))
    return found
