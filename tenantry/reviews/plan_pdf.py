"""The improvement plan and its annual progress report as PDFs (core/pdf.py lays them out).
Both are the same for everyone who asks on a day, so each is kept under its HTML's digest."""

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from tenantry.core.pdf import pdf_of

from . import plan_selectors as selectors
from .models import ImprovementPlan
from .plan_selectors import ProgressReport


def plan_context(plan: ImprovementPlan, today: date) -> dict:
    """What the plan's pages and its PDF show: its answers, actions and where each stands."""
    rows = selectors.action_rows(plan, today=today)
    return {
        "plan": plan,
        "review": plan.review,
        "organisation": plan.review.organisation,
        "rows": rows,
        "counts": selectors.counts(rows),
        "answers": answers_of(plan),
        "today": today,
    }


def answers_of(plan: ImprovementPlan) -> list[tuple[int, str, str, str]]:
    """The seven questions in order: number, heading, the Guide's question, the answer."""
    from .models import SEVEN_QUESTIONS
    from .models.plan import QUESTION_HEADINGS

    return [
        (number, QUESTION_HEADINGS[name], question, getattr(plan, name))
        for number, (name, question) in enumerate(SEVEN_QUESTIONS, start=1)
    ]


def plan_pdf(plan: ImprovementPlan, today: date) -> bytes:
    html = render_to_string(
        "reviews/plan/pdf/plan.html",
        {**plan_context(plan, today), "LANGUAGE_CODE": translation.get_language()},
    )
    return pdf_of(html, kept=True)


def progress_pdf(report: ProgressReport) -> bytes:
    html = render_to_string(
        "reviews/plan/pdf/progress.html",
        {
            "report": report,
            "plan": report.plan,
            "review": report.plan.review,
            "organisation": report.plan.review.organisation,
            "LANGUAGE_CODE": translation.get_language(),
        },
    )
    return pdf_of(html, kept=True)
