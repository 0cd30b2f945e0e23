"""The democracy files prepared in the background (`organisations/prepared.py`): a meeting's
notice as letters for the members without an email address. The meeting's page asks for them;
a task queue worker writes them a part at a time."""

from typing import IO

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core.models import User
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile

from . import meeting_pdf
from .models import Meeting
from .permissions import can_run_meetings

NOTICE_LETTERS = "meeting-notice-letters"


def prepare_notice_letters(*, meeting: Meeting, by: User, language: str) -> PreparedFile:
    """Queue the notice letters of `meeting`; its file's page follows the work."""
    return files.prepare(
        organisation=meeting.organisation,
        kind=NOTICE_LETTERS,
        title=_("Notice letters for %(meeting)s") % {"meeting": meeting},
        filename=f"notice-{meeting.day.isoformat()}.pdf",
        params={
            "meeting": meeting.pk,
            "back": reverse("democracy:meeting", args=[meeting.organisation.slug, meeting.pk]),
        },
        by=by,
        language=language,
    )


def _write_notice_letters(prepared: PreparedFile, out: IO[bytes], progress: files.Progress) -> None:
    meeting = (
        Meeting.objects.select_related("organisation")
        .filter(organisation=prepared.organisation, pk=prepared.params["meeting"])
        .first()
    )
    if meeting is None:
        raise ValidationError(_("The meeting has been deleted, so there are no letters to print."))
    if not meeting_pdf.members_by_letter(meeting).exists():
        raise ValidationError(
            _("Every member now has an email address, so there are no letters to print.")
        )
    meeting_pdf.write_notice_letters(meeting=meeting, out=out, progress=progress)


def register() -> None:
    files.register(
        files.Kind(
            slug=NOTICE_LETTERS,
            rule=can_run_meetings,
            write=_write_notice_letters,
            content_type="application/pdf",
            counted=gettext_noop("%(done)s of %(total)s letters written"),
        )
    )
