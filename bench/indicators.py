"""How fast the TSM calculators are against hand-written SQL for the same figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/indicators.py [--homes 125000] [--reuse] [--repeat 3]

Sets up its own database (`tenantry_bench_indicators` on the same server: dropped and made
afresh unless --reuse), generates a landlord of --homes homes with one year of service records
(`tenantry generate --years 1 --as-of 2026-03-31`, so 2025/26 is complete), then in the same
run, on the same connection, times computing every TSM management-information measure (BS01–
BS05, CH01, CH02 with and without extensions, NM01, RP01, RP02; the all-stock figures) for the
landlord's whole stock, its directly managed stock and each organisation it works with:

1. through `tenantry.indicators.calculators.calculate` (what the app runs);
2. through one hand-written SQL query per measure and subject, the same number of queries.
   CH02 counts working days in SQL with a calendar table of working-day numbers built first
   (not timed).

Both are run once to warm the caches, then --repeat times; the best time of each is kept.
Every numerator and denominator must agree, or the run stops. Prints a line per measure and
the total ratio (calculators ÷ SQL).
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TENANTRY = ROOT / ".venv" / "bin" / "tenantry"
DATABASE = "tenantry_bench_indicators"
AS_OF = "2026-03-31"
CODES = ["BS01", "BS02", "BS03", "BS04", "BS05", "CH01-1", "CH01-2", "CH02-1", "CH02-1N",
         "CH02-2", "CH02-2N", "NM01-1", "NM01-2", "RP01", "RP02-1", "RP02-2"]  # fmt: skip


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def set_up(url: str, *, homes: int, reuse: bool) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and reuse:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DATABASE_URL": url}
    started = time.monotonic()
    for args in (
        ["migrate", "--verbosity", "0"],
        ["generate", "--homes", str(homes), "--years", "1", "--as-of", AS_OF, "--no-users"],
    ):
        subprocess.run([str(TENANTRY), *args, "--skip-checks"], env=env, check=True, cwd=ROOT)
    print(f"set up {homes:,} homes in {time.monotonic() - started:.0f}s", file=sys.stderr)


# --- hand-written SQL ------------------------------------------------------------------------

COVERED = """EXISTS (SELECT 1 FROM homes_coverage c
    JOIN organisations_managementagreement a ON a.id = c.agreement_id
    WHERE c.home_id = h.id {agreement} AND c.starts_on <= %(day)s
      AND (c.ends_on IS NULL OR c.ends_on >= %(day)s))"""


def homes_where(scope: str) -> str:
    """The subject's relevant (low-cost rental and home ownership) homes on %(day)s."""
    relevant = "h.stock_type IN ('lcra', 'lcho')"
    if scope == "organisation":
        return f"{COVERED.format(agreement='AND a.organisation_id = %(org)s')} AND {relevant}"
    if scope == "landlord_direct":
        return f"h.landlord_id = %(org)s AND NOT {COVERED.format(agreement='')} AND {relevant}"
    return f"h.landlord_id = %(org)s AND {relevant}"


def records_where(scope: str, alias: str) -> str:
    if scope == "landlord_all":
        return (f"{alias}.organisation_id IN (SELECT id FROM organisations_organisation "
                "WHERE id = %(org)s OR landlord_id = %(org)s)")  # fmt: skip
    return f"{alias}.organisation_id = %(org)s"


def sql_safety(scope: str, kind: str) -> str:
    active = ("q.kind = %(kind)s AND q.required_from <= %(day)s "
              "AND (q.required_until IS NULL OR q.required_until >= %(day)s)")  # fmt: skip
    valid = """EXISTS (
            SELECT 1 FROM services_safetyrequirement q
            JOIN services_safetycheck k ON k.kind = q.kind AND k.{place} = q.{place}
            WHERE q.{place} = h.{outer} AND {active}
              AND k.outcome IN ('satisfactory', 'remedial', 'failed')
              AND k.done_on <= %(day)s
              AND k.done_on > %(day)s - make_interval(months => q.interval_months))"""
    required = """EXISTS (SELECT 1 FROM services_safetyrequirement q
            WHERE q.{place} = h.{outer} AND {active})"""
    on_home = {"place": "home_id", "outer": "id", "active": active}
    on_block = {"place": "block_id", "outer": "block_id", "active": active}
    return f"""
        SELECT count(*) FILTER (WHERE valid), count(*) FROM (
          SELECT {valid.format(**on_home)} OR {valid.format(**on_block)} AS valid
          FROM homes_home h
          WHERE {homes_where(scope)}
            AND ({required.format(**on_home)} OR {required.format(**on_block)})
        ) x"""


