"""Reads about surveys worth naming: who can be invited, who has answered, who may see whom."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from tenantry.homes.models import Estate, Household, StockType
from tenantry.homes.selectors import home_keys_of
from tenantry.organisations.models import Organisation

from . import codes, languages
from .models import Draft, Invitation, Mode, Question, Response, Survey


def _count_per_survey(model) -> Coalesce:
    """How many `model` rows each survey has, as a subquery: joining questions, invitations and
    responses together would make the database count questions × invitations × responses rows."""
    rows = model.objects.filter(survey=OuterRef("pk")).order_by().values("survey")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def surveys_of(*, organisation: Organisation) -> QuerySet[Survey]:
    """An organisation's surveys, newest first, each with its counts (one query)."""
    return Survey.objects.filter(organisation=organisation).annotate(
        question_count=_count_per_survey(Question),
        invitation_count=_count_per_survey(Invitation),
        response_count=_count_per_survey(Response),
    )


def current_households(*, organisation: Organisation, on: date | None = None):
    """Households living today in the homes the organisation manages (or owns)."""
    on = on or timezone.localdate()
    return Household.objects.living_on(on).filter(
        home__in=home_keys_of(organisation=organisation, on=on)
    )


def population(*, organisation: Organisation) -> dict[int, list[int]]:
    """Current households by estate: {estate pk: [household pks in ascending order]}.

    The order is fixed so a sample drawn from it with the same seed is always the same.
    """
    by_estate: dict[int, list[int]] = {}
    for pk, estate_id in (
        current_households(organisation=organisation)
        .order_by("home__estate_id", "pk")
        .values_list("pk", "home__estate_id")
    ):
        by_estate.setdefault(estate_id, []).append(pk)
    return by_estate


@dataclass(frozen=True)
class PopulationRow:
    estate: Estate
    households: int
    low_cost_rental: int


def population_by_estate(*, organisation: Organisation) -> list[PopulationRow]:
    """How many households live on each estate, and how many rent at low cost (the TSM
    population)."""
    counts = (
        current_households(organisation=organisation)
        .values("home__estate")
        .annotate(
            households=Count("pk"),
            low_cost_rental=Count("pk", filter=Q(home__stock_type=StockType.LOW_COST_RENTAL)),
        )
    )
    by_estate = {row["home__estate"]: row for row in counts}
    estates = Estate.objects.filter(pk__in=by_estate).order_by("name")
    return [
        PopulationRow(
            estate,
            by_estate[estate.pk]["households"],
            by_estate[estate.pk]["low_cost_rental"],
        )
        for estate in estates
    ]


@dataclass(frozen=True)
class Progress:
    estate: Estate | None  # None: the whole survey
    invited: int
    answered: int
    started: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.invited if self.invited else None


def invitation_progress(*, survey: Survey) -> tuple[Progress, list[Progress]]:
    """Invitations answered and started, overall and by estate (one query)."""
    rows = (
        survey.invitations.values("estate")
        .annotate(
            invited=Count("pk", distinct=True),
            answered=Count("pk", filter=Q(responses__gt=0), distinct=True),
            started=Count("pk", filter=Q(drafts__isnull=False), distinct=True),
        )
        .order_by()
    )
    rows = {row["estate"]: row for row in rows}
    estates = Estate.objects.filter(pk__in=rows).order_by("name")
    by_estate = [
        Progress(
            estate,
            rows[estate.pk]["invited"],
            rows[estate.pk]["answered"],
            rows[estate.pk]["started"],
        )
        for estate in estates
    ]
    total = Progress(
        None,
        sum(p.invited for p in by_estate),
        sum(p.answered for p in by_estate),
        sum(p.started for p in by_estate),
    )
    return total, by_estate


def responses_by_mode(*, survey: Survey) -> list[tuple[str, int]]:
    """How many responses came each way, in the order of the modes."""
    counts = dict(
        survey.responses.values_list("mode")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("mode", "n")
    )
    return [(label, counts[mode]) for mode, label in Mode.choices if counts.get(mode)]


