"""Read with a token (or the signed-in session): who the token acts for, the organisations
they may see, and each one's figures, asked of the same rules as the pages."""

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from tenantry.indicators import permissions as indicator_rules
from tenantry.indicators.scopes import choose_scope, results_of, scopes_for
from tenantry.organisations import permissions as organisation_rules
from tenantry.organisations.access import organisation_for
from tenantry.organisations.selectors import organisations_of
from tenantry.reviews import permissions as review_rules
from tenantry.reviews.models import ImprovementPlan, PlanAction, PlanStage

from .. import schemas
from ..auth import READ
from ..common import (
    CODE,
    answers,
    cursor_query,
    limit_query,
    period_of,
    period_query,
    slug_path,
)
from ..paging import keyset_page, next_url
from ..selectors import organisations_visible_to
from .shapes import organisation_out, plan_out, result_out

router = Router(auth=READ, tags=["With a token: reading"])


@router.get(
    "/me",
    response=answers(schemas.MeOut),
    url_name="me",
    operation_id="me",
    summary="Who the token is for",
)
def me(request: HttpRequest):
    user = request.auth
    token = getattr(request, "api_token", None)
    return {
        "email": user.email,
        "name": user.name,
        "token": token.name if token else None,
        "token_expires_at": token.expires_at if token else None,
        "organisations": [
            {"organisation": organisation.slug, "roles": sorted(roles)}
            for organisation, roles in organisations_of(user=user)
        ],
    }


@router.get(
    "/organisations",
    response=answers(schemas.OrganisationPage),
    url_name="organisations",
    operation_id="organisations",
    summary="The organisations the token's person may see",
)
def organisations(
    request: HttpRequest, limit: int = limit_query(), cursor: str | None = cursor_query()
):
    page = keyset_page(
        organisations_visible_to(user=request.auth).select_related("landlord"),
        fields=("name", "pk"),
        cursor=cursor,
        limit=limit,
    )
    return {
        "items": [organisation_out(request, o, public=False) for o in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}",
    response=answers(schemas.OrganisationOut),
    url_name="organisation",
    operation_id="organisation",
    summary="One organisation",
)
def organisation(request: HttpRequest, slug: str = slug_path()):
    found, _roles = organisation_for(
        user=request.auth, slug=slug, rule=organisation_rules.can_view_organisation
    )
    return organisation_out(request, found, public=False)


@router.get(
    "/organisations/{slug}/results",
    response=answers(schemas.ResultPage),
    url_name="results",
    operation_id="results",
    summary="Its figures, for any of the scopes its performance page offers",
)
def results(
    request: HttpRequest,
    slug: str = slug_path(),
    period: str | None = period_query(),
    indicator: str | None = Query(None, pattern=CODE, description="an indicator's code"),
    scope: str | None = Query(
        None,
        max_length=80,
        description='whose homes: "" (its own), "direct", "org:<slug>", '
        '"estate:<id>", as the performance page offers',
    ),  # fmt: skip
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    found, _roles = organisation_for(
        user=request.auth, slug=slug, rule=indicator_rules.can_view_performance
    )
    asked = period_of(period)
    chosen = choose_scope(scopes_for(organisation=found, on=timezone.localdate()), scope)
    rows = results_of(chosen.subject, period=asked).select_related("indicator")
    if indicator:
        rows = rows.filter(indicator__code=indicator)
    page = keyset_page(rows, fields=("period_start", "pk"), cursor=cursor, limit=limit,
                       descending=True)  # fmt: skip
    return {
        "organisation": found.slug,
        "scope": str(chosen.label),
        "items": [result_out(r) for r in page.items],
        "next": next_url(request, page.next_cursor),
    }


@router.get(
    "/organisations/{slug}/plans",
    response=answers(schemas.PlanPage),
    url_name="plans",
    operation_id="plans",
    summary="Its improvement plans, published or not, as its plan pages show them",
)
def plans(
    request: HttpRequest,
    slug: str = slug_path(),
    limit: int = limit_query(),
    cursor: str | None = cursor_query(),
):
    found, _roles = organisation_for(
        user=request.auth, slug=slug, rule=review_rules.can_view_reviews
    )
    rows = (
        ImprovementPlan.objects.filter(review__organisation=found)
        .select_related("review__organisation")
        .prefetch_related(
            Prefetch("actions", queryset=PlanAction.objects.order_by("position", "pk"))
        )
    )
    page = keyset_page(rows, fields=("pk",), cursor=cursor, limit=limit, descending=True)
    return {
        "items": [
            plan_out(request, plan, public=plan.stage == PlanStage.PUBLISHED) for plan in page.items
        ],
        "next": next_url(request, page.next_cursor),
    }
