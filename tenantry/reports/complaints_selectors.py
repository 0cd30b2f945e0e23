"""Reads for the complaints self-assessment and report pages and their PDFs."""

from datetime import date

from django.core.cache import cache
from django.utils.translation import gettext as _

from tenantry.core.periods import Period, financial_year, years_offered

from .complaints_code import PROVISIONS, SECTIONS
from .complaints_deadline import submission_deadline
from .complaints_figures import (
    figures_of,
    homes_counted,
    provision_evidence,
    rows_of,
)
from .complaints_models import ComplaintsYear

FIRST_DAY = date(2024, 4, 1)  # the Code became statutory: no self-assessment on it before


def years_of(*, today: date) -> list[Period]:
    """The financial years a self-assessment may be made for, newest first."""
    return list(reversed(years_offered(today=today, not_before=FIRST_DAY)))


def complaints_year_of(*, organisation, year: int) -> ComplaintsYear:
    """The organisation's year: the one kept, or a new blank draft (not saved)."""
    found = ComplaintsYear.objects.filter(organisation=organisation, year=year).first()
    return found or ComplaintsYear(organisation=organisation, year=year)


# Working out a year's figures from the records is a dozen queries and most of the time of each
# complaints page and PDF; a draft's are kept this long, and its pages say so. The governing
# body's approval works them out afresh (`complaints_services.approve`).
FIGURES_KEPT_FOR = 600  # seconds


def figures_for(complaints_year: ComplaintsYear, *, today: date) -> dict:
    """The figures as the governing body approved them, or as the records stand, worked out
    within `FIGURES_KEPT_FOR` seconds."""
    if complaints_year.figures:
        return complaints_year.figures
    organisation = complaints_year.organisation

    def work() -> dict:
        return figures_of(
            organisation=organisation, year=financial_year(complaints_year.year), today=today
        )

    key = figures_key(organisation, complaints_year.year, today)
    return cache.get_or_set(key, work, FIGURES_KEPT_FOR)


def figures_key(organisation, year: int, today: date) -> str:
    # With its creation time: SQLite gives a deleted organisation's number to the next.
    created = organisation.created_at.timestamp()
    return f"complaints-figures:{organisation.pk}:{created}:{year}:{today.isoformat()}"


def deadline_of(*, organisation, year: Period, today: date):
    homes = homes_counted(organisation=organisation, year=year)
    return homes, submission_deadline(year=year, homes=homes, today=today)


def self_assessment(complaints_year: ComplaintsYear, figures: dict) -> list[dict]:
    """The sections in order, each with its provisions: the Code's wording, what the records
    say, and the answer entered (None where nobody has answered yet)."""
    answers = {a.code: a for a in complaints_year.answers.all()} if complaints_year.pk else {}
    sections = []
    for number, title in SECTIONS.items():
        provisions = [
            {
                "provision": p,
                "records": provision_evidence(p.evidenced, figures, complaints_year),
                "answer": answers.get(p.code),
            }
            for p in PROVISIONS
            if p.section == number
        ]
        if provisions:
            sections.append({"number": number, "title": title, "provisions": provisions})
    return sections


def answered_count(sections: list[dict]) -> tuple[int, int]:
    rows = [row for section in sections for row in section["provisions"]]
    return sum(1 for row in rows if row["answer"] and row["answer"].complies), len(rows)


def report(complaints_year: ComplaintsYear, figures: dict) -> dict:
    """The report's figures in words, and its breakdowns (small groups already hidden)."""
    return {
        "rows": rows_of(figures),
        "figures": figures,
        "breakdowns": [
            (
                _("Stage 1 complaints received in the year, by what they were about"),
                figures["categories"],
            ),
            (_("Stage 1 complaints received in the year, by estate"), figures["estates"]),
        ],
    }