NOT_OTHER_STOCK = """AND NOT EXISTS (SELECT 1 FROM homes_home rh
    WHERE rh.id = r.home_id AND rh.stock_type = 'other')"""


def sql_per_thousand(scope: str, table: str, made: str, extra: str = "", stock=True) -> str:
    relevant = NOT_OTHER_STOCK if stock else ""
    return f"""
        SELECT (SELECT count(*) FROM {table} r
                WHERE {records_where(scope, "r")} AND r.{made} BETWEEN %(start)s AND %(end)s
                {extra} {relevant}),
               (SELECT count(*) FROM homes_home h WHERE {homes_where(scope)})"""


def sql_complaints_in_time(scope: str, stage: int, extensions: bool) -> str:
    start = "received_on" if stage == 1 else "escalated_on"
    respond = 10 if stage == 1 else 20
    extension = f"r.stage{stage}_extension_days" if extensions else "0"
    return f"""
        SELECT count(*) FILTER (WHERE r.stage{stage}_responded_on <= due.day), count(*)
        FROM services_complaint r
        JOIN bench_workday s ON s.day = r.{start}
        LEFT JOIN bench_workday a ON a.day = r.stage{stage}_acknowledged_on
        JOIN bench_workday due ON due.working
         AND due.n = LEAST(COALESCE(a.n, s.n + 5), s.n + 5) + {respond} + {extension}
        WHERE {records_where(scope, "r")} AND r.{start} BETWEEN %(start)s AND %(end)s
          AND NOT EXISTS (SELECT 1 FROM homes_home rh
                          WHERE rh.id = r.home_id AND rh.stock_type = 'other')"""


def sql_decent(scope: str) -> str:
    # DISTINCT ON over every status is the textbook way, but planned as a nested loop under
    # the coverage EXISTS it took minutes; the latest status per home by index does not.
    return f"""
        SELECT count(*) FILTER (WHERE NOT latest.meets_standard), count(latest.meets_standard)
        FROM homes_home h
        LEFT JOIN LATERAL (
          SELECT meets_standard FROM services_decenthomesstatus s
          WHERE s.home_id = h.id AND s.since <= %(day)s
          ORDER BY s.since DESC LIMIT 1
        ) latest ON true
        WHERE {homes_where(scope)}"""


def sql_repairs(scope: str) -> str:
    return f"""
        SELECT count(*) FILTER (WHERE r.completed_at <= r.due_at), count(*)
        FROM services_repair r
        JOIN services_repairpriority p ON p.id = r.priority_id
        WHERE {records_where(scope, "r")} AND r.kind = 'responsive' AND r.status = 'completed'
          AND r.completed_at >= %(from)s AND r.completed_at < %(until)s
          AND p.is_emergency = %(emergency)s
          AND NOT EXISTS (SELECT 1 FROM homes_home rh
                          WHERE rh.id = r.home_id AND rh.stock_type = 'other')"""


def sql_for(code: str, scope: str) -> tuple[str, dict]:
    kinds = {"BS01": "gas", "BS02": "fire", "BS03": "asbestos", "BS04": "water", "BS05": "lift"}
    if code in kinds:
        return sql_safety(scope, kinds[code]), {"kind": kinds[code]}
    if code.startswith("CH01"):
        made = "received_on" if code == "CH01-1" else "escalated_on"
        return sql_per_thousand(scope, "services_complaint", made), {}
    if code.startswith("CH02"):
        return sql_complaints_in_time(scope, int(code[5]), not code.endswith("N")), {}
    if code.startswith("NM01"):
        hate = "AND r.is_hate_incident" if code == "NM01-2" else ""
        return sql_per_thousand(scope, "services_asbcase", "opened_on", hate, stock=False), {}
    if code == "RP01":
        return sql_decent(scope), {}
    return sql_repairs(scope), {"emergency": code == "RP02-2"}


