"""Reads about newsletters: what can be picked for one, what it says in a language, who gets
it and by which channel, and how its sending is going."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from tenantry.core.email import absolute, language_for
from tenantry.democracy.models import Meeting, Membership
from tenantry.homes.models import Household, Resident
from tenantry.homes.selectors import homes_of
from tenantry.indicators.models import Result
from tenantry.indicators.selectors import latest_results
from tenantry.indicators.sentences import sentence
from tenantry.organisations.models import Organisation
from tenantry.reviews.models import ImprovementPlan
from tenantry.reviews.models.plan import PlanStage

from .newsletters import Delivery, Newsletter, NewsletterItem, NewsletterPreference


def newsletters_of(organisation: Organisation) -> QuerySet[Newsletter]:
    """An organisation's newsletters, the newest first."""
    return Newsletter.objects.filter(organisation=organisation).order_by("-created_at", "-pk")


# --- What can be picked -----------------------------------------------------------------------


def figures_to_pick(organisation: Organisation) -> list[Result]:
    """The newest yearly headline result of each of the organisation's indicators."""
    results = latest_results(organisation=organisation).values()
    return sorted(
        results, key=lambda r: (r.indicator.framework, r.indicator.order, r.indicator.code)
    )


def meetings_to_pick(organisation: Organisation, today: date) -> QuerySet[Meeting]:
    """The organisation's meetings from today on, the soonest first."""
    return Meeting.objects.filter(organisation=organisation, day__gte=today).order_by(
        "day", "starts_at", "pk"
    )


def plans_to_pick(organisation: Organisation) -> QuerySet[ImprovementPlan]:
    """The organisation's published improvement plans, the newest first."""
    return (
        ImprovementPlan.objects.filter(review__organisation=organisation, stage=PlanStage.PUBLISHED)
        .select_related("review")
        .order_by("-published_on", "-pk")
    )


# --- What it says -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One item as a reader sees it, in the language active when it was made."""

    heading: str
    text: str
    lines: list[str] = field(default_factory=list)  # when, where: short lines under the text
    link: str = ""  # absolute, so it works from an email and is written out on paper
    link_text: str = ""


def items_of(newsletter: Newsletter) -> list[NewsletterItem]:
    """The items in order, with what each picked: one query."""
    return list(
        newsletter.items.select_related(
            "result__indicator", "meeting__organisation", "plan__review__organisation"
        ).order_by("position", "pk")
    )


def blocks_of(items: list[NewsletterItem]) -> list[Block]:
    """The items as the reader sees them, in the active language. An item whose figure, meeting
    or plan has since been deleted is left out."""
    blocks = []
    for item in items:
        block = _block(item)
        if block is not None:
            blocks.append(block)
    return blocks


def _block(item: NewsletterItem) -> Block | None:
    Kind = NewsletterItem.Kind
    if item.kind == Kind.TEXT:
        return Block(heading=item.heading, text=item.body)
    if item.kind == Kind.FIGURE and item.result is not None:
        result = item.result
        return Block(
            heading=item.heading or result.indicator.name,
            text=sentence(result.indicator, result.value, result.numerator, result.denominator),
            lines=[_("Period: %(period)s") % {"period": result.period_label}],
        )
    if item.kind == Kind.MEETING and item.meeting is not None:
        meeting = item.meeting
        when = formats.date_format(meeting.day, "l j F Y")
        if meeting.starts_at:
            when += ", " + formats.time_format(meeting.starts_at, "H:i")
        lines = [_("When: %(when)s") % {"when": when}]
        if meeting.place:
            lines.append(_("Where: %(place)s") % {"place": meeting.place})
        url = reverse("democracy:meeting", args=[meeting.organisation.slug, meeting.pk])
        return Block(
            heading=item.heading or meeting.name,
            text=item.body,
            lines=lines,
            link=absolute(url),
            link_text=_("The meeting's page"),
        )
    if item.kind == Kind.PLAN and item.plan is not None:
        plan = item.plan
        review = plan.review
        url = reverse("improvement-plan:plan", args=[review.organisation.slug, review.pk])
        return Block(
            heading=item.heading or review.title,
            text=item.body
            or _(
                "Our improvement plan after the review of %(review)s is published: what we "
                "will change, by when, and how you can check."
            )
            % {"review": review.title},
            link=absolute(url),
            link_text=_("Read the improvement plan"),
        )
    return None


# --- Who gets it ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    household_id: int
    resident_id: int | None
    channel: str
    language: str
    large_print: bool


