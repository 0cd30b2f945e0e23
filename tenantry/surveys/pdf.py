"""Paper: the printable questionnaire (standard and large print) and the invitation letters,
each with the household's personal code and a QR code of its link.

Large print follows the RNIB's clear print guidance: at least 16 point (we use 18), a plain
sans-serif font, black on white, one column, text aligned to one side, nothing in italics or
capitals, generous space between lines and around answer boxes.
"""

import io
from collections.abc import Callable, Sequence
from itertools import batched
from typing import IO

import segno
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tenantry.core.pdf import pdf_of
from tenantry.homes.models import Resident

from . import languages
from .models import Invitation, Survey
from .questionnaire import Questionnaire
from .services import invitation_code


def _pdf(template: str, context: dict, *, kept: bool = False) -> bytes:
    return pdf_of(render_to_string(template, context), kept=kept)


def qr_code(url: str) -> str:
    """A QR code of `url` as an SVG data URI, for an <img> in a letter."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def _rows(survey: Survey, language: str) -> list[dict]:
    """Each section and question as the paper form prints them, with its routing note."""
    questionnaire = Questionnaire(survey)
    number_of = {item.question.pk: item.number for item in questionnaire}
    rows: list[dict] = []
    section = None
    for item in questionnaire:
        question = item.question
        if item.section != section and item.section is not None:
            rows.append({"section": item.section.title_in(language)})
        section = item.section
        condition = None
        if question.show_if_question_id and question.show_if_question_id in number_of:
            condition_item = questionnaire.item(question.show_if_question_id)
            labels = [
                choice.label_in(language)
                for choice in condition_item.choices
                if choice.value in question.show_if_values
            ]
            condition = {"number": number_of[question.show_if_question_id], "answers": labels}
        rows.append(
            {
                "item": item,
                "text": question.text_in(language),
                "help": question.help_in(language),
                "choices": [choice.label_in(language) for choice in item.choices],
                "condition": condition,
            }
        )
    return rows


def questionnaire_pdf(*, survey: Survey, language: str = "en", large: bool = False) -> bytes:
    """The questionnaire to print and post, in one language, standard or large print."""
    ui = languages.ui_language(language) or "en-gb"
    with translation.override(ui):
        return _pdf(
            "surveys/pdf/questionnaire.html",
            {
                "survey": survey,
                "title": survey.title_in(language),
                "intro": survey.intro_in(language),
                "rows": _rows(survey, language),
                "language": language,
                "ui_language": ui,
                "rtl": languages.is_rtl(language),
                "large": large,
                "organisation": survey.organisation,
            },
            kept=True,  # the same for everyone who asks: laid out once
        )


def _letter_language(survey: Survey, residents: list[Resident]) -> str:
    """The first language besides English that someone in the household prefers and the
    survey offers; otherwise English."""
    for resident in residents:
        if resident.language in survey.languages:
            return resident.language
    return "en"


def letters_pdf(*, survey: Survey, invitations: Sequence[Invitation], site: str) -> bytes:
    """One letter per household, in its language if the survey offers it, and in large print
    where anyone in the household asked for large print."""
    residents: dict[int, list[Resident]] = {}
    for resident in Resident.objects.filter(
        household__in=[invitation.household_id for invitation in invitations]
    ).order_by("-is_lead_tenant", "pk"):
        residents.setdefault(resident.household_id, []).append(resident)
    entry = site + reverse("survey:enter-code", args=[survey.organisation.slug])
    letters = []
    for invitation in invitations:
        people = residents.get(invitation.household_id, [])
        language = _letter_language(survey, people)
        code = invitation_code(invitation)
        link = site + reverse(
            "survey:start", args=[survey.organisation.slug, code.replace("-", "")]
        )
        with translation.override(languages.ui_language(language) or "en-gb"):
            letters.append(
                render_to_string(
                    "surveys/pdf/_letter.html",
                    {
                        "survey": survey,
                        "organisation": survey.organisation,
                        "home": invitation.household.home,
                        "title": survey.title_in(language),
                        "intro": survey.intro_in(language),
                        "language": language,
                        "rtl": languages.is_rtl(language),
                        "large": any(person.needs_large_print for person in people),
                        "code": code,
                        "link": link,
                        "entry": entry,
                        "qr": qr_code(link),
                        "today": timezone.localdate(),
                    },
                )
            )
    return _pdf("surveys/pdf/letters.html", {"letters": letters, "survey": survey})


# Households per part when letters are written in parts. WeasyPrint keeps a whole document's
# layout in memory while it writes it, so a thousand letters made at once took gigabytes; made
# fifty at a time and joined, memory stays at what fifty letters need (bench/letters.py).
LETTERS_PER_PART = 50


def write_letters(
    *,
    survey: Survey,
    invitations: QuerySet[Invitation],
    site: str,
    out: IO[bytes],
    progress: Callable[[int, int], None] | None = None,
    per_part: int = LETTERS_PER_PART,
) -> int:
    """The letters of `letters_pdf` for every invitation in `invitations`, in its order, written
    to `out` as one PDF made `per_part` households at a time; how many letters."""
    from pypdf import PdfWriter

    ids = list(invitations.values_list("pk", flat=True))
    joined = PdfWriter()
    done = 0
    for part in batched(ids, per_part):
        by_pk = Invitation.objects.select_related("household__home").in_bulk(part)
        content = letters_pdf(survey=survey, invitations=[by_pk[pk] for pk in part], site=site)
        joined.append(io.BytesIO(content))
        done += len(part)
        if progress is not None:
            progress(done, len(ids))
    joined.write(out)
    return done
