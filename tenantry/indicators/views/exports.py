"""Downloads: the figures on screen as CSV or Excel, and the regulator's TSM return layout."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify

from tenantry.core import exports as files
from tenantry.core.periods import financial_year_of
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import background, exports
from .performance import chosen

TYPES = files.CONTENT_TYPES


def _download(
    layout: exports.Layout, fmt: str, filename: str, *, kept: bool = False
) -> HttpResponse:
    if fmt == "csv":
        return files.csv_response(exports.to_rows(layout), filename, kept=kept)
    return files.xlsx_response([exports.to_sheet(layout)], filename, kept=kept)


@organisation_view(can.can_export_results)
def export_results(request: OrgRequest, fmt: str) -> HttpResponse:
    if fmt not in TYPES:
        raise Http404
    period, scopes, _scope = chosen(request, timezone.localdate())
    layout = exports.results_layout(scopes=scopes, period=period)
    name = f"{request.organisation.slug}-results-{slugify(period.label)}"
    # Everyone reading the period's figures downloads the same workbook: written once.
    return _download(layout, fmt, name, kept=True)


@organisation_view(can.can_export_results)
def export_tsm_return(request: OrgRequest, fmt: str) -> HttpResponse:
    if fmt not in TYPES:
        raise Http404
    period, scopes, _scope = chosen(request, timezone.localdate())
    # The return is for a financial year: a quarter or month asked for means its year.
    year = financial_year_of(period.start)
    if background.tsm_return_in_background(scopes, timezone.localdate()):
        prepared = background.prepare_tsm_return(
            organisation=request.organisation,
            year=year,
            fmt=fmt,
            by=request.user,
            language=request.LANGUAGE_CODE,
        )
        return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)
    layout = exports.tsm_return_layout(organisation=request.organisation, scopes=scopes, year=year)
    name = f"{request.organisation.slug}-tsm-return-{slugify(year.label)}"
    # Everyone preparing the year's return downloads the same workbook: written once.
    return _download(layout, fmt, name, kept=True)


urlpatterns = [
    path("performance/export/results.<str:fmt>", export_results, name="export-results"),
    path("performance/export/tsm-return.<str:fmt>", export_tsm_return, name="export-tsm-return"),
]
