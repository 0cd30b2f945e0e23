"""Democratic health: how democratic an organisation is, year by year, and the early warnings
that it is "growing weak".

The Guide to Best Value for TMOs (chapter 5, "How democratic is the TMO?") warns that an
organisation "can grow weak and fail to fill committee places or hold well-attended general
meetings", and that a committee must not ignore "criticisms raised at meetings". Each figure here
is one function with hand-worked tests (`tests/test_health.py`); docs/democratic-health.md
defines them.

**The year** is the financial year every other figure in Tenantry is reported for
(`core/periods.py`: 1 April to 31 March, "2025/26"). A figure "at the year end" is taken on its
last day, or today for the year under way. Each rule comes from its one home: members as a share
of households (`selectors._households_marked`), who was a member on a day (`Membership.objects
.current`), a meeting's quorum (`meeting_selectors.quorums_of`), notice in clear days
(`meeting_selectors.notice_status`, `notice.py`), the AGM's deadline (`notice.agm_due_by`), the
questionnaire's answers (`surveys.analysis.democratic_health_results`) and small-number
suppression (`core/privacy.py`).
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from tenantry.core import privacy
from tenantry.core.figures import figure_text
from tenantry.core.periods import Period
from tenantry.homes.models import EqualityProfile, Resident, Tenure, living_q
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import organisations_working_with
from tenantry.surveys.analysis import democratic_health_results
from tenantry.surveys.models import Survey
from tenantry.surveys.scoring import Score

from . import notice
from . import permissions as can
from .constitution import defaults_for, legal_form_of
from .meeting_selectors import notice_status, quorums_of
from .models import (
    Attendance,
    Ballot,
    BallotKind,
    BallotStatus,
    CommitteeTerm,
    Constitution,
    Criticism,
    Election,
    ElectionStatus,
    Meeting,
    MeetingKind,
    RaisedStatus,
)
from .models.constitution import current_q
from .quorum import quorum_needed, rules_for
from .selectors import _coverage_on, member_share
from .services import seats_of

GENERAL_KINDS = (MeetingKind.AGM, MeetingKind.GENERAL)
DEMOCRATIC_HEALTH_TEMPLATE = "democratic_health"


# --- The rules an organisation's figures are judged by ------------------------------------------


def rules_of(organisation: Organisation) -> tuple[Constitution, dict[str, int]]:
    """The organisation's constitution and its seats by kind (`services.seats_of`), without
    writing anything: the defaults for its legal form (unsaved) until it records its own. Two
    queries."""
    constitution = Constitution.objects.filter(organisation=organisation).first()
    if constitution is None:
        values, seats = defaults_for(legal_form_of(organisation))
        return Constitution(organisation=organisation, **values), seats
    return constitution, seats_of(constitution)


def as_of(period: Period, today: date) -> date | None:
    """The day a year's "year end" figures are taken: its last day, or today for the year under
    way; None for a year not yet begun."""
    if period.start > today:
        return None
    return min(period.end, today)


# --- Members ------------------------------------------------------------------------------------


def members_share(*, organisation: Organisation, day: date) -> Score:
    """Households with at least one member, of the households living in the organisation's
    homes on `day` (`selectors.member_share`, one query)."""
    share = member_share(organisation=organisation, day=day)
    return Score(share.members, share.households)


# --- General meetings ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFigures:
    """One meeting: who came of the members on its day, and whether it was quorate. A meeting
    with nothing recorded at the door (nobody present, no apologies, no observer) is "not
    recorded": it is left out of the average and never taken as inquorate."""

    meeting: Meeting
    recorded: bool
    present: int  # members present, in person or online
    members: int  # members on the meeting's day
    quorate: bool | None

    @property
    def attendance(self) -> Score:
        return Score(self.present, self.members)

    @property
    def attendance_text(self) -> str:
        return percent_text(self.attendance.percentage)


