"""How long a 1,200-home organisation's annual report takes to assemble and print, and how that
grows with its content.

    .venv/bin/python bench/annual_report.py [--repeat 3]

Makes its own SQLite database in a temporary folder (migrated afresh, removed afterwards) and
in it, for 1×, 2× and 4× the content, an organisation managing 1,200 homes (each with a
household) under a management agreement, with a figure for each of the 22 Tenant Satisfaction
Measures and 10 of its own indicators, a target for each, 20 questions raised at its meetings
and answered, 4 published scrutiny reports about it, a management allowance of 9 services
with 12 months of spending each, and a report whose committee has written every section in
English and Welsh — the indicators, questions, reports and texts multiplied by the factor. For
each size it prints the queries assembling the figures asks and the time it takes, then for
each of the three PDFs (the report, large print, easy read) the time to write its HTML and
for WeasyPrint to lay it out, and its pages; then the total and its ratio to 1×. The report
should grow no faster than its content (at most 2× and 4×), and assembling it should ask the
same queries at every size.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TODAY = date(2026, 12, 5)
HOMES = 1200
KINDS = ("report", "large-print", "easy-read")
PARAGRAPH = (
    "This year tenants looked closely at how repairs are booked, and we changed how we work "
    "because of what they found. We answer for what we do at every general meeting. "
)


def setup(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(factor: int):
    """An organisation with `factor` times the benchmark's content; returns its draft report."""
    from django.utils import timezone

    from tenantry.budgets.models import Actual, AllowanceLine, BudgetKind
    from tenantry.budgets.tests.factories import BudgetFactory
    from tenantry.core.periods import financial_year
    from tenantry.democracy.models import Criticism, Meeting
    from tenantry.homes.models import Coverage, Home, Household
    from tenantry.homes.tests.factories import EstateFactory
    from tenantry.indicators.models import Indicator, Result, Target
    from tenantry.organisations.models import DelegatedService
    from tenantry.organisations.tests.factories import AgreementFactory
    from tenantry.reports import annual_services
    from tenantry.reports.models import AnnualReportText
    from tenantry.scrutiny.tests.factories_report import PublishedReportFactory

    year = financial_year("2025/26")
    agreement = AgreementFactory(starts_on=date(2020, 4, 1))
    organisation = agreement.organisation
    estate = EstateFactory(landlord=agreement.landlord)
    homes = Home.objects.bulk_create(
        Home(estate=estate, landlord=agreement.landlord, reference=f"B{factor}-{n:05d}",
             address=f"{n} Long Road", postcode="NB1 2AB", home_type="flat", bedrooms=2)
        for n in range(HOMES)
    )  # fmt: skip
    Coverage.objects.bulk_create(
        Coverage(agreement=agreement, home=home, starts_on=agreement.starts_on) for home in homes
    )
    Household.objects.bulk_create(
        Household(home=home, reference=f"H{factor}-{home.pk}", started_on=date(2015, 6, 1))
        for home in homes
    )
    own = Indicator.objects.bulk_create(
        Indicator(
            organisation=organisation, code=f"L{n:03d}", name=f"Local measure {n}",
            unit="percent", framework="local", source="manual", order=n,
        )
        for n in range(10 * factor)
    )  # fmt: skip
    indicators = list(Indicator.objects.filter(organisation__isnull=True, framework="tsm")) + own
    now = timezone.now()
    Result.objects.bulk_create(
        Result(
            indicator=indicator, organisation=organisation, scope="organisation",
            period_kind="year", period_start=year.start, period_end=year.end,
            period_label=year.label, value=Decimal(60 + n % 35), source="manual",
            computed_at=now,
        )
        for n, indicator in enumerate(indicators)
    )  # fmt: skip
    Target.objects.bulk_create(
        Target(agreement=agreement, indicator=indicator, year_start=year.start, value=Decimal(80))
        for indicator in indicators
    )
    meeting = Meeting.objects.create(
        organisation=organisation, kind="general", title="General meeting", day=date(2025, 9, 10)
    )
    Criticism.objects.bulk_create(
        Criticism(
            organisation=organisation, meeting=meeting, text=f"Question {n} about the bins.",
            owner="Estate manager", due_on=date(2025, 10, 8), answered_on=date(2025, 10, 1),
            response="Answered: the bins are emptied twice a week now.", status="answered",
        )
        for n in range(20 * factor)
    )  # fmt: skip
    for n in range(4 * factor):
        PublishedReportFactory(
            review__panel__landlord=agreement.landlord, review__scrutinised=organisation,
            review__title=f"Review {n}", published_on=date(2025, 6, 1) + timedelta(days=n),
            tenant_summary="You said appointments were missed; we offer morning or afternoon.",
        )  # fmt: skip
    budget = BudgetFactory(organisation=organisation, kind=BudgetKind.MANAGEMENT_ALLOWANCE)
    services = list(DelegatedService.values)[:9]
    AllowanceLine.objects.bulk_create(
        AllowanceLine(budget=budget, year=2025, service=service, amount=Decimal(50_000))
        for service in services
    )
    Actual.objects.bulk_create(
        Actual(budget=budget, reference=f"{service}-{month}", service=service,
               on=date(2025 + (month > 8), (month + 3) % 12 + 1, 15), amount=Decimal(4_000))
        for service in services
        for month in range(12)
    )  # fmt: skip
    report = annual_services.start_annual_report(
        organisation=organisation, year=year, by=None, today=TODAY
    )
    from tenantry.reports.annual import COMMITMENTS, SECTIONS

    AnnualReportText.objects.bulk_create(
        AnnualReportText(
            report=report, section=key, language=language, body=PARAGRAPH * 3 * factor,
            actions="\n".join(f"Action {n}" for n in range(3 * factor)),
            outcomes="\n".join(f"Outcome {n}" for n in range(3 * factor)),
        )
        for key, _label in SECTIONS + COMMITMENTS
        if key != "easy_read"
        for language in ("en-gb", "cy")
    )  # fmt: skip
    return report


