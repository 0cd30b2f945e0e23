"""What the newsletter tests share: a newsletter with one item of each kind, and members."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.democracy.tests.meeting_factories import MeetingFactory, MemberFactory
from tenantry.homes.tests.factories import HomeFactory, HouseholdFactory
from tenantry.indicators.models import Indicator, Result, Scope
from tenantry.reports.newsletters import Newsletter, NewsletterItem
from tenantry.reviews.models.plan import PlanStage
from tenantry.reviews.tests.plan_factories import PlanFactory, PlanReviewFactory


def figure(organisation, *, code: str = "TP01", value: str = "85", n=170, d=200) -> Result:
    period = financial_year("2025/26")
    return Result.objects.create(
        indicator=Indicator.objects.get(organisation=None, code=code),
        organisation=organisation,
        scope=Scope.ORGANISATION,
        period_kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        value=Decimal(value),
        numerator=Decimal(n),
        denominator=Decimal(d),
        source="records",
        computed_at=timezone.now(),
    )


def newsletter(organisation, *, audience=Newsletter.Audience.MEMBERS, items=True, **fields):
    made = Newsletter.objects.create(
        organisation=organisation,
        title=fields.pop("title", "Autumn 2026"),
        intro=fields.pop("intro", "News from your estate."),
        audience=audience,
        **fields,
    )
    if items:
        NewsletterItem.objects.create(
            newsletter=made,
            position=1,
            kind=NewsletterItem.Kind.TEXT,
            heading="New bins",
            body="The new recycling bins arrive in October.",
        )
    return made


def add_every_kind(made: Newsletter) -> None:
    """A figure, an upcoming meeting and a published plan, after the text item."""
    organisation = made.organisation
    NewsletterItem.objects.create(
        newsletter=made, position=2, kind=NewsletterItem.Kind.FIGURE, result=figure(organisation)
    )
    meeting = MeetingFactory(
        organisation=organisation, day=timezone.localdate() + timedelta(days=30), title="AGM"
    )
    NewsletterItem.objects.create(
        newsletter=made, position=3, kind=NewsletterItem.Kind.MEETING, meeting=meeting
    )
    plan = PlanFactory(
        review=PlanReviewFactory(organisation=organisation, title="Review of repairs"),
        stage=PlanStage.PUBLISHED,
        published_on=date(2026, 9, 1),
    )
    NewsletterItem.objects.create(
        newsletter=made, position=4, kind=NewsletterItem.Kind.PLAN, plan=plan
    )


def member(organisation, *, email: str = "", language: str = "en", large: bool = False, **kw):
    """A current member with their own household in a home with an address."""
    household = HouseholdFactory(home=HomeFactory(address=kw.pop("address", "5 Oak Road")))
    return MemberFactory(
        organisation=organisation,
        household=household,
        resident__email=email,
        resident__language=language,
        resident__needs_large_print=large,
        **kw,
    )
