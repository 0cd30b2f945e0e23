"""An annual report as the page, the PDF, the large-print PDF and the easy-read page and PDF:
one context, four layouts (core/pdf.py lays out the PDFs)."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from tenantry.core.charts import Chart, bar_chart
from tenantry.core.pdf import pdf_of

from . import easy_read
from .annual_selectors import texts_of
from .models import ENGLISH, REPORT_LANGUAGES, AnnualReport

KINDS = ("report", "large-print", "easy-read")


def satisfaction_chart(figures: dict) -> Chart | None:
    """The perception measures as bars, each with its figure and all in the table beside."""
    # Only the measures with a figure: a bar for each "No figure" made a chart taller than a
    # page that said nothing (the table below lists every measure).
    rows = [
        {"measure": row["name"], "value": row["value"]}
        for row in figures["satisfaction"]
        if row["unit"] == "percent" and row["value"] is not None
    ]
    if not rows:
        return None
    return bar_chart(
        title=_("What tenants told us, %(year)s") % {"year": figures["year"]},
        description=_("The share of tenants satisfied, for each question in the survey."),
        rows=rows,
        category="measure",
        value="value",
        category_title=_("Measure"),
        value_title=_("Satisfied"),
    )


def report_context(report: AnnualReport, language: str, *, chart: bool = True) -> dict:
    """Everything a layout shows, in `language` (active while it is rendered)."""
    figures = report.figures.get(language) or report.figures.get(ENGLISH) or {}
    texts = texts_of(report, language)
    return {
        "report": report,
        "organisation": report.organisation,
        "f": figures,
        "texts": texts,
        "commitments": [
            texts[key]
            for key in (
                "relationships",
                "communication",
                "voice",
                "accountability",
                "quality",
                "things_wrong",
            )
        ],
        "language": language,
        "language_name": dict(REPORT_LANGUAGES)[language],
        "other_languages": [
            (code, dict(REPORT_LANGUAGES)[code]) for code in report.languages if code != language
        ],
        "chart": satisfaction_chart(figures) if chart and figures else None,
        "easy_lines": easy_read.lines_of(figures, _own_words(texts["easy_read"]))
        if figures
        else [],
        "LANGUAGE_CODE": language,
    }


def _own_words(text) -> str:
    """The committee's easy-read lines, only where written in the language shown: an English
    line among Welsh easy-read ones would be hard to follow."""
    return "" if text.in_english else text.body


TEMPLATES = {
    "report": "reports/annual/pdf/report.html",
    "large-print": "reports/annual/pdf/large_print.html",
    "easy-read": "reports/annual/pdf/easy_read.html",
}


def annual_report_pdf(report: AnnualReport, language: str, kind: str) -> bytes:
    """One of the three PDFs in `language`. A published report's PDF is kept (its HTML never
    changes); a draft's is laid out afresh each time."""
    with translation.override(language):
        context = report_context(report, language, chart=kind == "report")
        html = render_to_string(TEMPLATES[kind], context)
    return pdf_of(html, kept=report.is_published)