def build_calendar(cursor, is_working_day) -> None:
    cursor.execute(
        "CREATE TEMP TABLE bench_workday (day date PRIMARY KEY, n integer, working boolean)"
    )
    rows, n, day = [], 0, date(2015, 1, 1)
    while day <= date(2031, 12, 31):
        working = is_working_day(day)
        n += working
        rows.append((day, n, working))
        day += timedelta(days=1)
    cursor.executemany("INSERT INTO bench_workday VALUES (%s, %s, %s)", rows)
    cursor.execute("ANALYZE bench_workday")


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--homes", type=int, default=125_000)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's database")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = database_url(DATABASE)
    set_up(url, homes=args.homes, reuse=args.reuse)

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    import django

    django.setup()
    from django.db import connection

    from tenantry.core.deadlines import LONDON
    from tenantry.core.periods import financial_year
    from tenantry.core.workingdays import is_working_day
    from tenantry.indicators.calculators import Subject, calculate
    from tenantry.indicators.models import Indicator, Scope
    from tenantry.organisations.models import Organisation

    period = financial_year("2025/26")
    landlord = Organisation.objects.get(slug="northbrook-council")
    partners = Organisation.objects.filter(landlord=landlord, agreements__isnull=False).distinct()
    subjects = [Subject(Scope.LANDLORD_ALL, landlord), Subject(Scope.LANDLORD_DIRECT, landlord)]
    subjects += [Subject(Scope.ORGANISATION, o) for o in partners.order_by("name")]
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=CODES, organisation=None)}
    params = {
        "start": period.start, "end": period.end, "day": period.end,
        "from": datetime.combine(period.start, clock(), tzinfo=LONDON),
        "until": datetime.combine(period.end + timedelta(days=1), clock(), tzinfo=LONDON),
    }  # fmt: skip
    cursor = connection.cursor()
    build_calendar(cursor, is_working_day)

    def ours(code: str) -> list:
        return [
            (m.numerator, m.denominator)
            for m in (calculate(indicators[code], s, period) for s in subjects)
        ]

    def theirs(code: str) -> list:
        found = []
        for subject in subjects:
            sql, extra = sql_for(code, subject.scope)
            cursor.execute(sql, {**params, **extra, "org": subject.organisation.pk})
            found.append(cursor.fetchone())
        return found

    def best(run, code) -> tuple[float, list]:
        times, figures = [], None
        for _ in range(args.repeat):
            started = time.perf_counter()
            figures = run(code)
            times.append(time.perf_counter() - started)
        return min(times), figures

    homes = landlord.homes.count()
    print(f"{homes:,} homes, {len(subjects)} subjects (whole stock, directly managed, "
          f"{len(subjects) - 2} organisations), {period.label}, best of {args.repeat}")  # fmt: skip
    print(f"{'measure':<9}{'calculators s':>15}{'SQL s':>10}{'ratio':>8}   whole stock")
    total_ours = total_sql = 0.0
    for code in CODES:
        ours(code), theirs(code)  # warm the caches
        mine_s, mine = best(ours, code)
        sql_s, sql = best(theirs, code)
        for subject, a, b in zip(subjects, mine, sql, strict=True):
            if tuple(int(x) for x in a) != tuple(int(x) for x in b):
                sys.exit(f"{code} {subject.label}: calculators {a} but SQL {b}")
        total_ours += mine_s
        total_sql += sql_s
        numerator, denominator = mine[0]
        print(f"{code:<9}{mine_s:>15.3f}{sql_s:>10.3f}{mine_s / sql_s:>7.2f}×"
              f"   {int(numerator):,} of {int(denominator):,}")  # fmt: skip
    print(f"{'total':<9}{total_ours:>15.3f}{total_sql:>10.3f}{total_ours / total_sql:>7.2f}×")


if __name__ == "__main__":
    main()
