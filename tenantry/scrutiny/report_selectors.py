"""Reads of a panel's reports: which answers are overdue, each recommendation with its answer,
action and sign-off, "you said, we did", and peer reviews."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from tenantry.organisations.models import Organisation
from tenantry.reviews.progress import STANDING_COLOURS, STANDING_LABELS, is_past, standing

from .models import PeerReview, Recommendation, ScrutinyReport, SignOff


def overdue_q(today: date, prefix: str = "") -> Q:
    """A published report the landlord has not finished answering by the end of its due day."""
    return Q(
        **{
            f"{prefix}published_on__isnull": False,
            f"{prefix}answered_on__isnull": True,
            f"{prefix}answers_due_on__lt": today,
        }
    )


def is_overdue(report: ScrutinyReport, today: date) -> bool:
    """`overdue_q` for one report: the answers are due at the end of `answers_due_on`."""
    return (
        report.is_published
        and report.answered_on is None
        and report.answers_due_on is not None
        and is_past(report.answers_due_on, today)
    )


def overdue_reports(*, today: date) -> QuerySet[ScrutinyReport]:
    return ScrutinyReport.objects.filter(overdue_q(today))


def overdue_count(panel: Organisation, today: date) -> int:
    return ScrutinyReport.objects.filter(overdue_q(today), review__panel=panel).count()


def reports_of(*, panel: Organisation) -> QuerySet[ScrutinyReport]:
    """The panel's reports, newest first, with their counts of recommendations (one query)."""
    return (
        ScrutinyReport.objects.filter(review__panel=panel)
        .select_related("review")
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            unanswered_count=Count(
                "recommendations", filter=Q(recommendations__response=""), distinct=True
            ),
        )
        .order_by("-published_on", "-pk")
    )


@dataclass
class Row:
    """One recommendation as every page shows it."""

    recommendation: Recommendation
    sign_off: SignOff | None
    standing: str | None
    label: str
    colour: str


def rows_for(report: ScrutinyReport, today: date) -> list[Row]:
    """Each recommendation with its tracked action's standing (`reviews.progress.standing`, the
    one rule of late and done) and the panel's newest sign-off: three queries."""
    recommendations = report.recommendations.select_related("action").prefetch_related(
        Prefetch("sign_offs", queryset=SignOff.objects.order_by("-signed_on", "-pk"))
    )
    return [_row(recommendation, today) for recommendation in recommendations]


def _row(recommendation: Recommendation, today: date) -> Row:
    signed = next(iter(recommendation.sign_offs.all()), None)
    if recommendation.action is None:
        return Row(recommendation, signed, None, "", "")
    now = standing(recommendation.action, today)
    return Row(recommendation, signed, now, STANDING_LABELS[now], STANDING_COLOURS[now])


def published_reports(*, panel: Organisation) -> QuerySet[ScrutinyReport]:
    """The panel's published reports with their recommendations, actions and sign-offs, for "you
    said, we did" and a peer reviewer's reading."""
    return _with_recommendations(
        ScrutinyReport.objects.filter(review__panel=panel, published_on__isnull=False)
    )


def published_reports_on(*, organisation: Organisation) -> QuerySet[ScrutinyReport]:
    """Published reports on the organisation's services, by any panel, prefetched as
    `published_reports`: for the organisation's public page."""
    return _with_recommendations(
        ScrutinyReport.objects.filter(review__scrutinised=organisation, published_on__isnull=False)
    ).select_related("review__panel")


def _with_recommendations(reports: QuerySet[ScrutinyReport]) -> QuerySet[ScrutinyReport]:
    return (
        reports.select_related("review")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("action").prefetch_related(
                    Prefetch("sign_offs", queryset=SignOff.objects.order_by("-signed_on", "-pk"))
                ),
            )
        )
        .order_by("-published_on", "-pk")
    )


def with_rows(reports, today: date) -> list[tuple[ScrutinyReport, list[Row]]]:
    """Each prefetched report (`published_reports`) with its rows, no further query."""
    return [
        (report, [_row(rec, today) for rec in report.recommendations.all()]) for report in reports
    ]


def peer_reviews_of(*, panel: Organisation) -> QuerySet[PeerReview]:
    """Peer reviews the panel asked for, and those it was asked to write."""
    return (
        PeerReview.objects.filter(Q(panel=panel) | Q(reviewer=panel))
        .select_related("panel", "reviewer")
        .order_by("-invited_on", "-pk")
    )


def panels_to_invite(*, panel: Organisation) -> QuerySet[Organisation]:
    """Every other scrutiny panel on Tenantry, by name."""
    return (
        Organisation.objects.filter(kind=Organisation.Kind.SCRUTINY_PANEL)
        .exclude(pk=panel.pk)
        .order_by("name")
    )