def invitations_to_visit(
    *, survey: Survey, estate: Estate | None = None, status: str = "", search: str = ""
) -> QuerySet[Invitation]:
    """Invited households for interviewers: where they live, and whether they have answered."""
    found = survey.invitations.select_related("household__home", "estate").annotate(
        started=Exists(Draft.objects.filter(invitation=OuterRef("pk")))
    )
    if estate is not None:
        found = found.filter(estate=estate)
    if status == "answered":
        found = found.filter(responses__gt=0)
    elif status == "started":
        found = found.filter(responses=0, started=True)
    elif status == "waiting":
        found = found.filter(responses=0)
    for word in search.split():
        found = found.filter(
            Q(household__home__address__icontains=word)
            | Q(household__home__postcode__icontains=word.replace(" ", ""))
            | Q(household__home__postcode__icontains=word)
        )
    return found.order_by("estate__name", "household__home__address", "pk")


def own_draft(*, invitation: Invitation, by=None) -> Draft | None:
    """The unsent answers that whoever is answering may continue: `by` is the interviewer, or
    None for the household answering through its code.

    For an anonymous survey only their own: the household's online draft, or this
    interviewer's. An interview never opens what the household began online, and the code
    never opens an interview (what the household said to someone else stays with them). For
    a confidential or named survey the household's one draft, whoever began it.
    """
    drafts = Draft.objects.filter(invitation=invitation)
    if invitation.survey.is_anonymous:
        drafts = drafts.filter(entered_by=by) if by else drafts.filter(entered_by__isnull=True)
    return drafts.first()


def started_online(*, invitation: Invitation) -> bool:
    """Whether the household has begun answering through its code; never what, nor how much."""
    return Draft.objects.filter(invitation=invitation, entered_by__isnull=True).exists()


def find_invitation(*, slug: str, code: str) -> Invitation | None:
    """The invitation a personal code opens, within the organisation in the address."""
    if not codes.normalise(code):
        return None
    return (
        Invitation.objects.select_related("survey__organisation", "household__home", "estate")
        .filter(token_hash=codes.hash_code(code), survey__organisation__slug=slug)
        .first()
    )


def residents_needing_help(*, invitations) -> dict[int, list[str]]:
    """For each invited household, its residents' communication needs and other languages."""
    from tenantry.homes.models import Resident

    needs: dict[int, list[str]] = {}
    for resident in Resident.objects.filter(
        household__in=[invitation.household_id for invitation in invitations]
    ):
        found = needs.setdefault(resident.household_id, [])
        for need in resident.communication_needs():
            if need not in found:
                found.append(need)
        language = languages.english_name(resident.language)
        if resident.language not in ("en", "") and language not in found:
            found.append(language)
    return needs


@dataclass(frozen=True)
class HouseholdSurvey:
    """An open survey a resident's household is invited to, as their account lists it."""

    survey: Survey
    answered: bool  # the household has answered and the survey takes one answer per household
    started: bool  # answers are saved with the invitation, waiting to be sent


def open_surveys_for(
    *, organisation: Organisation, user, today: date | None = None
) -> list[HouseholdSurvey]:
    """The organisation's surveys open today that the signed-in resident's household is
    invited to (one query). Only the invitation is read, never a response: what the household
    answered stays as anonymous as the survey promises."""
    from tenantry.homes.models import Resident

    today = today or timezone.localdate()
    households = Resident.objects.filter(user=user, household__ended_on__isnull=True).values(
        "household_id"
    )
    invitations = (
        Invitation.objects.filter(
            household_id__in=households,
            survey__organisation=organisation,
            survey__status=Survey.Status.OPEN,
        )
        .filter(Q(survey__opens_on__isnull=True) | Q(survey__opens_on__lte=today))
        .filter(Q(survey__closes_on__isnull=True) | Q(survey__closes_on__gte=today))
        .select_related("survey")
        .annotate(
            started=Exists(
                # The drafts the link opens: for an anonymous survey, only the household's own.
                Draft.objects.filter(invitation=OuterRef("pk")).filter(
                    Q(entered_by__isnull=True) | ~Q(invitation__survey__anonymity="anonymous")
                )
            )
        )
        .order_by("survey__closes_on", "survey__title", "pk")
    )
    return [
        HouseholdSurvey(
            survey=invitation.survey,
            answered=invitation.survey.one_response_per_household and invitation.answered,
            started=invitation.started,
        )
        for invitation in invitations
    ]


def invitation_for(*, survey: Survey, user) -> Invitation | None:
    """The invitation of the signed-in resident's household to `survey`, if it has one."""
    from tenantry.homes.models import Resident

    households = Resident.objects.filter(user=user, household__ended_on__isnull=True).values(
        "household_id"
    )
    return (
        Invitation.objects.filter(survey=survey, household_id__in=households)
        .select_related("survey__organisation")
        .first()
    )
