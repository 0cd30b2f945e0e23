"""The evidence a panel chooses its reviews from: figures by estate (and links to the figures
by organisation and stock type), anonymised complaints, survey results and costs."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from tenantry.core import paging, query
from tenantry.core.periods import financial_year_of, years_offered
from tenantry.indicators.performance import figures_side_by_side, latest_period_with_results
from tenantry.indicators.scopes import scopes_for
from tenantry.organisations.access import OrgRequest
from tenantry.surveys.analysis import tsm_perception_results
from tenantry.surveys.scoring import TSM_PERCEPTION

from .. import evidence_selectors as selectors
from .. import permissions as can
from . import panel_view

PAGE_SIZE = 25


def _year(request: OrgRequest, today):
    return query.year(request.GET, today=today) or financial_year_of(today)


@panel_view(can.can_read_panel_evidence)
def evidence(request: OrgRequest) -> HttpResponse:
    panel, today = request.organisation, timezone.localdate()
    scopes = scopes_for(organisation=panel, on=today)
    period = query.year(request.GET, today=today) or latest_period_with_results(
        subject=scopes[0].subject, today=today
    )
    # One managing organisation's estates at a time: side by side, a landlord's hundreds of
    # estates made a table too wide to read and too long to draw.
    managing = selectors.landlord_side(panel)[1:]
    chosen = query.read(request.GET, "organisation", int, None)
    organisation = next((o for o in managing if o.pk == chosen), managing[0] if managing else None)
    estates = (
        selectors.estate_scopes(panel=panel, on=today, organisation=organisation)
        if organisation
        else []
    )
    groups = figures_side_by_side(organisation=panel, scopes=estates, period=period)
    return render(
        request,
        "scrutiny/evidence/figures.html",
        {
            "period": period,
            "years": years_offered(today=today),
            "organisations": managing,
            "organisation": organisation,
            "scopes": estates,
            # Each row's figures beside the estates they are for.
            "groups": [
                (group, [(row, list(zip(estates, row.figures, strict=True))) for row in group.rows])
                for group in (groups if estates else [])
            ],
        },
    )


@panel_view(can.can_read_panel_evidence)
def complaints(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    year = _year(request, today)
    return render(
        request,
        "scrutiny/evidence/complaints.html",
        {
            "year": year,
            "years": years_offered(today=today),
            "found": selectors.complaint_evidence(
                panel=request.organisation,
                year=year,
                estates_of=query.read(request.GET, "organisation", int, None),
                blocks_of=query.read(request.GET, "estate", int, None),
            ),
        },
    )


@panel_view(can.can_read_panel_evidence)
def surveys(request: OrgRequest) -> HttpResponse:
    found = selectors.surveys_for(request.organisation)
    return render(
        request,
        "scrutiny/evidence/surveys.html",
        {"page": paging.page_of(found, request.GET, per_page=PAGE_SIZE)},
    )


@panel_view(can.can_read_panel_evidence)
def survey(request: OrgRequest, pk: int) -> HttpResponse:
    # Only the closed surveys of the panel's landlord and its organisations: any other is a 404.
    found = get_object_or_404(selectors.surveys_for(request.organisation), pk=pk)
    scores = tsm_perception_results(found)
    return render(
        request,
        "scrutiny/evidence/survey.html",
        {
            "survey": found,
            "scores": [(code, TSM_PERCEPTION[code].name, score) for code, score in scores.items()],
        },
    )


@panel_view(can.can_read_panel_evidence)
def costs(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "scrutiny/evidence/costs.html",
        selectors.costs_for(request.organisation, on=timezone.localdate()),
    )


urlpatterns = [
    path("scrutiny/evidence/", evidence, name="evidence"),
    path("scrutiny/evidence/complaints/", complaints, name="evidence-complaints"),
    path("scrutiny/evidence/surveys/", surveys, name="evidence-surveys"),
    path("scrutiny/evidence/surveys/<int:pk>/", survey, name="evidence-survey"),
    path("scrutiny/evidence/costs/", costs, name="evidence-costs"),
]
