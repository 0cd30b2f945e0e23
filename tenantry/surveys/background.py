"""The survey files prepared in the background (`organisations/prepared.py`): letters for the
invited households. The survey's page asks for them; a task queue worker writes them a part at a
time, so a thousand letters take no more memory than fifty."""

from typing import IO

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core.models import User
from tenantry.homes.models import Estate
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile

from . import pdf, selectors
from .models import Survey
from .permissions import can_do_survey_fieldwork

LETTERS = "survey-letters"


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
