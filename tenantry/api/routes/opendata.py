"""Open data of an organisation that publishes (docs/api.md#open-data): the regulator's TSM
return layout for a year, and a CSV per indicator per year. Both are the layouts the
organisation's own downloads use (`indicators/exports.py`), written by `core/exports.py`, for
the organisation's own figures only: no figure is worked out here."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router

from tenantry.core import exports as files
from tenantry.core.periods import Period, financial_year_of, read_year
from tenantry.indicators import exports
from tenantry.indicators.scopes import results_of, scopes_for

from .. import schemas
from ..common import CODE, answers, slug_path
from ..errors import ApiError
from ..main import conditional
from .public import published

router = Router(tags=["Open data, no token"])

YEAR = r"^\d{4}-\d{2}$"
CSV_ANSWER = {
    "responses": {
        200: {
            "description": "A CSV file (UTF-8, headings in the first row)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def _year(text: str) -> Period:
    try:
        return read_year(text.replace("-", "/"), today=timezone.localdate())
    except ValueError:
        raise ApiError(
            404, _("There are no figures for that year."), [{"field": "year", "message": text}]
        ) from None


def _slug_year(year: Period) -> str:
    return year.label.replace("/", "-")


def _csv(request: HttpRequest, layout: exports.Layout, filename: str):
    response = files.attachment(files.csv_bytes(exports.to_rows(layout)), "csv", filename)
    return conditional(request, response)


@router.get(
    "/organisations/{slug}/open-data",
    response=answers(schemas.OpenDataOut),
    url_name="open-data",
    operation_id="open_data",
    auth=None,
    summary="Its open data files",
)
def open_data(request: HttpRequest, slug: str = slug_path()):
    organisation = published(slug)
    own = scopes_for(organisation=organisation, on=timezone.localdate())[0]
    held = (
        results_of(own.subject)
        .filter(period_kind="year")
        .order_by("-period_start", "indicator__code")
        .values_list("period_start", "indicator__code")
        .distinct()
    )
    files_out, years = [], []
    for start, code in held:
        year = financial_year_of(start)
        if year.label not in years:
            years.append(year.label)
            files_out.append(
                {
                    "title": _("TSM return %(year)s") % {"year": year.label},
                    "year": year.label,
                    "indicator": None,
                    "href": request.build_absolute_uri(
                        reverse(
                            "api:open-data-tsm-return",
                            kwargs={"slug": slug, "year": _slug_year(year)},
                        )  # fmt: skip
                    ),
                }
            )
        files_out.append(
            {
                "title": f"{code} {year.label}",
                "year": year.label,
                "indicator": code,
                "href": request.build_absolute_uri(
                    reverse(
                        "api:open-data-indicator",
                        kwargs={"slug": slug, "year": _slug_year(year), "code": code},
                    )
                ),
            }
        )
    return {"organisation": organisation.slug, "files": files_out}


@router.get(
    "/organisations/{slug}/open-data/{year}/tsm-return.csv",
    response=answers(None),
    url_name="open-data-tsm-return",
    operation_id="open_data_tsm_return",
    auth=None,
    summary="The regulator's TSM return layout for a year, as CSV",
    openapi_extra=CSV_ANSWER,
)
def open_data_tsm_return(
    request: HttpRequest,
    slug: str = slug_path(),
    year: str = Path(..., pattern=YEAR, description="a financial year: 2025-26"),
):
    organisation = published(slug)
    asked = _year(year)
    own = scopes_for(organisation=organisation, on=timezone.localdate())[:1]
    layout = exports.tsm_return_layout(organisation=organisation, scopes=own, year=asked)
    return _csv(request, layout, f"{organisation.slug}-tsm-return-{_slug_year(asked)}")


@router.get(
    "/organisations/{slug}/open-data/{year}/{code}.csv",
    response=answers(None),
    url_name="open-data-indicator",
    operation_id="open_data_indicator",
    auth=None,
    summary="One indicator's figures for a year, as CSV",
    openapi_extra=CSV_ANSWER,
)
def open_data_indicator(
    request: HttpRequest,
    slug: str = slug_path(),
    year: str = Path(..., pattern=YEAR, description="a financial year: 2025-26"),
    code: str = Path(..., pattern=CODE, description="the indicator's code: RP02, TP01…"),
):
    organisation = published(slug)
    asked = _year(year)
    own = scopes_for(organisation=organisation, on=timezone.localdate())[:1]
    held = results_of(own[0].subject, period=asked).filter(indicator__code=code)
    if not held.exists():
        raise ApiError(404, _("There are no figures for that indicator and year."))
    layout = exports.results_layout(scopes=own, period=asked)
    column = layout.headers.index(_("Indicator code"))
    layout.rows = [row for row in layout.rows if row[column] == code]
    return _csv(request, layout, f"{organisation.slug}-{code.lower()}-{_slug_year(asked)}")
