"""How fast `tenantry import repairs` is against PostgreSQL's own COPY of the same file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/import_repairs.py [--repairs 1000000] [--homes 125000]

Sets up its own database (`tenantry_bench` on the same server: dropped and made afresh
unless --reuse), generates a landlord of --homes homes and its repair priorities, writes
--repairs repairs to a CSV, then in the same run times:

1. COPY of that file into a plain table with the same columns, all text, no indexes;
2. `tenantry import repairs FILE --org northbrook-council` (a subprocess: its own peak RSS);
3. the same import again (every row unchanged);
4. the floor: PostgreSQL inserting the same rows into services_repair with one INSERT … SELECT
   (its nine indexes and three foreign-key checks a row), which no import can beat.

Prints a table: rows, COPY seconds, import seconds, ratio, re-import seconds, floor seconds,
import ÷ floor, peak MB (the import's own peak resident memory).
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
TENANTRY = ROOT / ".venv" / "bin" / "tenantry"
COLUMNS = [
    "reference", "home", "priority", "reported_at", "status", "completed_at", "trade",
    "description", "appointment_at", "appointment_kept", "right_first_time", "cost",
    "contractor", "satisfaction",
]  # fmt: skip
PRIORITIES = [
    # code, name, target, unit, emergency, share of repairs (the demo landlord's scheme)
    ("E", "Emergency", 24, "hours", True, 0.15),
    ("U", "Urgent", 5, "working_days", False, 0.30),
    ("R", "Routine", 20, "working_days", False, 0.55),
]
TRADES = ["plumbing", "heating", "electrical", "carpentry", "roofing", "damp_mould",
          "drainage", "glazing", "plastering", "communal", "other"]  # fmt: skip
JOBS = ["Leaking tap in kitchen", "No heating", "Door will not lock", "Mould in bedroom",
        "Blocked sink", "Broken window", "Light not working in hall", "Roof leaking",
        "Loose handrail on stairs", "Cracked plaster in lounge"]  # fmt: skip
CONTRACTORS = ["Northbrook Building Services", "Mersey Plumbing Ltd", "Apex Electrical", ""]


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def run(*args: str, env: dict) -> None:
    subprocess.run([str(TENANTRY), *args, "--skip-checks"], env=env, check=True, cwd=ROOT)


def set_up(url: str, *, homes: int, reuse: bool) -> None:
    name = urlsplit(url).path.lstrip("/")
    admin = database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    started = time.monotonic()
    run("migrate", "--verbosity", "0", env=env)
    generate = ["generate", "--homes", str(homes), "--no-users"]
    helped = subprocess.run(
        [str(TENANTRY), "generate", "--help"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if "--no-records" in helped.stdout:
        generate.append("--no-records")  # the file brings the repairs
    run(*generate, env=env)
    with psycopg.connect(url) as conn:
        (landlord,) = conn.execute(
            "SELECT id FROM organisations_organisation WHERE slug = 'northbrook-council'"
        ).fetchone()
        for code, name_, target, unit, emergency, _share in PRIORITIES:
            conn.execute(
                "INSERT INTO services_repairpriority "
                "(landlord_id, code, name, target_amount, target_unit, is_emergency) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (landlord_id, code) DO NOTHING",
                [landlord, code, name_, target, unit, emergency],
            )
    print(f"set up {homes:,} homes in {time.monotonic() - started:.0f}s", file=sys.stderr)


def write_csv(url: str, path: Path, *, repairs: int, seed: int = 1) -> None:
    with psycopg.connect(url) as conn:
        homes = [r for (r,) in conn.execute("SELECT reference FROM homes_home ORDER BY reference")]
    rng = random.Random(seed)
    codes = [p[0] for p in PRIORITIES]
    weights = [p[5] for p in PRIORITIES]
    start = datetime(2023, 4, 1, 8, 0)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for n in range(1, repairs + 1):
            reported = start + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
            # Leave out the hour the clocks go back: a UK time in it is ambiguous.
            if reported.month in (3, 10) and reported.day >= 25 and reported.hour in (0, 1, 2):
                reported += timedelta(hours=3)
            status = rng.choices(["completed", "open", "cancelled"], [85, 12, 3])[0]
            completed = reported + timedelta(hours=rng.randrange(1, 24 * 40))
            if completed.month in (3, 10) and completed.day >= 25 and completed.hour in (0, 1, 2):
                completed += timedelta(hours=3)
            done = status == "completed"
            appointment = reported + timedelta(days=rng.randrange(0, 10), hours=2)
            if appointment.month in (3, 10) and appointment.day >= 25:
                appointment += timedelta(days=7)
            writer.writerow(
                [
                    f"R{n:08d}",
                    rng.choice(homes),
                    rng.choices(codes, weights)[0],
                    reported.strftime("%d/%m/%Y %H:%M"),
                    status,
                    completed.strftime("%d/%m/%Y %H:%M") if done else "",
                    rng.choice(TRADES),
                    rng.choice(JOBS),
                    appointment.strftime("%Y-%m-%dT%H:%M") if rng.random() < 0.6 else "",
                    rng.choice(["yes", "no", "yes", "yes", ""]),
                    rng.choice(["yes", "yes", "yes", "no"]) if done else "",
                    f"{rng.randrange(2000, 90000) / 100:.2f}" if done else "",
                    rng.choice(CONTRACTORS),
                    str(rng.randrange(1, 6)) if done and rng.random() < 0.3 else "",
                ]
            )


def time_copy(url: str, path: Path) -> float:
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy")
        conn.execute(f"CREATE TABLE bench_copy ({', '.join(f'{c} text' for c in COLUMNS)})")
        conn.commit()
        started = time.monotonic()
        sql = "COPY bench_copy FROM STDIN (FORMAT csv, HEADER true)"
        with conn.cursor() as cursor, path.open("rb") as data, cursor.copy(sql) as copy:
            while chunk := data.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        seconds = time.monotonic() - started
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return seconds


def time_floor(url: str) -> float:
    """PostgreSQL's own cost of putting the same rows into services_repair: one INSERT … SELECT
    from a plain copy of the imported rows into the emptied table, its indexes and foreign keys
    checked, then rolled back. No import into this table can be faster than this."""
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_rows")
        conn.execute("CREATE TABLE bench_rows AS SELECT * FROM services_repair")
        conn.commit()
        started = time.monotonic()
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        conn.execute("TRUNCATE services_repair")
        conn.execute("INSERT INTO services_repair SELECT * FROM bench_rows")
        seconds = time.monotonic() - started
        conn.rollback()
        conn.execute("DROP TABLE bench_rows")
        conn.commit()
    return seconds


def time_import(url: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and the command's last line, for one `tenantry import`."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.monotonic()
    child = subprocess.Popen(
        [
            str(TENANTRY),
            "import",
            "repairs",
            str(path),
            "--org",
            "northbrook-council",
            "--skip-checks",
            "--verbosity",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    output = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    output = output.strip()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output.splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repairs", type=int, default=1_000_000)
    parser.add_argument("--homes", type=int, default=125_000)
    parser.add_argument("--database", default="tenantry_bench")
    parser.add_argument("--csv", type=Path, default=Path("/tmp/tenantry_bench_repairs.csv"))
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database if it exists (repairs cleared)"
    )
    args = parser.parse_args()
    url = database_url(args.database)
    set_up(url, homes=args.homes, reuse=args.reuse)
    with psycopg.connect(url) as conn:
        conn.execute("DELETE FROM services_repair")
        conn.execute("DELETE FROM services_importrun")
    started = time.monotonic()
    write_csv(url, args.csv, repairs=args.repairs)
    size = args.csv.stat().st_size / 1e6
    print(
        f"wrote {args.csv} ({size:,.0f} MB) in {time.monotonic() - started:.0f}s", file=sys.stderr
    )
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")

    copy_seconds = time_copy(url, args.csv)
    import_seconds, peak_mb, said = time_import(url, args.csv)
    print(said, file=sys.stderr)
    reimport_seconds, reimport_peak_mb, said_again = time_import(url, args.csv)
    print(said_again, file=sys.stderr)
    floor_seconds = time_floor(url)

    header = ["rows", "COPY s", "import s", "ratio", "re-import s", "floor s", "import ÷ floor",
              "peak MB"]  # fmt: skip
    values = [
        f"{args.repairs:,}",
        f"{copy_seconds:.1f}",
        f"{import_seconds:.1f}",
        f"{import_seconds / copy_seconds:.1f}×",
        f"{reimport_seconds:.1f}",
        f"{floor_seconds:.1f}",
        f"{import_seconds / floor_seconds:.2f}×",
        f"{max(peak_mb, reimport_peak_mb):.0f}",
    ]
    with open("/proc/loadavg") as load:
        print(f"load average at the end: {load.read().split()[0]} (2 cores)", file=sys.stderr)
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    print("| " + " | ".join(values) + " |")


if __name__ == "__main__":
    main()