def meetings_held(
    *, organisation: Organisation, start: date, end: date, kinds=GENERAL_KINDS
) -> list[Meeting]:
    """The organisation's meetings of `kinds` held from `start` to `end` (both included), oldest
    first, each marked `recorded` when anything was recorded at its door. One query."""
    return list(
        Meeting.objects.filter(organisation=organisation, kind__in=kinds, day__range=(start, end))
        .annotate(recorded=Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        .order_by("day", "pk")
    )


def meeting_figures(*, meetings: list[Meeting], constitution: Constitution) -> list[MeetingFigures]:
    """Attendance and quorum of each meeting (`meeting_selectors.quorums_of`: four queries)."""
    counts = quorums_of(meetings=meetings, constitution=constitution)
    return [
        MeetingFigures(
            meeting=m,
            recorded=m.recorded,
            present=counts[m.pk].present,
            members=counts[m.pk].of,
            quorate=counts[m.pk].quorate if m.recorded else None,
        )
        for m in meetings
    ]


def average_attendance(figures: list[MeetingFigures]) -> float | None:
    """The mean of each recorded general meeting's attendance (members present ÷ members on its
    day), in percent; None when no meeting's attendance was recorded. Each meeting weighs the
    same, whatever the membership that day."""
    shares = [f.attendance.percentage for f in figures if f.recorded and f.members]
    return sum(shares) / len(shares) if shares else None


# --- The committee ------------------------------------------------------------------------------


def committee_terms(*, organisation: Organisation, start: date, end: date) -> list[CommitteeTerm]:
    """Every committee term in force on any day from `start` to `end`. One query."""
    return list(CommitteeTerm.objects.filter(organisation=organisation).in_force_during(start, end))


def places_filled(*, terms: list[CommitteeTerm], seats: dict[str, int], day: date) -> int:
    """Committee places filled on `day`: terms in force that day, at most as many of each kind
    as the constitution provides (as the committee page counts them, `selectors.Committee`)."""
    held: dict[str, int] = defaultdict(int)
    for term in terms:
        if term.starts_on <= day and (term.ends_on is None or term.ends_on >= day):
            held[term.kind] += 1
    return sum(min(held[kind], n) for kind, n in seats.items())


def average_places_filled(
    *, terms: list[CommitteeTerm], seats: dict[str, int], start: date, end: date
) -> float | None:
    """The mean number of places filled over every day from `start` to `end` (a leap year's
    29 February is a day like any other)."""
    days = (end - start).days + 1
    if days <= 0:
        return None
    total = sum(
        places_filled(terms=terms, seats=seats, day=start + timedelta(days=n)) for n in range(days)
    )
    return total / days


def _holder(term: CommitteeTerm):
    return ("member", term.membership_id) if term.membership_id else ("name", term.name.strip())


def _holds_on(terms: list[CommitteeTerm], holder, day: date) -> bool:
    return any(
        _holder(t) == holder and t.starts_on <= day and (t.ends_on is None or t.ends_on >= day)
        for t in terms
    )


@dataclass(frozen=True)
class Turnover:
    joined: int  # people who came onto the committee during the year
    left: int  # people who came off it
    changed: int  # people who joined or left (once each, if they did both)
    places: int  # the constitution's committee places

    @property
    def score(self) -> Score:
        return Score(self.changed, self.places)


def committee_turnover(
    *, terms: list[CommitteeTerm], places: int, start: date, end: date
) -> Turnover:
    """People who joined or left the committee from `start` to `end`, over its places.

    A person joins on the first day of a term when they held no seat the day before, and leaves
    on the last day of a term when they hold none the day after: a member re-elected at an AGM,
    one term ending as the next begins, neither left nor joined. `terms` must include those in
    force the day before `start` and the day after `end` (`committee_terms` with a day's margin).
    """
    joined, left = set(), set()
    for term in terms:
        holder = _holder(term)
        if start <= term.starts_on <= end and not _holds_on(
            terms, holder, term.starts_on - timedelta(days=1)
        ):
            joined.add(holder)
        if (
            term.ends_on is not None
            and start <= term.ends_on <= end
            and not _holds_on(terms, holder, term.ends_on + timedelta(days=1))
        ):
            left.add(holder)
    return Turnover(len(joined), len(left), len(joined | left), places)


# --- Elections ----------------------------------------------------------------------------------


def contested_elections(*, organisation: Organisation, period: Period) -> int:
    """Elections in the year that went to a vote: the ballot engine's election ballots counted,
    closing in the year. One query."""
    return Ballot.objects.filter(
        organisation=organisation,
        kind=BallotKind.ELECTION,
        status=BallotStatus.COUNTED,
        closes_at__date__range=(period.start, period.end),
    ).count()


def uncontested_elections(*, organisation: Organisation, period: Period) -> int:
    """Elections in the year in which the candidates did not outnumber the seats, so those
    nominated were elected without a vote: elections with no ballot whose nominations closed
    in the year (their result is known then). One query."""
    return Election.objects.filter(
        organisation=organisation,
        ballot__isnull=True,
        status__in=(ElectionStatus.UNCONTESTED, ElectionStatus.DECLARED),
        nominations_close_on__range=(period.start, period.end),
    ).count()


# --- Notice and criticisms ----------------------------------------------------------------------


def notices_on_time(*, meetings: list[Meeting], constitution: Constitution) -> Score:
    """Meetings (general and committee) whose notice gave the clear days the constitution asks
    for that kind, of the meetings held (`meeting_selectors.notice_status`). A meeting with no
    notice recorded counts as not on time."""
    on_time = sum(
        1 for m in meetings if notice_status(meeting=m, constitution=constitution).in_time
    )
    return Score(on_time, len(meetings))


@dataclass(frozen=True)
class CriticismFigures:
    answered_on_time: int  # answered on or before the due date
    due: int  # raised in the year and answered, or past their due date by the day
    not_yet_due: int  # raised in the year, waiting, still within their due date

    @property
    def score(self) -> Score:
        return Score(self.answered_on_time, self.due)


def criticisms_answered(*, organisation: Organisation, start: date, end: date) -> CriticismFigures:
    """Criticisms and questions raised at meetings from `start` to `end` answered by their due
    date, of those raised that were answered or had fallen due by `end`. One waiting for an
    answer whose due date is still to come is not yet late, and is counted apart. One query."""
    raised = Criticism.objects.filter(
        organisation=organisation, meeting__day__range=(start, end)
    ).values_list("status", "due_on", "answered_on")
    on_time = due = waiting = 0
    for status, due_on, answered_on in raised:
        answered = status == RaisedStatus.ANSWERED and answered_on is not None
        if not answered and due_on >= end:
            waiting += 1
            continue
        due += 1
        if answered and answered_on <= due_on:
            on_time += 1
    return CriticismFigures(on_time, due, waiting)


# --- The democratic-health questionnaire ---------------------------------------------------------

# The questionnaire's headline questions, in the Guide's order, with what the share counts.
QUESTIONNAIRE_HEADLINES = {
    "DH01": gettext_lazy("Knew the organisation exists"),
    "DH02": gettext_lazy("Have been to a general meeting in the last two years"),
    "DH05": gettext_lazy("Confident they can make their views heard (agree)"),
    "DH06": gettext_lazy("Know how to make their views heard"),
    "DH07": gettext_lazy("Satisfied with the way the organisation operates"),
    "DH08": gettext_lazy("Would like to be more involved (yes or maybe)"),
}


def latest_questionnaire(*, organisation: Organisation, period: Period) -> Survey | None:
    """The organisation's latest democratic-health questionnaire opened in the year (not a
    draft). One query."""
    return (
        Survey.objects.filter(
            organisation=organisation,
            template=DEMOCRATIC_HEALTH_TEMPLATE,
            opens_on__range=(period.start, period.end),
        )
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-opens_on", "-pk")
        .first()
    )


# --- A year -------------------------------------------------------------------------------------


@dataclass
class YearHealth:
    period: Period
    day: date  # the year end, or today for the year under way
    members: Score
    meetings: list[MeetingFigures]
    attendance: float | None
    places: int
    filled: int
    filled_average: float | None
    contested: int
    uncontested: int
    turnover: Turnover
    notices: Score
    criticisms: CriticismFigures
    survey: Survey | None = None
    questionnaire: dict[str, Score] = field(default_factory=dict)

    @property
    def under_way(self) -> bool:
        return self.day < self.period.end

    @property
    def filled_score(self) -> Score:
        return Score(self.filled, self.places)

    @property
    def filled_average_percent(self) -> float | None:
        if self.filled_average is None or not self.places:
            return None
        return 100 * self.filled_average / self.places

    @property
    def questionnaire_rows(self) -> list[tuple[str, Score]]:
        return [
            (str(label), self.questionnaire[code])
            for code, label in QUESTIONNAIRE_HEADLINES.items()
            if code in self.questionnaire
        ]


def year_health(*, organisation: Organisation, period: Period, today: date) -> YearHealth | None:
    """Every figure of one financial year for the organisation; None for a year not begun."""
    day = as_of(period, today)
    if day is None:
        return None
    constitution, seats = rules_of(organisation)
    places = sum(seats.values())
    general = meetings_held(organisation=organisation, start=period.start, end=day)
    figures = meeting_figures(meetings=general, constitution=constitution)
    every = meetings_held(
        organisation=organisation, start=period.start, end=day, kinds=MeetingKind.values
    )
    terms = committee_terms(
        organisation=organisation,
        start=period.start - timedelta(days=1),
        end=day + timedelta(days=1),
    )
    survey = latest_questionnaire(organisation=organisation, period=period)
    return YearHealth(
        period=period,
        day=day,
        members=members_share(organisation=organisation, day=day),
        meetings=figures,
        attendance=average_attendance(figures),
        places=places,
        filled=places_filled(terms=terms, seats=seats, day=day),
        filled_average=average_places_filled(terms=terms, seats=seats, start=period.start, end=day),
        contested=contested_elections(organisation=organisation, period=period),
        uncontested=uncontested_elections(organisation=organisation, period=period),
        turnover=committee_turnover(terms=terms, places=places, start=period.start, end=day),
        notices=notices_on_time(meetings=every, constitution=constitution),
        criticisms=criticisms_answered(organisation=organisation, start=period.start, end=day),
        survey=survey,
        questionnaire=democratic_health_results(survey) if survey else {},
    )


def percent_text(value: float | None) -> str:
    """A share as the page writes it ("23%", "–" when there is none), by `core/figures.py`."""
    return figure_text(value, "percent", places=0)


# --- The committee's profile against the residents' ---------------------------------------------

NOT_RECORDED = "not_recorded"

CHARACTERISTICS = (
    ("age_band", gettext_lazy("Age"), "equality__age_band", EqualityProfile.AgeBand),
    ("ethnicity", gettext_lazy("Ethnic group"), "equality__ethnicity", EqualityProfile.Ethnicity),
    ("disability", gettext_lazy("Disability"), "equality__disability", EqualityProfile.Disability),
    ("tenure", gettext_lazy("Tenure"), "household__home__tenure", Tenure),
    ("estate", gettext_lazy("Estate"), "household__home__estate__name", None),
)


@dataclass(frozen=True)
class Cell:
    people: int
    share: float | None  # of everyone in the column
    hidden: bool  # a small group (core/privacy.py), or hidden so a small one cannot be worked out

    @property
    def share_text(self) -> str:
        return percent_text(self.share)


@dataclass(frozen=True)
class ProfileRow:
    group: str
    label: str
    residents: Cell
    committee: Cell


@dataclass(frozen=True)
class ProfileCharacteristic:
    key: str
    label: str
    rows: list[ProfileRow]


@dataclass(frozen=True)
class Profile:
    residents: int
    committee: int  # committee members who live in the homes (a member's seat)
    not_residents: int  # seats held by independents and nominees, not in the comparison
    characteristics: list[ProfileCharacteristic]


def _cells(counts: dict[str, int], groups: list[str]) -> dict[str, Cell]:
    total = sum(counts.values())
    hidden = privacy.groups_to_hide({group: counts.get(group, 0) for group in groups})
    return {
        group: Cell(
            people=counts.get(group, 0),
            share=100 * counts.get(group, 0) / total if total else None,
            hidden=group in hidden,
        )
        for group in groups
    }


def committee_profile(*, organisation: Organisation, day: date) -> Profile:
    """The committee's members against the residents of the organisation's homes on `day`, by
    age band, ethnic group, disability, tenure and estate. Age, ethnic group and disability come
    only from equality profiles given with consent; anyone without one is "not recorded". A
    group of fewer people than `core/privacy.py` allows is hidden, on either side, and so is the
    next smallest where one hidden group could be worked out from the total. Three queries."""
    # Written as a condition on each resident's household and home, not as "household in (the
    # organisation's households)": PostgreSQL joined all the landlord's residents before
    # narrowing that down (600 ms at 125,000 homes, against 25 ms).
    managed = _coverage_on(organisation, day).filter(home=OuterRef("household__home"))
    residents = Resident.objects.filter(living_q(day, prefix="household__"), Exists(managed))
    terms = CommitteeTerm.objects.current(day).filter(organisation=organisation)
    on_committee = terms.filter(
        membership__isnull=False, membership__resident=OuterRef("pk")
    ).filter(current_q(day, prefix="membership__"))
    columns = [name for _key, _label, name, _choices in CHARACTERISTICS]
    rows = (
        residents.annotate(on_committee=Exists(on_committee))
        .values_list("on_committee", *columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {key: ({}, {}) for key, *_ in CHARACTERISTICS}
    totals = [0, 0]
    for on, *groups, n in rows:
        totals[0] += n
        if on:
            totals[1] += n
        for (key, *_rest), group in zip(CHARACTERISTICS, groups, strict=True):
            group = group or NOT_RECORDED
            for side in (0, 1) if on else (0,):
                counts[key][side][group] = counts[key][side].get(group, 0) + n
    seats = terms.count()
    characteristics = []
    for key, label, _name, choices in CHARACTERISTICS:
        residents_side, committee_side = counts[key]
        labels = dict(choices.choices) if choices else {}
        seen = {*residents_side, *committee_side}
        order = [g for g in labels if g in seen] + sorted(
            g for g in seen if g not in labels and g != NOT_RECORDED
        )
        if NOT_RECORDED in seen:
            order.append(NOT_RECORDED)
        labels[NOT_RECORDED] = _("Not recorded")
        residents_cells = _cells(residents_side, order)
        committee_cells = _cells(committee_side, order)
        characteristics.append(
            ProfileCharacteristic(
                key,
                str(label),
                [
                    ProfileRow(g, str(labels.get(g, g)), residents_cells[g], committee_cells[g])
                    for g in order
                ],
            )
        )
    return Profile(totals[0], totals[1], max(seats - totals[1], 0), characteristics)


# --- Early warnings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Warning:
    """An early warning that the organisation is growing weak, in plain words, with the page
    that fixes it (shown to those whose roles `rule` allows)."""

    key: str
    text: str
    link_text: str
    url: str
    rule: object  # Callable[[Roles], bool]

    def link_for(self, roles) -> str | None:
        return self.url if self.rule(roles) else None


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def warnings_for(*, organisation: Organisation, today: date) -> list[Warning]:
    """The early warnings in force today: falling membership, an inquorate general meeting,
    unfilled committee places, the AGM overdue, criticisms left unanswered. About ten queries,
    none per member. The thresholds are settings (DEMOCRACY_*, docs/democratic-health.md)."""
    slug = organisation.slug
    found: list[Warning] = []
    constitution, seats = rules_of(organisation)

    # Falling membership: members as a share of households, now against a year ago.
    now = members_share(organisation=organisation, day=today)
    before = members_share(organisation=organisation, day=_months_before(today, 12))
    fall = settings.DEMOCRACY_MEMBERSHIP_FALL_POINTS
    if (
        now.percentage is not None
        and before.percentage is not None
        and before.percentage - now.percentage > fall
    ):
        shares = {"before": percent_text(before.percentage), "now": percent_text(now.percentage)}
        found.append(
            Warning(
                "membership_falling",
                _(
                    "Membership is falling: %(before)s of households had a member a year ago, "
                    "%(now)s now."
                )
                % shares,
                _("Ask residents to join: the members register"),
                reverse("democracy:register", args=[slug]),
                can.can_view_register,
            )
        )

    # A general meeting not quorate in the last months.
    since = _months_before(today, settings.DEMOCRACY_INQUORATE_MONTHS) + timedelta(days=1)
    recent = meetings_held(organisation=organisation, start=since, end=today)
    for figures in meeting_figures(meetings=recent, constitution=constitution):
        if figures.quorate is False:
            found.append(
                Warning(
                    "inquorate",
                    _("%(meeting)s on %(day)s was not quorate: it could not make decisions.")
                    % {"meeting": figures.meeting.name, "day": _day(figures.meeting.day)},
                    _("Find out why members did not come: the meeting"),
                    reverse("democracy:meeting", args=[slug, figures.meeting.pk]),
                    can.can_view_meetings,
                )
            )

    # Committee places unfilled: below the set share, or too few to make the committee quorate.
    places = sum(seats.values())
    terms = committee_terms(organisation=organisation, start=today, end=today)
    filled = places_filled(terms=terms, seats=seats, day=today)
    rules = rules_for(constitution=constitution, general=False)
    needed = quorum_needed(
        rule=rules.rule, number=rules.number, percent=rules.percent, members=filled
    )
    if places and filled < needed:
        found.append(
            Warning(
                "committee_inquorate",
                ngettext(
                    "Only %(filled)s of %(places)s committee place is filled: too few for the "
                    "committee to be quorate (%(needed)s needed).",
                    "Only %(filled)s of %(places)s committee places are filled: too few for the "
                    "committee to be quorate (%(needed)s needed).",
                    places,
                )
                % {"filled": filled, "places": places, "needed": needed},
                _("Fill the places: the committee"),
                reverse("democracy:committee", args=[slug]),
                can.can_view_democracy,
            )
        )
    elif places and 100 * filled < settings.DEMOCRACY_COMMITTEE_FILLED_PERCENT * places:
        found.append(
            Warning(
                "places_unfilled",
                ngettext(
                    "%(empty)s of %(places)s committee place is empty.",
                    "%(empty)s of %(places)s committee places are empty.",
                    places - filled,
                )
                % {"empty": places - filled, "places": places},
                _("Co-opt or elect people to fill them: the committee"),
                reverse("democracy:committee", args=[slug]),
                can.can_view_democracy,
            )
        )

    # The AGM overdue: none held since the last year end, and its last day has passed.
    year_end = notice.year_end_before(today, constitution.year_end_month)
    due = notice.agm_due_by(
        held_for_year_ending=year_end, within_months=constitution.agm_within_months
    )
    if (
        today > due
        and not Meeting.objects.filter(
            organisation=organisation, kind=MeetingKind.AGM, day__gt=year_end, day__lte=today
        ).exists()
    ):
        found.append(
            Warning(
                "agm_overdue",
                _(
                    "The AGM is overdue: the constitution asks for it by %(due)s, within "
                    "%(months)s months of the year end."
                )
                % {"due": _day(due), "months": constitution.agm_within_months},
                _("Call the AGM"),
                reverse("democracy:create-meeting", args=[slug]),
                can.can_run_meetings,
            )
        )

    # Criticisms and questions past their due date without an answer.
    overdue = Criticism.objects.filter(
        organisation=organisation, status=RaisedStatus.OPEN, due_on__lt=today
    ).count()
    if overdue and overdue >= settings.DEMOCRACY_CRITICISMS_OVERDUE:
        found.append(
            Warning(
                "criticisms_overdue",
                ngettext(
                    "%(n)s criticism or question raised at a meeting is past its due date "
                    "without an answer.",
                    "%(n)s criticisms or questions raised at meetings are past their due date "
                    "without an answer.",
                    overdue,
                )
                % {"n": overdue},
                _("Answer them: criticisms and questions"),
                reverse("democracy:criticisms", args=[slug]),
                can.can_view_meetings,
            )
        )
    return found


def _day(day: date) -> str:
    return date_format(day, "j F Y")


@dataclass(frozen=True)
class OrganisationWarnings:
    organisation: Organisation
    warnings: list[Warning]


def warnings_across(*, landlord: Organisation, today: date) -> list[OrganisationWarnings]:
    """Each organisation managing the landlord's homes, with its early warnings as worked out
    within `KEPT_FOR` seconds (about ten queries an organisation, none per member)."""
    organisations = organisations_working_with(landlord=landlord).filter(
        kind__in=Organisation.MANAGING_KINDS
    )
    return [
        OrganisationWarnings(o, kept_warnings(organisation=o, today=today)) for o in organisations
    ]


def kept_warnings(*, organisation: Organisation, today: date) -> list[Warning]:
    """`warnings_for`, as worked out within `KEPT_FOR` seconds."""

    def work():
        return warnings_for(organisation=organisation, today=today)

    return _kept("warnings", organisation, today, work)


# Working out five years took most of the health page's 70 queries, and this year's figures and
# the committee's profile beside the residents' a hundred milliseconds at a large organisation;
# so every year's figures, the profile, and the landlord's list of every organisation's
# warnings are kept this long, and the pages say so.
KEPT_FOR = 600  # seconds


def _kept(name: str, organisation: Organisation, today: date, work):
    key = f"democratic-health:{name}:{organisation.pk}:{today.isoformat()}:{get_language()}"
    return cache.get_or_set(key, work, KEPT_FOR)


def years_of_health(*, organisation: Organisation, today: date, years: list[Period]):
    """`year_health` for each of `years` that has begun, newest first, as worked out within
    `KEPT_FOR` seconds."""

    def health_of(period: Period) -> YearHealth | None:
        def work():
            return year_health(organisation=organisation, period=period, today=today)

        return _kept(f"year-{period.label}", organisation, today, work)

    found = [health_of(p) for p in years]
    return [y for y in reversed(found) if y is not None]


def kept_committee_profile(*, organisation: Organisation, day: date, today: date) -> Profile:
    """`committee_profile` on `day`, as worked out within `KEPT_FOR` seconds."""

    def work():
        return committee_profile(organisation=organisation, day=day)

    return _kept(f"profile-{day.isoformat()}", organisation, today, work)
