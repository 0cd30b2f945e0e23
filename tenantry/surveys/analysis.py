"""A survey's results: counts, percentages and margins of error, per estate and per group;
response rates; reach; the Tenant Satisfaction Measures and the democratic-health answers.

Everything here is computed by the database in a few GROUP BY queries over the answers — never
by reading responses one by one — so a 50,000-response survey takes the same handful of queries
as a 50-response one (bench/survey_analysis.py times it against hand-written SQL):

1. answers of choice questions counted by (question, group, answer code);
2. for questions that are not single-choice, respondents counted by (question, group), and the
   sum, smallest and largest of number answers;
3. responses counted by group; plus the residents' profile for reach (two queries on homes).

"Group" is the response's estate unless another breakdown is asked for. Totals for the whole
survey are the sums over estates (every response has at most one estate), so per-estate and
overall figures come from the same rows. A breakdown by an "about you" answer can put one
response in several groups (someone with two communication needs), so it is counted apart.

What a group said leaves this module only when enough of its people answered
(tenantry/core/privacy.py): `survey_results` hands a smaller group's tally over with its count
of people and nothing else, so the page, its charts and every export show the same dashes.

The figures counted from answers are kept (`kept_until_next_response`) until the survey's next
response: responses and their answers are only ever added, together and never changed
(services._record and contractor_import), so the number of responses tells whether anything
they count has changed and the page is as current as the database. The households they are
divided by, and the invitations, are counted afresh on each request.

Percentages are of the people who answered the question. A margin of error is the ± range at
95% confidence for that percentage, with the finite-population correction when the number of
households is known (the survey's organisation's current households, or the estate's).
docs/survey-results.md explains each figure in plain words.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.db.models import Count, F, FilteredRelation, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core import privacy
from tenantry.homes.models import EqualityProfile, Estate, Resident, StockType, Tenure

from . import reach as reach_rules
from . import scoring, selectors
from .models import Answer, Invitation, Mode, ProfileField, Question, Survey
from .questionnaire import Questionnaire
from .scoring import Score
from .statistics import margin_of_error

NOT_RECORDED = ""  # the group key of responses with no estate, or no answer to a profile question

# The answer that counts as positive for each kind of question with a headline figure.
HEADLINES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Question.Kind.SATISFACTION: (scoring.SATISFACTION_SCALE[:2], scoring.SATISFACTION_SCALE),
    Question.Kind.AGREEMENT: (scoring.AGREEMENT_SCALE[:2], scoring.AGREEMENT_SCALE),
    Question.Kind.YES_NO: ((scoring.YES,), (scoring.YES, scoring.NO)),
}
HEADLINE_WORDS = {
    Question.Kind.SATISFACTION: gettext_lazy("satisfied"),
    Question.Kind.AGREEMENT: gettext_lazy("agree"),
    Question.Kind.YES_NO: gettext_lazy("said yes"),
}


# --- What the figures look like ---------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One answer in one group: how many gave it, their share of those who answered, ± margin.
    All three are None in a group too small to show what its people said."""

    count: int | None
    share: float | None
    margin: float | None


@dataclass
class Tally:
    """One question's answers within one group (or the whole survey)."""

    respondents: int = 0  # people who answered the question
    counts: dict[str, int] = field(default_factory=dict)  # answer code → answers
    total: int | None = None  # sum of number answers
    smallest: int | None = None
    largest: int | None = None
    suppressed: bool = False  # a group too small to show what was said: only `respondents` kept

    @property
    def mean(self) -> float | None:
        return (
            self.total / self.respondents if self.total is not None and self.respondents else None
        )


