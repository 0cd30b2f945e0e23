"""Read by anyone, no token: what organisations that publish have published. Whether an
organisation publishes is one rule, `reports.publication`; every route here asks it."""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router

from tenantry.indicators.scopes import results_of, scopes_for
from tenantry.organisations.models import Organisation
from tenantry.reports.annual_selectors import published_annual_reports
from tenantry.reports.publication import published_organisations
from tenantry.reviews.models import ImprovementPlan, PlanAction, PlanStage
from tenantry.scrutiny.report_selectors import published_reports

from .. import schemas
from ..common import (
    CODE,
    absolute,
    answers,
    cursor_query,
    limit_query,
    period_of,
    period_query,
    slug_path,
)
from ..paging import keyset_page, next_url
from .shapes import organisation_out, plan_out, report_out, result_out

router = Router(tags=["Published, no token"])


def published(slug: str) -> Organisation:
    """A published organisation, or 404 (one that does not publish does not exist here)."""
    found = published_organisations().select_related("landlord").filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


@router.get(
    "/organisations",
    response=answers(schemas.OrganisationPage),
    url_name="public-organisations",
    operation_id="public_organisations",
    auth=None,
    summary="Organisations that publish",
)
def public_organisations(
    request: HttpRequest, limit: int = limit_query(), cursor: str | None = cursor_query()
):
    page = keyset_page(
        published_organisations().select_related("landlord"),
        fields=("name", "pk"),
        cursor=cursor,
        limit=limit,
    )
    return {
        "items": [organisation_out(request, o, public=True) for o in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}",
    response=answers(schemas.OrganisationOut),
    url_name="public-organisation",
    operation_id="public_organisation",
    auth=None,
    summary="One organisation that publishes",
)
def public_organisation(request: HttpRequest, slug: str = slug_path()):
    return organisation_out(request, published(slug), public=True)


@router.get(
    "/organisations/{slug}/results",
    response=answers(schemas.ResultPage),
    url_name="public-results",
    operation_id="public_results",
    auth=None,
    summary="Its published figures",
)
def public_results(
    request: HttpRequest,
    slug: str = slug_path(),
    period: str | None = period_query(),
    indicator: str | None = Query(None, pattern=CODE, description="an indicator's code"),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation = published(slug)
    asked = period_of(period)
    own = scopes_for(organisation=organisation, on=timezone.localdate())[0]
    results = results_of(own.subject, period=asked).select_related("indicator")
    if indicator:
        results = results.filter(indicator__code=indicator)
    page = keyset_page(results, fields=("period_start", "pk"), cursor=cursor, limit=limit,
                       descending=True)  # fmt: skip
    return {
        "organisation": organisation.slug,
        "scope": str(own.label),
        "items": [result_out(r) for r in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}/plans",
    response=answers(schemas.PlanPage),
    url_name="public-plans",
    operation_id="public_plans",
    auth=None,
    summary="Its published improvement plans",
)
def public_plans(
    request: HttpRequest,
    slug: str = slug_path(),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation = published(slug)
    plans = (
        ImprovementPlan.objects.filter(review__organisation=organisation, stage=PlanStage.PUBLISHED)
        .select_related("review__organisation")
        .prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.order_by("position", "pk"))
        )
    )
    page = keyset_page(plans, fields=("pk",), cursor=cursor, limit=limit, descending=True)
    return {
        "items": [plan_out(request, plan) for plan in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}/recommendations",
    response=answers(schemas.ReportPage),
    url_name="public-recommendations",
    operation_id="public_recommendations",
    auth=None,
    summary="A scrutiny panel's published reports: recommendations and the answers",
)
def public_recommendations(
    request: HttpRequest,
    slug: str = slug_path(),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation = published(slug)
    if organisation.kind != Organisation.Kind.SCRUTINY_PANEL:
        return {"items": [], "next": None}
    page = keyset_page(
        published_reports(panel=organisation), fields=("pk",), cursor=cursor, limit=limit,
        descending=True,
    )  # fmt: skip
    return {
        "items": [report_out(report) for report in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}/annual-reports",
    response=answers(schemas.AnnualReportPage),
    url_name="public-annual-reports",
    operation_id="public_annual_reports",
    auth=None,
    summary="Its published annual reports to tenants, newest year first",
)
def public_annual_reports(
    request: HttpRequest,
    slug: str = slug_path(),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    organisation = published(slug)
    page = keyset_page(
        published_annual_reports(organisation), fields=("pk",), cursor=cursor, limit=limit,
        descending=True,
    )  # fmt: skip

    def link(name: str, report, **more) -> str:
        return absolute(request, f"annual-report:{name}", slug=slug, year=report.year_slug, **more)

    return {
        "items": [
            {
                "year": report.year_label,
                "published_at": report.published_at,
                "languages": report.languages,
                "page": link("report", report),
                "easy_read": link("easy-read", report),
                "pdf": link("pdf", report, kind="report"),
                "large_print_pdf": link("pdf", report, kind="large-print"),
                "easy_read_pdf": link("pdf", report, kind="easy-read"),
            }
            for report in page.items
        ],
        "next": next_url(request, page.next_cursor),
    }
