"""The notice of a meeting as printed letters, one per member without an email address, in the
member's language where Tenantry has it and in large print (18 point) where they need it
(the RNIB's clear print guidance, as `surveys/pdf.py`).

A thousand letters take WeasyPrint minutes, so they are written in the background
(`democracy/background.py`), `LETTERS_PER_PART` members at a time, joined into one PDF."""

import io
from collections.abc import Callable
from itertools import batched
from typing import IO

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tenantry.core.email import language_for
from tenantry.core.pdf import pdf_of

from . import meeting_selectors as selectors
from .models import Meeting, Membership

LETTERS_PER_PART = 50


def members_by_letter(meeting: Meeting) -> QuerySet[Membership]:
    """The members on the meeting's day who have no email address, in address order: those
    the notice goes to by letter."""
    return (
        selectors.current_members(meeting)
        .filter(resident__email="")
        .order_by("household__home__address", "pk")
    )


def notice_letters(*, meeting: Meeting, members: list[Membership]) -> bytes:
    """A PDF of the notice for each of `members`."""
    constitution = selectors.constitution_of(meeting.organisation)
    status = selectors.notice_status(meeting=meeting, constitution=constitution)
    agenda = list(meeting.agenda.all())
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
    return pdf_of(html)


def write_notice_letters(
    *,
    meeting: Meeting,
    out: IO[bytes],
    progress: Callable[[int, int], None] | None = None,
    per_part: int = LETTERS_PER_PART,
) -> int:
    """The letters of `notice_letters` for every member by letter, written to `out` as one PDF
    made `per_part` members at a time; how many letters."""
    from pypdf import PdfWriter

    ids = list(members_by_letter(meeting).values_list("pk", flat=True))
    joined = PdfWriter()
    done = 0
    for part in batched(ids, per_part):
        by_pk = Membership.objects.select_related("resident", "household__home").in_bulk(part)
        content = notice_letters(meeting=meeting, members=[by_pk[pk] for pk in part])
        joined.append(io.BytesIO(content))
        done += len(part)
        if progress is not None:
            progress(done, len(ids))
    joined.write(out)
    return done