def time_report(report, repeat: int) -> tuple[int, float, dict[str, tuple[float, float, int]]]:
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation
    from weasyprint import HTML

    from tenantry.core.periods import financial_year
    from tenantry.reports import annual, annual_pdf

    assembles = []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report.figures = annual.assemble(
                organisation=report.organisation,
                year=financial_year(report.year_start),
                today=TODAY,
            )
        assembles.append(time.perf_counter() - started)
    kinds = {}
    for kind in KINDS:
        writes, lays = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            with translation.override("en-gb"):
                context = annual_pdf.report_context(report, "en-gb", chart=kind == "report")
                html = render_to_string(annual_pdf.TEMPLATES[kind], context)
            written = time.perf_counter()
            document = HTML(string=html).render()
            document.write_pdf()
            writes.append(written - started)
            lays.append(time.perf_counter() - written)
        kinds[kind] = (statistics.median(writes), statistics.median(lays), len(document.pages))
    return len(queries), statistics.median(assembles), kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs at each size (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tenantry-bench-annual-") as folder:
        setup(folder)
        time_report(build(1), 1)  # warm vl-convert, WeasyPrint's fonts and the templates
        print(
            f"{'content':>8} {'queries':>8} {'figures s':>9} "
            + " ".join(f"{kind + ' s':>15} {'pages':>5}" for kind in KINDS)
            + f" {'total s':>8} {'ratio':>6}"
        )
        first = None
        for factor in (1, 2, 4):
            queries, assemble, kinds = time_report(build(factor), args.repeat)
            total = assemble + sum(write + lay for write, lay, _pages in kinds.values())
            first = first or total
            print(
                f"{factor:>7}× {queries:>8} {assemble:>9.2f} "
                + " ".join(
                    f"{write + lay:>15.2f} {pages:>5}" for write, lay, pages in kinds.values()
                )
                + f" {total:>8.2f} {total / first:>5.2f}×"
            )


if __name__ == "__main__":
    main()
