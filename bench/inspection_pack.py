"""How long the inspection pack of a big review takes, and how that grows with its content.

    .venv/bin/python bench/inspection_pack.py [--repeat 3]

Makes its own SQLite database in a temporary folder (migrated afresh, removed afterwards) and
in it, for 1×, 2× and 4× the content, an organisation with a management agreement and a
finished review whose published plan has 40 actions (each measured by an indicator, with a
milestone and a progress report), 30 of the organisation's own indicators with five years of
figures and targets, 200 evidence files, 50 decisions, 20 stakeholders and four years of
quarterly figures sent to the landlord — all multiplied by the factor. For each it prints the
database queries the pack asks, the time to gather and write its HTML (the queries and the
30–120 charts drawn by vl-convert), the time WeasyPrint takes to lay it out, the pages, the
total, and the total's ratio to 1×. The pack should grow no faster than its content: at most
2× and 4×, and the same number of queries at every size.
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


def setup(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(factor: int):
    """A review with `factor` times the benchmark's content; returns it."""
    from django.utils import timezone

    from tenantry.indicators.models import Indicator, Result, Submission, Target
    from tenantry.organisations.tests.factories import AgreementFactory
    from tenantry.reviews.models import (
        Decision,
        Evidence,
        Milestone,
        PlanAction,
        ProgressUpdate,
        ReviewStep,
        Stakeholder,
    )
    from tenantry.reviews.tests.plan_factories import PublishedPlanFactory

    agreement = AgreementFactory(starts_on=date(2020, 4, 1))
    organisation = agreement.organisation
    plan = PublishedPlanFactory(review__organisation=organisation)
    review = plan.review
    now = timezone.now()
    indicators = Indicator.objects.bulk_create(
        Indicator(
            organisation=organisation, code=f"L{n:03d}", name=f"Local measure {n}",
            unit="percent", framework="local", source="manual", order=n,
        )
        for n in range(30 * factor)
    )  # fmt: skip
    results, targets = [], []
    for n, indicator in enumerate(indicators):
        for year in range(2022, 2027):
            results.append(
                Result(
                    indicator=indicator, organisation=organisation, scope="organisation",
                    period_kind="year", period_start=date(year, 4, 1),
                    period_end=date(year + 1, 3, 31), period_label=f"{year}/{year % 100 + 1}",
                    value=Decimal(70 + (n + year) % 25), source="manual", computed_at=now,
                )
            )  # fmt: skip
            targets.append(
                Target(
                    agreement=agreement, indicator=indicator, year_start=date(year, 4, 1),
                    value=Decimal(85),
                )
            )  # fmt: skip
    Result.objects.bulk_create(results)
    Target.objects.bulk_create(targets)
    ReviewStep.objects.bulk_create(
        ReviewStep(review=review, number=n, status="completed",
                   content={"in_scope": "Responsive repairs", "conclusions": "Keep in house"})
        for n in range(1, 10)
    )  # fmt: skip
    actions = PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan, position=n, title=f"Action {n}", finding=f"Finding {n}",
            owner="Repairs officer", due_on=TODAY + timedelta(days=30 * (n % 12) - 90),
            indicator=indicators[n % len(indicators)], target_value=Decimal(90),
            progress="on_track",
        )
        for n in range(40 * factor)
    )  # fmt: skip
    Milestone.objects.bulk_create(
        Milestone(action=a, title="Half way", due_on=a.due_on - timedelta(days=60)) for a in actions
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, progress="on_track", note="Going to plan",
                       reported_on=TODAY - timedelta(days=20))
        for a in actions
    )  # fmt: skip
    Evidence.objects.bulk_create(
        Evidence(review=review, step=1 + n % 9, kind="file", title=f"Working group notes {n}",
                 file=f"reviews/2026/01/notes-{n:04d}.pdf")
        for n in range(200 * factor)
    )  # fmt: skip
    Decision.objects.bulk_create(
        Decision(review=review, step=1 + n % 9, what=f"Agreed item {n}",
                 decided_by="Committee", decided_on=date(2026, 1, 1) + timedelta(days=n % 200))
        for n in range(50 * factor)
    )  # fmt: skip
    Stakeholder.objects.bulk_create(
        Stakeholder(review=review, kind="tenants", name=f"Block {n} tenants", how="Meeting",
                    consulted_on=date(2026, 2, 1), said="Appointments at better times")
        for n in range(20 * factor)
    )  # fmt: skip
    Submission.objects.bulk_create(
        Submission(
            agreement=agreement, period_kind="quarter",
            period_start=date(2022 + q // 4, 4 + 3 * (q % 4), 1) if q % 4 < 3
            else date(2023 + q // 4, 1, 1),
            period_end=date(2022 + q // 4, 6 + 3 * (q % 4), 28) if q % 4 < 3
            else date(2023 + q // 4, 3, 31),
            period_label=f"Q{q}", status="accepted",
        )
        for q in range(16 * factor)
    )  # fmt: skip
    return review


def time_pack(review, repeat: int) -> tuple[int, float, float, int]:
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext
    from weasyprint import HTML

    from tenantry.reviews import inspection

    gathers, lays = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            context = inspection.pack_context(review, today=TODAY)
        html = render_to_string("reviews/inspection/pack.html", context)
        gathered = time.perf_counter()
        document = HTML(string=html).render()
        document.write_pdf()
        gathers.append(gathered - started)
        lays.append(time.perf_counter() - gathered)
    return len(queries), statistics.median(gathers), statistics.median(lays), len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs at each size (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tenantry-bench-pack-") as folder:
        setup(folder)
        from tenantry.reviews.inspection import pack_context

        pack_context(build(1), today=TODAY)  # warm vl-convert and the templates
        print(
            f"{'content':>8} {'actions':>8} {'indicators':>10} {'files':>6} {'queries':>8} "
            f"{'HTML s':>7} {'PDF s':>7} {'pages':>6} {'total s':>8} {'ratio':>6}"
        )
        first = None
        for factor in (1, 2, 4):
            review = build(factor)
            queries, gather, lay, pages = time_pack(review, args.repeat)
            total = gather + lay
            first = first or total
            print(
                f"{factor:>7}× {40 * factor:>8} {30 * factor:>10} {200 * factor:>6} "
                f"{queries:>8} {gather:>7.2f} {lay:>7.2f} {pages:>6} {total:>8.2f} "
                f"{total / first:>5.2f}×"
            )


if __name__ == "__main__":
    main()
