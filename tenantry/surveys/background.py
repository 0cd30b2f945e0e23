"""The survey files prepared in the background (`organisations/prepared.py`): letters for the
invited households, and the download of every response of a large survey. The survey's pages
ask for them; a task queue worker writes them a part at a time, so a thousand letters take no
more memory than fifty."""

from collections.abc import Iterable, Iterator
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core import exports as spreadsheets
from tenantry.core.models import User
from tenantry.homes.models import Estate
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile
from tenantry.organisations.selectors import roles_in

from . import exports, pdf, selectors
from .models import Survey
from .permissions import can_do_survey_fieldwork, can_export_survey_responses, can_see_respondents

LETTERS = "survey-letters"
RESPONSES = "survey-responses"


def prepare_letters(
    *,
    survey: Survey,
    estate: Estate | None,
    status: str,
    search: str,
    site: str,
    by: User,
    language: str = "en-gb",
) -> PreparedFile:
    """Queue the letters for the invited households that match (those not answered yet unless
    `status` says otherwise); `site` is the address the letters send residents to."""
    return files.prepare(
        organisation=survey.organisation,
        kind=LETTERS,
        title=_("Letters for %(survey)s") % {"survey": survey.title},
        filename=f"{slugify(survey.title)[:50] or 'survey'}-letters.pdf",
        params={
            "survey": survey.pk,
            "estate": estate.pk if estate else None,
            "status": status or "waiting",
            "search": search,
            "site": site,
            "back": reverse("surveys:households", args=[survey.organisation.slug, survey.pk]),
        },
        by=by,
        language=language,
    )


def _write_letters(prepared: PreparedFile, out: IO[bytes], progress: files.Progress) -> None:
    params = prepared.params
    survey = (
        Survey.objects.select_related("organisation")
        .filter(organisation=prepared.organisation, pk=params["survey"])
        .first()
    )
    if survey is None:
        raise ValidationError(_("The survey has been deleted, so there are no letters to print."))
    estate = None
    if params.get("estate"):
        estate = Estate.objects.filter(
            pk=params["estate"], pk__in=survey.invitations.values("estate")
        ).first()
    invitations = selectors.invitations_to_visit(
        survey=survey, estate=estate, status=params["status"], search=params.get("search", "")
    )
    if not invitations.exists():
        raise ValidationError(_("No households match now, so there are no letters to print."))
    pdf.write_letters(
        survey=survey, invitations=invitations, site=params["site"], out=out, progress=progress
    )


def responses_in_background(survey: Survey) -> bool:
    """Whether the download of every response is prepared in the background: from
    `SURVEY_RESPONSES_IN_BACKGROUND` responses (smaller ones are written in the request)."""
    return survey.responses.count() >= settings.SURVEY_RESPONSES_IN_BACKGROUND


def prepare_responses(*, survey: Survey, fmt: str, by: User, language: str) -> PreparedFile:
    """Queue the download of every response, as CSV or XLSX."""
    return files.prepare(
        organisation=survey.organisation,
        kind=RESPONSES,
        title=_("Every response to %(survey)s") % {"survey": survey.title},
        filename=f"{slugify(survey.title)[:50] or 'survey'}-responses.{fmt}",
        params={
            "survey": survey.pk,
            "format": fmt,
            "back": reverse("surveys:results", args=[survey.organisation.slug, survey.pk]),
        },
        by=by,
        language=language,
    )


def _counted(rows: Iterable[list], progress: files.Progress, total: int) -> Iterator[list]:
    """The rows, reporting every thousand responses written (the heading row is not one)."""
    for number, row in enumerate(rows):
        if number and number % 1000 == 0:
            progress(number, total)
        yield row


def _write_responses(prepared: PreparedFile, out: IO[bytes], progress: files.Progress) -> None:
    survey = Survey.objects.filter(
        organisation=prepared.organisation, pk=prepared.params["survey"]
    ).first()
    if survey is None:
        raise ValidationError(_("The survey has been deleted, so there are no responses."))
    by = prepared.requested_by
    # Who gave each answer, only if the person who asked may know it now.
    roles = roles_in(user=by, organisation=prepared.organisation)
    with_households = can_see_respondents(user=by, roles=roles, survey=survey)
    total = survey.responses.count()
    rows = _counted(exports.response_rows(survey, with_households=with_households), progress, total)
    if prepared.params["format"] == "csv":
        for line in spreadsheets.csv_lines(rows):
            out.write(line.encode("utf-8"))
    else:
        # openpyxl's write-only mode keeps the rows out of memory; the finished workbook is
        # compressed, a few megabytes for tens of thousands of responses.
        out.write(spreadsheets.xlsx_response([(_("Responses"), rows)], "responses").content)
    progress(total, total)


def register() -> None:
    files.register(
        files.Kind(
            slug=LETTERS,
            rule=can_do_survey_fieldwork,
            write=_write_letters,
            content_type="application/pdf",
            counted=gettext_noop("%(done)s of %(total)s letters written"),
        )
    )
    files.register(
        files.Kind(
            slug=RESPONSES,
            rule=can_export_survey_responses,
            write=_write_responses,
            content_type="",  # from the file's name: .csv or .xlsx
            counted=gettext_noop("%(done)s of %(total)s responses written"),
        )
    )