@dataclass
class QuestionResult:
    """A question with its answers counted, overall and per group."""

    question: Question
    number: int
    choices: list[tuple[str, str]]  # (code, label) in the question's order
    overall: Tally
    groups: dict[str, Tally]
    population: int | None  # households, for the margins of error
    group_populations: dict[str, int | None]

    def cell(self, code: str, group: str | None = None) -> Cell:
        tally = self.overall if group is None else self.groups.get(group, Tally())
        if tally.suppressed:
            return Cell(None, None, None)
        population = self.population if group is None else self.group_populations.get(group)
        count = tally.counts.get(code, 0)
        return _cell(count, tally.respondents, population)

    @property
    def cells(self) -> list[tuple[str, str, Cell]]:
        """(code, label, cell) for every answer, in order, for the whole survey."""
        return [(code, label, self.cell(code)) for code, label in self.choices]

    def headline(self, group: str | None = None) -> Score | None:
        """The share satisfied (very + fairly), agreeing or saying yes, as the TSM rules count:
        "neither" stays in, "don't know" is left out. None for a question without one, and
        for a group too small to show."""
        rule = HEADLINES.get(self.question.kind)
        if rule is None:
            return None
        tally = self.overall if group is None else self.groups.get(group, Tally())
        if tally.suppressed:
            return None
        return scoring.score_counts(tally.counts, positive=rule[0], counted=rule[1])

    def headline_margin(self, group: str | None = None) -> float | None:
        score = self.headline(group)
        if score is None or not score.denominator:
            return None
        population = self.population if group is None else self.group_populations.get(group)
        return _margin(score.proportion, score.denominator, population)

    @property
    def headline_word(self) -> str:
        return str(HEADLINE_WORDS.get(self.question.kind, ""))


@dataclass(frozen=True)
class Group:
    """One group of a breakdown (an estate, a way of answering, an age band…)."""

    key: str
    label: str
    responses: int
    invited: int | None = None  # invitations to households in the group (estates only)
    households: int | None = None  # households living there now (estates only)

    @property
    def response_rate(self) -> float | None:
        """Responses ÷ households invited, or ÷ households when nobody was invited by letter."""
        base = self.invited or self.households
        return self.responses / base if base else None


@dataclass(frozen=True)
class Breakdown:
    key: str  # "estate", "mode", "stock_type" or "profile-<question pk>"
    label: str


@dataclass
class SurveyResults:
    survey: Survey
    breakdown: Breakdown
    breakdowns: list[Breakdown]  # every breakdown this survey offers
    overall: Group
    groups: list[Group]
    questions: list[QuestionResult]

    def question(self, code: str) -> QuestionResult | None:
        return next((q for q in self.questions if q.question.code == code), None)


def _margin(proportion: float | None, n: int, population: int | None) -> float | None:
    if proportion is None or n < 1:
        return None
    if population is not None and population < n:
        population = None  # more answers than households: a population figure does not apply
    return margin_of_error(proportion, n, population)


def _cell(count: int, respondents: int, population: int | None) -> Cell:
    share = count / respondents if respondents else None
    return Cell(count, share, _margin(share, respondents, population))


# --- Counting ---------------------------------------------------------------------------------


def _breakdowns(survey: Survey, questionnaire: Questionnaire) -> list[Breakdown]:
    found = [
        Breakdown("estate", _("Estate")),
        Breakdown("mode", _("How people answered")),
        Breakdown("stock_type", _("Rent or shared ownership")),
    ]
    for item in questionnaire:
        question = item.question
        if question.profile_field and question.has_choices:
            label = ProfileField(question.profile_field).label
            found.append(Breakdown(f"profile-{question.pk}", str(label)))
    return found


def _group_path(breakdown: str) -> tuple[str | None, int | None]:
    """The answer's field holding the group, or a profile question to join on."""
    if breakdown == "estate":
        return "response__estate_id", None
    if breakdown == "mode":
        return "response__mode", None
    if breakdown == "stock_type":
        return "response__stock_type", None
    if breakdown.startswith("profile-") and breakdown[8:].isdigit():
        return None, int(breakdown[8:])
    raise ValueError(f"no breakdown called {breakdown!r}")


