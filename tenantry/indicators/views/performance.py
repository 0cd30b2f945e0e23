"""The performance page: every indicator's figure for a period, in plain words, and working the
figures out again."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.periods import Period, describe_period, previous_period, read_period
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view

from ..performance import (
    figures_side_by_side,
    latest_period_with_results,
    performance_groups,
    stale_text,
)
from ..performance_forms import ShowForm
from ..scopes import ScopeChoice, choose_scope, scopes_for, split_labels
from ..services import results as services
from ..timescales import repair_timescales


def chosen(request: OrgRequest, today: date) -> tuple[Period, list[ScopeChoice], ScopeChoice]:
    """The period and scope a page was asked for: `?period=2025/26 Q1&scope=estate:12`. With no
    period, the newest year with figures; a period that makes no sense falls back to it too."""
    scopes = scopes_for(organisation=request.organisation, on=today)
    scope = choose_scope(scopes, query.text(request.GET, "scope"))
    period = query.period(request.GET, today=today)
    if period is None:
        period = latest_period_with_results(subject=scope.subject, today=today)
    return period, scopes, scope


def query_for(period: Period, scope: ScopeChoice, **more) -> str:
    """The query string that shows this period and scope again."""
    params = {"period": period.label}
    if scope.key:
        params["scope"] = scope.key
    params.update({key: value for key, value in more.items() if value})
    return urlencode(params)


def by_organisation(request: OrgRequest, period: Period, scopes: list[ScopeChoice]) -> HttpResponse:
    """The figures of each organisation managing the landlord's homes side by side."""
    form = ShowForm({"period": period.label}, scopes=[], today=timezone.localdate(), period=period)
    return render(
        request,
        "indicators/performance_by_organisation.html",
        {
            "period": period,
            "period_words": describe_period(period),
            "scopes": scopes,
            "form": form,
            "groups": figures_side_by_side(
                organisation=request.organisation, scopes=scopes, period=period
            ),
        },
    )


@organisation_view(can.can_view_performance)
def performance(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    period, scopes, scope = chosen(request, today)
    # Where the figures come from several organisations (a landlord's, or a panel's view of
    # its landlord's), they can be read side by side.
    comparable = any(choice.key.startswith("org:") for choice in scopes)
    if comparable and query.text(request.GET, "by") == "organisation":
        return by_organisation(request, period, scopes)
    groups = performance_groups(
        organisation=organisation, subject=scope.subject, period=period, today=today
    )
    computed = [
        row.figure.result.computed_at for g in groups for row in g.rows if row.figure.result
    ]
    shown = [
        figure.result
        for group in groups
        for row in group.rows
        for figure in (row.figure, *row.split.values())
    ]
    return render(
        request,
        "indicators/performance.html",
        {
            "period": period,
            "period_words": describe_period(period),
            "before": previous_period(period),
            "scope": scope,
            "scopes": scopes,
            "form": ShowForm(
                {"period": period.label, "scope": scope.key},
                scopes=scopes,
                today=today,
                period=period,
            ),
            "groups": groups,
            "has_figures": bool(computed),
            "last_computed": max(computed) if computed else None,
            "stale_when": stale_text(shown, today),
            "timescales": repair_timescales(organisation=scope.subject.organisation),
            "stock_labels": split_labels(),
            "query": query_for(period, scope),
            "comparable": comparable,
            "can_recompute": can.can_recompute_indicators(request.roles)
            and services.keeps_figures(organisation),
        },
    )


@organisation_view(can.can_recompute_indicators)
@require_POST
def recompute(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    try:
        period = read_period(request.POST.get("period"), today=today)
    except ValueError:
        messages.error(request, _("That period could not be read, so nothing was worked out."))
        return redirect("indicators:performance", organisation.slug)
    try:
        results = services.compute_results(
            organisation=organisation, period=period, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s figure for %(period)s was worked out again from the records.",
                "%(count)s figures for %(period)s were worked out again from the records.",
                len(results),
            )
            % {"count": len(results), "period": period.label},
        )
    query = {"period": period.label}
    if request.POST.get("scope"):
        query["scope"] = request.POST["scope"]
    return redirect(
        f"{reverse('indicators:performance', args=[organisation.slug])}?{urlencode(query)}"
    )


urlpatterns = [
    path("performance/", performance, name="performance"),
    path("performance/recalculate/", recompute, name="recompute-results"),
]
