"""Reads of annual reports: plain functions the pages, the public organisation page and the
API call alike."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from tenantry.organisations.models import Organisation

from . import annual
from .models import ENGLISH, AnnualReport, AnnualReportText
from .publication import published_organisations

YEAR_SLUG = re.compile(r"^(\d{4})-(\d{2})$")


def published_annual_reports(organisation: Organisation) -> QuerySet[AnnualReport]:
    """The organisation's published annual reports, newest year first."""
    return AnnualReport.objects.filter(
        organisation=organisation, status=AnnualReport.Status.PUBLISHED
    ).order_by("-year_start")


def annual_reports_of(*, organisation: Organisation, drafts: bool) -> QuerySet[AnnualReport]:
    """Its reports, newest year first; drafts only when asked for."""
    found = AnnualReport.objects.filter(organisation=organisation).order_by("-year_start")
    return found if drafts else found.filter(status=AnnualReport.Status.PUBLISHED)


def year_start_of(year_slug: str) -> date | None:
    """The first day of the financial year "2025-26" names; None for anything else."""
    match = YEAR_SLUG.match(year_slug)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return date(int(match[1]), 4, 1)


def annual_report(*, organisation: Organisation, year_slug: str) -> AnnualReport | None:
    start = year_start_of(year_slug)
    if start is None:
        return None
    return AnnualReport.objects.filter(organisation=organisation, year_start=start).first()


def public_annual_report(*, slug: str, year_slug: str) -> AnnualReport | None:
    """A published report that anyone may read without signing in: the organisation's public
    page must be published too (`publication.is_published`)."""
    start = year_start_of(year_slug)
    if start is None:
        return None
    return (
        AnnualReport.objects.filter(
            organisation__in=published_organisations(),
            organisation__slug=slug,
            year_start=start,
            status=AnnualReport.Status.PUBLISHED,
        )
        .select_related("organisation")
        .first()
    )


def language_of(report: AnnualReport, asked: str | None) -> str:
    """The language to show the report in: the one asked for when the report is published in
    it, else its first language."""
    asked = (asked or "").lower()
    if asked.startswith("en"):
        asked = ENGLISH
    return asked if asked in report.languages else report.languages[0]


@dataclass
class Text:
    section: str
    title: str
    body: str = ""
    actions: str = ""
    outcomes: str = ""
    in_english: bool = False  # not written in the language shown: the English is shown instead
    hint: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.body or self.actions or self.outcomes)


def texts_of(report: AnnualReport, language: str) -> dict[str, Text]:
    """Each section's text in `language`, falling back to the English (marked) where the
    section is not written in it. One query."""
    written: dict[tuple[str, str], AnnualReportText] = {
        (text.section, text.language): text
        for text in AnnualReportText.objects.filter(report=report)
    }
    found = {}
    for key, title in annual.SECTIONS + annual.COMMITMENTS:
        text = written.get((key, language))
        fallback = False
        if (text is None or text.is_empty) and language != ENGLISH:
            english = written.get((key, ENGLISH))
            if english is not None and not english.is_empty:
                text, fallback = english, True
        found[key] = Text(
            key,
            str(title),
            text.body if text else "",
            text.actions if text else "",
            text.outcomes if text else "",
            fallback,
            str(annual.COMMITMENT_HINTS.get(key, "")),
        )
    return found


def saved_text(report: AnnualReport, section: str, language: str) -> AnnualReportText | None:
    return AnnualReportText.objects.filter(
        report=report, section=section, language=language
    ).first()