def _answers(question_ids: Iterable[int], group: str | None, profile_question: int | None):
    """Answers to the questions, annotated with the group each falls in as `g`."""
    answers = Answer.objects.filter(question_id__in=list(question_ids))
    if profile_question is not None:
        # Join each answer to the same response's answer to the "about you" question.
        answers = answers.annotate(
            profile=FilteredRelation(
                "response__answers",
                condition=Q(response__answers__question_id=profile_question),
            )
        ).annotate(g=F("profile__value"))
    elif group is not None:
        answers = answers.annotate(g=F(group))
    return answers


# How long figures counted from a survey's answers stay in the cache when no one asks again. Any
# new response makes new keys, so this bounds the cache's memory, not the figures' freshness.
KEPT_FOR = 60 * 60


def responses_so_far(survey: Survey) -> int:
    """How many responses the survey has, counted once per request (kept on the instance)."""
    if "_responses_so_far" not in survey.__dict__:
        survey.__dict__["_responses_so_far"] = survey.responses.count()
    return survey.__dict__["_responses_so_far"]


def kept_until_next_response(survey: Survey, what: str, compute):
    """`compute()`, kept in the cache until the survey's next response (see the module's
    docstring). A draft's questions may still change, so its figures are never kept. The key
    has the survey's creation time too: SQLite may give a deleted survey's number to a new one.
    """
    if survey.is_editable:
        return compute()
    key = (
        f"survey-answers:{survey.pk}:{survey.created_at.timestamp()}:"
        f"{responses_so_far(survey)}:{what}"
    )
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, KEPT_FOR)
    return found