@dataclass(frozen=True)
class Audience:
    recipients: list[Recipient]
    opted_out: int

    @property
    def by_email(self) -> int:
        return sum(1 for r in self.recipients if r.channel == Delivery.Channel.EMAIL)

    @property
    def by_letter(self) -> int:
        return len(self.recipients) - self.by_email


@dataclass(frozen=True)
class _Account:
    language: str  # all `language_for` reads of a person's account


@dataclass(frozen=True)
class _Person:
    """What the audience needs of a resident, read as plain values: a household of thousands
    made into models took most of the page's time."""

    pk: int
    email: str
    language: str
    needs_large_print: bool
    user: _Account | None


def _household_language(residents: list[_Person]) -> str:
    """The first language besides the site's default that someone in the household prefers
    and Tenantry writes in; otherwise the default (as `surveys/pdf._letter_language`)."""
    default = language_for(None)
    for resident in residents:
        language = language_for(resident.user, resident.language)
        if language != default:
            return language
    return default


def audience_of(newsletter: Newsletter, today: date) -> Audience:
    """Who gets the newsletter today and how: by email when the person has an address and did
    not ask for post; by letter otherwise. Those who asked for no newsletters are left out.
    A fixed number of queries whatever the size of the audience."""
    organisation = newsletter.organisation
    if newsletter.audience == Newsletter.Audience.MEMBERS:
        households = Household.objects.filter(
            pk__in=Membership.objects.current(today)
            .filter(organisation=organisation)
            .values("household_id")
        )
        chosen_ids = set(
            Membership.objects.current(today)
            .filter(organisation=organisation)
            .values_list("resident_id", flat=True)
        )
    else:
        households = Household.objects.living_on(today).filter(
            home__in=homes_of(organisation=organisation, on=today).exclude(address="")
        )
        chosen_ids = None
    residents = (
        Resident.objects.filter(household__in=households.values("pk"))
        .order_by("household_id", "-is_lead_tenant", "pk")
        .values_list(
            "pk",
            "household_id",
            "email",
            "language",
            "needs_large_print",
            "user_id",
            "user__language",
        )  # fmt: skip
    )
    by_household: dict[int, list[_Person]] = {}
    for pk, household_id, email, language, large, user_id, user_language in residents:
        account = _Account(user_language) if user_id else None
        person = _Person(pk, email, language, large, account)
        by_household.setdefault(household_id, []).append(person)
    choices = dict(
        NewsletterPreference.objects.filter(organisation=organisation).values_list(
            "resident_id", "choice"
        )
    )
    recipients: list[Recipient] = []
    opted_out = 0
    for household_id in households.order_by("pk").values_list("pk", flat=True):
        people = by_household.get(household_id, [])
        large = any(person.needs_large_print for person in people)
        if chosen_ids is not None:
            chosen = [person for person in people if person.pk in chosen_ids]
        else:
            # One per household: the first named on the tenancy with an email address, else
            # the first named on it; a household with nobody on record gets a letter.
            with_email = [person for person in people if person.email]
            chosen = (with_email or people)[:1]
            if not chosen:
                language = language_for(None)
                recipients.append(Recipient(household_id, None, "letter", language, large))
        for person in chosen:
            choice = choices.get(person.pk)
            if choice == NewsletterPreference.Choice.NONE:
                opted_out += 1
                continue
            if person.email and choice != NewsletterPreference.Choice.POST:
                language = language_for(person.user, person.language)
                recipients.append(Recipient(household_id, person.pk, "email", language, large))
            else:
                language = _household_language(people)
                recipients.append(Recipient(household_id, person.pk, "letter", language, large))
    return Audience(recipients=recipients, opted_out=opted_out)


# --- How the sending goes ---------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    emailed: int
    waiting: int
    letters: int
    failed: int

    @property
    def done(self) -> int:
        return self.emailed + self.letters + self.failed


def progress_of(newsletter: Newsletter) -> Progress:
    """How many emails went, wait, failed, and how many letters are to print: one query."""
    State, Channel = Delivery.State, Delivery.Channel
    counts = Delivery.objects.filter(newsletter=newsletter).aggregate(
        emailed=Count("pk", filter=Q(channel=Channel.EMAIL, state=State.SENT)),
        waiting=Count("pk", filter=Q(state=State.PENDING)),
        letters=Count("pk", filter=Q(channel=Channel.LETTER)),
        failed=Count("pk", filter=Q(state=State.FAILED)),
    )
    return Progress(**counts)


def letters_of(newsletter: Newsletter) -> QuerySet[Delivery]:
    """The newsletter's letters, in address order, for printing and posting."""
    return newsletter.deliveries.filter(channel=Delivery.Channel.LETTER).order_by(
        "household__home__address", "pk"
    )
