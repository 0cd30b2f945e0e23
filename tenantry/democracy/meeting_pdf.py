"""The notice of a meeting as printed letters, one per member without an email address, in the
member's language where Tenantry has it and in large print (18 point) where they need it
(the RNIB's clear print guidance, as `surveys/pdf.py`)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML

from tenantry.core.email import language_for

from . import meeting_selectors as selectors
from .models import Meeting


def notice_letters(*, meeting: Meeting) -> bytes:
    """A PDF of the notice for each member on the meeting's day who has no email address."""
    constitution = selectors.constitution_of(meeting.organisation)
    status = selectors.notice_status(meeting=meeting, constitution=constitution)
    agenda = list(meeting.agenda.all())
    members = (
        selectors.current_members(meeting)
        .filter(resident__email="")
        .select_related("resident", "household__home")
        .order_by("household__home__address", "pk")
    )
    url = settings.SITE_URL + reverse(
        "democracy:meeting", args=[meeting.organisation.slug, meeting.pk]
    )
    letters = []
    for membership in members:
        with translation.override(language_for(None, membership.resident.language)):
            letters.append(
                render_to_string(
                    "democracy/meetings/pdf/_notice_letter.html",
                    {
                        "meeting": meeting,
                        "membership": membership,
                        "agenda": agenda,
                        "notice": status,
                        "constitution": constitution,
                        "large": membership.resident.needs_large_print,
                        "url": url,
                    },
                )
            )
    html = render_to_string(
        "democracy/meetings/pdf/notice_letters.html", {"meeting": meeting, "letters": letters}
    )
    return HTML(string=html).write_pdf()