def tally(
    questions: Iterable[Question], *, breakdown: str | None = "estate"
) -> dict[int, dict[str, Tally]]:
    """{question pk: {group key: Tally}}, with NOT_RECORDED for answers outside any group.

    With `breakdown=None` every answer is in one group, NOT_RECORDED. Two queries at most:
    choice answers counted by (question, group, code); respondents and number sums by
    (question, group) for the questions where counting answers does not count people.
    """
    questions = list(questions)
    group, profile_question = (None, None) if breakdown is None else _group_path(breakdown)
    grouped = group is not None or profile_question is not None
    keys = ("question_id", "g") if grouped else ("question_id",)
    result: dict[int, dict[str, Tally]] = {q.pk: {} for q in questions}

    def at(question_id: int, key) -> Tally:
        key = NOT_RECORDED if key is None else str(key)
        return result[question_id].setdefault(key, Tally())

    choice_ids = [q.pk for q in questions if q.has_choices]
    single_ids = {q.pk for q in questions if q.has_choices and q.kind != Question.Kind.MULTIPLE}
    if choice_ids:
        rows = (
            _answers(choice_ids, group, profile_question)
            .values_list(*keys, "value")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            question_id, key, value, n = row if grouped else (row[0], None, row[1], row[2])
            cell = at(question_id, key)
            cell.counts[value] = cell.counts.get(value, 0) + n
            if question_id in single_ids:
                cell.respondents += n  # one answer per person to a single-choice question

    other_ids = [q.pk for q in questions if q.pk not in single_ids]
    if other_ids:
        rows = (
            _answers(other_ids, group, profile_question)
            .values_list(*keys)
            .annotate(
                people=Count("response_id", distinct=True),
                total=Sum("number"),
                smallest=Min("number"),
                largest=Max("number"),
            )
            .order_by()
        )
        for row in rows:
            if not grouped:
                row = (row[0], None, *row[1:])
            question_id, key, people, total, smallest, largest = row
            cell = at(question_id, key)
            cell.respondents = people
            cell.total, cell.smallest, cell.largest = total, smallest, largest
    return result


def _as_shown(tally: Tally) -> Tally:
    """A group's tally as it may be shown: only how many answered, when too few did."""
    if privacy.too_few_to_show(tally.respondents):
        return Tally(respondents=tally.respondents, suppressed=True)
    return tally


def _combine(tallies: Iterable[Tally]) -> Tally:
    """Add up groups that never share a person (estates, modes, stock types)."""
    whole = Tally()
    for part in tallies:
        whole.respondents += part.respondents
        for code, n in part.counts.items():
            whole.counts[code] = whole.counts.get(code, 0) + n
        if part.total is not None:
            whole.total = (whole.total or 0) + part.total
            whole.smallest = (
                part.smallest if whole.smallest is None else min(whole.smallest, part.smallest)
            )
            whole.largest = (
                part.largest if whole.largest is None else max(whole.largest, part.largest)
            )
    return whole


def responses_by(survey: Survey, breakdown: str) -> dict[str, int]:
    """Responses counted per group of a breakdown (one query)."""
    group, profile_question = _group_path(breakdown)
    if profile_question is not None:
        answers = Answer.objects.filter(question_id=profile_question)
        counted = dict(
            answers.values_list("value").annotate(n=Count("response_id", distinct=True)).order_by()
        )
        unanswered = survey.responses.exclude(pk__in=answers.values("response_id")).count()
        if unanswered:
            counted[NOT_RECORDED] = unanswered
        return counted
    field_name = group.removeprefix("response__")
    rows = survey.responses.values_list(field_name).annotate(n=Count("pk")).order_by()
    return {NOT_RECORDED if key in (None, "") else str(key): n for key, n in rows}


def response_rates(survey: Survey, *, responses: Mapping[str, int] | None = None):
    """(whole survey, [each estate]) as Groups: responses, invitations, households, rate."""
    responses = responses if responses is not None else responses_by(survey, "estate")
    invited = dict(
        Invitation.objects.filter(survey=survey)
        .values_list("estate_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    population = selectors.population_by_estate(organisation=survey.organisation)
    households = {row.estate.pk: row.households for row in population}
    known = {row.estate.pk: row.estate for row in population}
    # Estates with invitations or answers but no households now (the organisation's homes
    # changed since) are read too.
    missing = (set(invited) | {int(k) for k in responses if k}) - set(known)
    if missing:
        known |= {estate.pk: estate for estate in Estate.objects.filter(pk__in=missing)}
    estates = sorted(known.values(), key=lambda estate: (estate.name, estate.pk))
    groups = [
        Group(
            key=str(estate.pk),
            label=estate.name,
            responses=responses.get(str(estate.pk), 0),
            invited=invited.get(estate.pk, 0),
            households=households.get(estate.pk, 0),
        )
        for estate in estates
    ]
    if responses.get(NOT_RECORDED):
        groups.append(Group(NOT_RECORDED, _("Estate not recorded"), responses[NOT_RECORDED]))
    overall = Group(
        key="all",
        label=_("All"),
        responses=sum(responses.values()),
        invited=sum(invited.values()),
        households=sum(households.values()),
    )
    return overall, groups


def _group_labels(breakdown: str, questionnaire: Questionnaire) -> dict:
    if breakdown == "mode":
        return dict(Mode.choices)
    if breakdown == "stock_type":
        return dict(StockType.choices)
    if breakdown.startswith("profile-"):
        item = questionnaire.item(int(breakdown[8:]))
        return {c.value: c.label for c in item.choices} if item else {}
    return {}


def survey_results(survey: Survey, *, breakdown: str = "estate") -> SurveyResults:
    """Every question's answers, overall and per group, with response rates and margins."""
    questionnaire = Questionnaire(survey)
    breakdowns = _breakdowns(survey, questionnaire)
    chosen = next((b for b in breakdowns if b.key == breakdown), None)
    if chosen is None:
        raise ValueError(f"this survey has no breakdown called {breakdown!r}")
    questions = [item.question for item in questionnaire]

    by_estate_responses = kept_until_next_response(
        survey, "responses:estate", lambda: responses_by(survey, "estate")
    )
    overall, estates = response_rates(survey, responses=by_estate_responses)
    population = overall.households or None
    per_group = kept_until_next_response(
        survey, f"tally:{breakdown}", lambda: tally(questions, breakdown=breakdown)
    )
    if breakdown in ("estate", "mode", "stock_type"):
        whole = {pk: _combine(groups.values()) for pk, groups in per_group.items()}
    else:
        everyone = kept_until_next_response(
            survey, "tally:", lambda: tally(questions, breakdown=None)
        )
        whole = {pk: groups.get(NOT_RECORDED, Tally()) for pk, groups in everyone.items()}

    if breakdown == "estate":
        groups = estates
        group_populations = {g.key: g.households or None for g in estates}
    else:
        counted = kept_until_next_response(
            survey, f"responses:{breakdown}", lambda: responses_by(survey, breakdown)
        )
        labels = _group_labels(breakdown, questionnaire)
        order = list(labels) + sorted(k for k in counted if k not in labels and k)
        groups = [Group(k, str(labels.get(k, k)), counted.get(k, 0)) for k in order if k in counted]
        if counted.get(NOT_RECORDED):
            groups.append(Group(NOT_RECORDED, _("Not recorded"), counted[NOT_RECORDED]))
        group_populations = {}

    results = []
    for item in questionnaire:
        question = item.question
        choices = [(c.value, c.label) for c in item.choices]
        seen = set(whole[question.pk].counts)
        choices += [(code, code) for code in sorted(seen - {c for c, _label in choices})]
        results.append(
            QuestionResult(
                question=question,
                number=item.number,
                choices=choices,
                overall=whole[question.pk],
                groups={k: _as_shown(t) for k, t in per_group[question.pk].items()},
                population=population,
                group_populations=group_populations,
            )
        )
    return SurveyResults(survey, chosen, breakdowns, overall, groups, results)


# --- The Tenant Satisfaction Measures and democratic health ----------------------------------


def _filter_of(question: Question, by_code: Mapping[str, Question]) -> tuple[int, list[str]] | None:
    """The filter question and answers a TSM measure's population is defined by, if any.

    The survey's own "show only if" rule comes first (TP02 shown only to those who said yes
    to a repair); failing that, a question carrying the measure's filter code, answered yes.
    """
    if question.show_if_question_id and question.show_if_values:
        return question.show_if_question_id, list(question.show_if_values)
    measure = scoring.TSM_PERCEPTION[question.code]
    if measure.filter_code and measure.filter_code in by_code:
        return by_code[measure.filter_code].pk, [scoring.YES]
    return None


def tsm_perception_results(survey: Survey, *, stock_type: str | None = None) -> dict[str, Score]:
    """TP01–TP12 from a survey whose questions carry the codes "TP01"…"TP12".

    Returns {"TP01": Score(numerator, denominator, excluded), …} for each measure the survey
    asks, computed with the regulator's rules (scoring.py): satisfied = very + fairly
    satisfied (TP08: strongly agree + agree); "neither" stays in the denominator; don't know
    and blank answers are left out; TP02/TP03 count only tenants who had a repair in the last
    12 months, TP09 only those who complained, TP10 only those with communal areas.
    `stock_type` ("lcra" or "lcho") counts only responses from homes of that stock type, as
    the regulator reports them separately. At most 1 + (number of filtered measures) queries,
    and none until the next response once worked out (`kept_until_next_response`).
    """
    return kept_until_next_response(
        survey, f"tsm:{stock_type or ''}", lambda: _tsm_perception_results(survey, stock_type)
    )


def _tsm_perception_results(survey: Survey, stock_type: str | None) -> dict[str, Score]:
    questions = list(survey.questions.exclude(code=""))
    by_code = {q.code: q for q in questions}
    measured = [q for q in questions if q.code in scoring.TSM_PERCEPTION]
    if not measured:
        return {}
    answers = Answer.objects.all()
    if stock_type:
        answers = answers.filter(response__stock_type=stock_type)

    counts: dict[int, dict[str | None, int]] = defaultdict(dict)
    filtered = {q.pk: _filter_of(q, by_code) for q in measured}
    plain = [q.pk for q in measured if filtered[q.pk] is None]
    if plain:
        for question_id, value, n in (
            answers.filter(question_id__in=plain)
            .values_list("question_id", "value")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[question_id][value or None] = n
    for question in measured:
        rule = filtered[question.pk]
        if rule is None:
            continue
        filter_question, values = rule
        rows = (
            answers.filter(question=question)
            .annotate(
                gate=FilteredRelation(
                    "response__answers",
                    condition=Q(
                        response__answers__question_id=filter_question,
                        response__answers__value__in=values,
                    ),
                )
            )
            .filter(gate__isnull=False)
            .values_list("value")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        for value, n in rows:
            counts[question.pk][value or None] = n
    return {
        q.code: scoring.score_tsm_counts(q.code, counts[q.pk])
        for q in sorted(measured, key=lambda q: q.code)
    }


# The democratic-health questionnaire's questions with a headline figure, and what counts.
DEMOCRATIC_HEALTH_POSITIVE = {
    "DH08": (("yes", "maybe"), ("yes", "maybe", "no")),  # would like to be more involved
}


def democratic_health_results(survey: Survey) -> dict[str, Score]:
    """The Guide's democratic-health questions as shares: {"DH01": Score, …}.

    DH01 knew the organisation exists, DH02 has been to a general meeting, DH06 knows how to
    make their views heard (each % yes); DH05 is confident their views are heard (% agree);
    DH07 is satisfied with the way it operates (% satisfied); DH08 would like to be more
    involved (% yes or maybe). One query, and none until the next response once worked out.
    """
    return kept_until_next_response(
        survey, "democratic", lambda: _democratic_health_results(survey)
    )


def _democratic_health_results(survey: Survey) -> dict[str, Score]:
    questions = [
        q
        for q in survey.questions.filter(code__startswith="DH")
        if q.kind in HEADLINES or q.code in DEMOCRATIC_HEALTH_POSITIVE
    ]
    if not questions:
        return {}
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for question_id, value, n in (
        Answer.objects.filter(question__in=questions)
        .values_list("question_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[question_id][value] = n
    results = {}
    for question in sorted(questions, key=lambda q: q.code):
        positive, counted = (
            DEMOCRATIC_HEALTH_POSITIVE.get(question.code) or HEADLINES[question.kind]
        )
        results[question.code] = scoring.score_counts(
            counts[question.pk], positive=positive, counted=counted
        )
    return results


# --- Reach ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachCharacteristic:
    key: str
    label: str
    rows: list[reach_rules.ReachRow]
    labels: dict[str, str]
    source: str  # where respondents' groups came from, in words

    @property
    def flagged(self) -> list[reach_rules.ReachRow]:
        return [row for row in self.rows if row.under_represented]


PERSON_FIELDS = ("age_band", "disability", "ethnicity", "gender")


def residents_profile(survey: Survey) -> dict[str, dict[str, int]]:
    """How the people living in the organisation's homes now divide, characteristic by
    characteristic (three queries). Equality groups come only from profiles given with consent;
    residents without one are "not recorded"."""
    households = selectors.current_households(organisation=survey.organisation)
    profile: dict[str, dict[str, int]] = {}
    home_rows = households.values_list("home__estate_id", "home__tenure").annotate(n=Count("pk"))
    estates: dict[str, int] = defaultdict(int)
    tenures: dict[str, int] = defaultdict(int)
    for estate_id, tenure, n in home_rows.order_by():
        estates[str(estate_id)] += n
        tenures[tenure] += n
    profile["estate"], profile["tenure"] = dict(estates), dict(tenures)

    residents = Resident.objects.filter(household__in=households)
    needs = {name: Count("pk", filter=Q(**{name: True})) for name in Resident.NEED_FIELDS}
    no_needs = Q(**{name: False for name in Resident.NEED_FIELDS})
    languages: dict[str, int] = {}
    need_counts: dict[str, int] = defaultdict(int)
    total = 0
    for row in (
        residents.values("language")
        .annotate(n=Count("pk"), none=Count("pk", filter=no_needs), **needs)
        .order_by()
    ):
        languages[row["language"] or NOT_RECORDED] = row["n"]
        total += row["n"]
        for name in (*Resident.NEED_FIELDS, "none"):
            need_counts[name] += row[name]
    profile["language"] = languages
    profile["communication_needs"] = dict(need_counts)

    person: dict[str, dict[str, int]] = {name: defaultdict(int) for name in PERSON_FIELDS}
    profiled = 0
    for *groups, n in (
        EqualityProfile.objects.filter(resident__in=residents)
        .values_list(*PERSON_FIELDS)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        profiled += n
        for name, group in zip(PERSON_FIELDS, groups, strict=True):
            person[name][group] += n
    for name in PERSON_FIELDS:
        if total > profiled:
            person[name][NOT_RECORDED] += total - profiled
        profile[name] = dict(person[name])
    profile["_people"] = {"residents": total}
    return profile


# Counting who lives in an organisation's homes (three queries over its households, residents
# and their equality profiles) was a third of the reach page's time at a TMO of a 125,000-home
# landlord, and a review's page counts it too. People move in and out over weeks, not minutes,
# so the count is kept this long, and the reach page says when it was made.
RESIDENTS_KEPT_FOR = 10 * 60  # seconds


@dataclass(frozen=True)
class Residents:
    profile: dict[str, dict[str, int]]  # `residents_profile`
    counted_at: datetime


def residents_now(survey: Survey) -> Residents:
    """`residents_profile` of the survey's organisation, as counted within the last
    `RESIDENTS_KEPT_FOR` seconds, today. The key has the organisation's creation time too:
    SQLite may give a deleted organisation's number to a new one."""
    organisation = survey.organisation
    key = (
        f"residents-profile:{organisation.pk}:{organisation.created_at.timestamp()}:"
        f"{timezone.localdate().isoformat()}"
    )
    found = cache.get(key)
    if found is None:
        found = Residents(residents_profile(survey), timezone.now())
        cache.set(key, found, RESIDENTS_KEPT_FOR)
    return found


def _respondents_from_households(survey: Survey, field_name: str) -> dict[str, int]:
    """For a named or confidential survey without an "about you" question: the lead tenants of
    the households that answered (one query)."""
    responses = survey.responses.filter(household__isnull=False)
    if field_name == "tenure":
        rows = responses.values_list("household__home__tenure").annotate(n=Count("pk"))
        return {key or NOT_RECORDED: n for key, n in rows.order_by()}
    leads = Resident.objects.filter(household__survey_responses__in=responses, is_lead_tenant=True)
    if field_name == "language":
        rows = leads.values_list("language").annotate(n=Count("pk"))
    elif field_name == "communication_needs":
        counts = leads.aggregate(
            none=Count("pk", filter=Q(**{n: False for n in Resident.NEED_FIELDS})),
            **{n: Count("pk", filter=Q(**{n: True})) for n in Resident.NEED_FIELDS},
        )
        return {k: v for k, v in counts.items() if v}
    else:
        rows = leads.values_list(f"equality__{field_name}").annotate(n=Count("pk"))
    return {key or NOT_RECORDED: n for key, n in rows.order_by()}


def _in_order(counts: Mapping[str, int], order: Iterable) -> dict[str, int]:
    """`counts` with its groups in the order given (a question's choices), then the rest."""
    order = [str(key) for key in order]
    ranked = {key: rank for rank, key in enumerate(order)}
    return dict(sorted(counts.items(), key=lambda item: (ranked.get(item[0], len(order)), item[0])))


def reach(
    survey: Survey,
    *,
    overall: Mapping[int, Tally] | None = None,
    residents: Residents | None = None,
) -> list[ReachCharacteristic]:
    """Respondents against residents for estate, tenure, age, disability, ethnic group, gender,
    first language and communication needs: the groups a review should go and find.

    `overall` may pass the whole-survey tallies already counted for the results page, and
    `residents` the residents the page shows the time of (`residents_now`).
    """
    questionnaire = Questionnaire(survey)
    population = (residents or residents_now(survey)).profile
    profile_items = {
        item.question.profile_field: item
        for item in questionnaire
        if item.question.profile_field and item.question.has_choices
    }
    if overall is None and profile_items:
        counted = tally([i.question for i in profile_items.values()], breakdown=None)
        overall = {pk: groups.get(NOT_RECORDED, Tally()) for pk, groups in counted.items()}
    respondents_total = survey.responses.count()

    characteristics: list[ReachCharacteristic] = []
    estate_responses = responses_by(survey, "estate")
    estate_names = dict(
        Estate.objects.filter(
            pk__in=[int(k) for k in {*population["estate"], *estate_responses} if k]
        ).values_list("pk", "name")
    )
    characteristics.append(
        ReachCharacteristic(
            "estate",
            _("Estate"),
            reach_rules.compare_groups(
                "estate",
                estate_responses,
                _in_order(population["estate"], sorted(estate_names, key=estate_names.get)),
            ),
            {str(pk): name for pk, name in estate_names.items()}
            | {NOT_RECORDED: _("Not recorded")},
            _("the estate recorded with each response"),
        )
    )
    fields = [
        ("tenure", _("Tenure"), dict(Tenure.choices)),
        ("age_band", _("Age"), dict(EqualityProfile.AgeBand.choices)),
        ("disability", _("Disability"), dict(EqualityProfile.Disability.choices)),
        ("ethnicity", _("Ethnic group"), dict(EqualityProfile.Ethnicity.choices)),
        ("gender", _("Gender"), dict(EqualityProfile.Gender.choices)),
        ("language", _("First language"), {}),
        ("communication_needs", _("Communication needs"), {}),
    ]
    for key, label, labels in fields:
        residents_side = dict(population.get(key, {}))
        item = profile_items.get(key)
        respondents_known = residents_known = None
        if item is not None:
            choice_labels = {c.value: str(c.label) for c in item.choices}
            labels = {**labels, **choice_labels}
            tallied = overall.get(item.question.pk, Tally()) if overall else Tally()
            respondents_side = dict(tallied.counts)
            if item.question.kind == Question.Kind.MULTIPLE:
                respondents_known = tallied.respondents - respondents_side.get("not_said", 0)
            elif respondents_total > tallied.respondents:
                respondents_side[NOT_RECORDED] = respondents_total - tallied.respondents
            source = _("the answers to “%(question)s”") % {"question": item.question.text}
            if key == "language":
                # Residents' languages the question does not offer are its "another language".
                offered = set(choice_labels)
                folded: dict[str, int] = defaultdict(int)
                for code, n in residents_side.items():
                    folded[code if code in offered or code == NOT_RECORDED else "other"] += n
                residents_side = dict(folded)
        elif not survey.is_anonymous:
            respondents_side = _respondents_from_households(survey, key)
            source = (
                _("the homes of the households that answered")
                if key == "tenure"
                else _("the lead tenants of the households that answered")
            )
        else:
            continue  # an anonymous survey that did not ask: nothing to compare
        if key == "communication_needs":
            residents_known = population["_people"]["residents"]
            if respondents_known is None:
                respondents_known = sum(n for k, n in respondents_side.items() if k != NOT_RECORDED)
            labels = {
                **{n: str(Resident._meta.get_field(n).verbose_name) for n in Resident.NEED_FIELDS},
                "none": _("None of these"),
                **labels,
            }
        labels = {**labels, NOT_RECORDED: _("Not recorded"), "not_said": _("Prefer not to say")}
        characteristics.append(
            ReachCharacteristic(
                key,
                str(label),
                reach_rules.compare_groups(
                    key,
                    respondents_side,
                    _in_order(residents_side, labels),
                    respondents_known=respondents_known,
                    residents_known=residents_known,
                ),
                {k: str(v) for k, v in labels.items()},
                source,
            )
        )
    return characteristics
