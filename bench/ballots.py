"""How fast the ballot engine is at a large landlord's size, against PostgreSQL's own floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/ballots.py [--members 125000] [--voters 1000] [--reuse]

Makes its own database on the same server (`tenantry_bench_ballots`, dropped and made afresh
unless --reuse keeps one from an earlier run), migrates it and writes --members members of one
organisation, each in a home of their own (homes, households, residents, memberships: written
with bulk inserts, about a minute). Then, in the same run:

1. **Roll.** Freezing the roll of a ballot of every member (`roll.insert_roll`, the one
   `INSERT … SELECT` that `freeze_roll` runs) against a hand-written `INSERT … SELECT` of the
   same rows into the same table (salt included). Each is run three times, alternately, in a
   transaction rolled back; the medians are compared. Target: at most 2×.
2. **Tally.** A ballot of --members papers (written as the close writes them): the engine's
   `counting.tally` against a hand-written `SELECT option_id, count(*) … GROUP BY option_id`,
   medians of fifteen; the whole `count_ballot` (with turnout per estate) is shown too. Target:
   at most 1.5×.
3. **Concurrency.** gunicorn (2 workers, 127.0.0.1 only) serves the site; --voters voters,
   from 50 threads each with its own connection, cast at once through the real voting page
   (`POST /ballot/` step "cast", with the CSRF cookie): exactly --voters marks and, after the
   close, --voters papers, or the run fails.
4. **Throughput.** For --duration seconds, --connections keep-alive connections cast votes
   with fresh codes through the same page; then the same connections ask for /healthz for
   as long. Printed: votes a second, p50 and p95 latency, and the share of /healthz's
   requests a second. Targets: p95 under 300 ms and at least 30% of /healthz.
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
TENANTRY = VENV / "tenantry"
SECRET_KEY = "tenantry-bench-ballots-not-a-secret"  # voters' codes derive from it
NAME = "tenantry_bench_ballots"
PORT = 8765
ESTATES = 50
JOINED = date(2024, 4, 1)


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def make_database(url: str, *, reuse: bool) -> bool:
    """Create (or keep) the bench database; True when it must be filled."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if exists and reuse:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        conn.execute(f'CREATE DATABASE "{NAME}"')
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY}
    subprocess.run(
        [str(TENANTRY), "migrate", "--verbosity", "0", "--skip-checks"], env=env, check=True
    )
    return True


def fill(members: int) -> None:
    """One landlord, one TMO managing `members` homes on 50 estates, a member in each."""
    from tenantry.democracy.models import Membership
    from tenantry.homes.models import Coverage, Estate, Home, Household, Resident
    from tenantry.organisations.models import ManagementAgreement, Organisation

    started = time.monotonic()
    landlord = Organisation.objects.create(name="Bench Council", slug="bench-council",
                                           kind=Organisation.Kind.COUNCIL)  # fmt: skip
    tmo = Organisation.objects.create(
        name="Bench TMO", slug="bench-tmo", kind=Organisation.Kind.TMO, landlord=landlord
    )
    agreement = ManagementAgreement.objects.create(
        organisation=tmo, landlord=landlord, title="Agreement", services=["repairs"],
        management_allowance=0, starts_on=date(2020, 4, 1),
    )  # fmt: skip
    estates = Estate.objects.bulk_create(
        Estate(landlord=landlord, name=f"Estate {n:02d}", reference=f"E{n:02d}")
        for n in range(ESTATES)
    )
    size = 5000
    for start in range(0, members, size):
        numbers = range(start, min(start + size, members))
        homes = Home.objects.bulk_create(
            Home(landlord=landlord, estate=estates[n % ESTATES], reference=f"P{n:07d}",
                 address=f"{n} Bench Road", postcode="NB1 2AB", home_type="flat", bedrooms=2,
                 tenure="secure" if n % 5 else "leasehold", stock_type="lcra")
            for n in numbers
        )  # fmt: skip
        Coverage.objects.bulk_create(
            Coverage(agreement=agreement, home=home, starts_on=date(2020, 4, 1)) for home in homes
        )
        households = Household.objects.bulk_create(
            Household(home=home, reference=f"T{n:08d}", started_on=date(2015, 6, 1))
            for n, home in zip(numbers, homes, strict=True)
        )
        residents = Resident.objects.bulk_create(
            Resident(household=household, name=f"Voter {n}", is_lead_tenant=True)
            for n, household in zip(numbers, households, strict=True)
        )
        Membership.objects.bulk_create(
            Membership(organisation=tmo, resident=resident, household=resident.household,
                       status="member", joined_by="paper", applied_on=JOINED, joined_on=JOINED)
            for resident in residents
        )  # fmt: skip
    print(f"filled {members:,} members in {time.monotonic() - started:.0f}s", file=sys.stderr)


def _ballot(question: str, *, closes_in: timedelta = timedelta(days=7)):
    from django.utils import timezone

    from tenantry.democracy import ballots
    from tenantry.organisations.models import Organisation

    now = timezone.now()
    return ballots.create_ballot(
        organisation=Organisation.objects.get(slug="bench-tmo"), by=None, kind="referendum",
        question=question, options=["Yes", "No", "Abstain"], roll_date=timezone.localdate(),
        opens_at=now - timedelta(hours=1), closes_at=now + closes_in,
    )  # fmt: skip


class Rollback(Exception):
    pass


def _timed_rolled_back(work) -> float:
    from django.db import transaction

    started = time.perf_counter()
    try:
        with transaction.atomic():
            work()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        return elapsed


def bench_roll() -> tuple[float, float, int]:
    """(engine's freeze s, hand-written INSERT … SELECT s, rows): medians of three."""
    from django.db import connection

    from tenantry.democracy.ballots.roll import insert_roll

    ballot = _ballot("Roll bench")
    hand = """
        INSERT INTO democracy_voter (ballot_id, resident_id, household_id, membership_id,
                                     estate_id, secure_tenant, salt)
        SELECT %s, m.resident_id, m.household_id, m.id, h.estate_id, h.tenure = 'secure',
               md5(random()::text || clock_timestamp()::text)
        FROM democracy_membership m
        JOIN homes_household hh ON hh.id = m.household_id
        JOIN homes_home h ON h.id = hh.home_id
        WHERE m.organisation_id = %s AND m.status = 'member' AND m.joined_on <= %s
          AND (m.ended_on IS NULL OR m.ended_on > %s)
    """
    rows = [0]

    def engine():
        rows[0] = insert_roll(ballot)

    def floor():
        with connection.cursor() as cursor:
            day = ballot.roll_date
            cursor.execute(hand, [ballot.pk, ballot.organisation_id, day, day])

    engine_s, floor_s = [], []
    for _ in range(3):
        engine_s.append(_timed_rolled_back(engine))
        floor_s.append(_timed_rolled_back(floor))
    return statistics.median(engine_s), statistics.median(floor_s), rows[0]


def bench_tally(members: int) -> tuple[float, float, float]:
    """(tally s, hand-written GROUP BY s, whole count_ballot s) over `members` papers."""
    import random

    from django.db import connection, transaction

    from tenantry.democracy.ballots import counting
    from tenantry.democracy.ballots.lifecycle import write_papers
    from tenantry.democracy.models import Ballot, BallotStatus

    ballot = _ballot("Tally bench")
    options = list(ballot.options.values_list("pk", flat=True))
    rng = random.Random(1)
    votes = [(False, False, [rng.choices(options, weights=[6, 3, 1])[0]]) for _ in range(members)]
    with transaction.atomic():
        write_papers(ballot.pk, votes)
    Ballot.objects.filter(pk=ballot.pk).update(status=BallotStatus.CLOSED)
    ballot.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE democracy_paper, democracy_paperchoice")
    tally_s, floor_s, count_s = [], [], []
    for _ in range(15):
        started = time.perf_counter()
        counted = counting.tally(ballot)
        tally_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT option_id, count(*) FROM democracy_paperchoice WHERE ballot_id = %s "
                "GROUP BY option_id",
                [ballot.pk],
            )
            by_hand = dict(cursor.fetchall())
        floor_s.append(time.perf_counter() - started)
        assert {k: v[0] for k, v in counted.items()} == by_hand
    for _ in range(3):
        count_s.append(_timed_rolled_back(lambda: counting.count_ballot(ballot=ballot, by=None)))
    return statistics.median(tally_s), statistics.median(floor_s), statistics.median(count_s)


def serve(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "tenantry.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--timeout", "300", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


class Voter:
    """One keep-alive connection to the voting page, with its CSRF cookie and token."""

    def __init__(self):
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
        self.connection.request("GET", "/ballot/")
        response = self.connection.getresponse()
        html = response.read().decode()
        cookie = next(v for h, v in response.getheaders() if h.lower() == "set-cookie")
        self.cookie = cookie.split(";", 1)[0]
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def cast(self, code: str, choice: int) -> int:
        body = urlencode(
            {"csrfmiddlewaretoken": self.token, "step": "cast", "code": code, "choices": choice}
        )
        self.connection.request(
            "POST", "/ballot/", body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie,
                     "Referer": f"http://127.0.0.1:{PORT}/ballot/"},
        )  # fmt: skip
        response = self.connection.getresponse()
        response.read()
        return response.status

    def healthz(self) -> int:
        self.connection.request("GET", "/healthz")
        response = self.connection.getresponse()
        response.read()
        return response.status


def bench_concurrency(codes: list[str], choice: int, threads: int = 50) -> tuple[int, float]:
    """Every code cast at once from `threads` threads; (votes answered 302, seconds)."""
    start = threading.Barrier(threads)
    done = []
    lock = threading.Lock()

    def work(mine):
        voter = Voter()
        start.wait()
        ok = sum(1 for code in mine if voter.cast(code, choice) == 302)
        with lock:
            done.append(ok)

    workers = [threading.Thread(target=work, args=(codes[i::threads],)) for i in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(done), time.perf_counter() - began


def bench_throughput(codes: list[str], choice: int, *, connections: int, duration: float):
    """Casting with fresh codes, then /healthz, each for `duration` s on `connections`
    connections: (votes/s, p50 ms, p95 ms, healthz/s, failed)."""
    pool = iter(codes)
    lock = threading.Lock()

    def run(kind: str):
        latencies, failed = [], [0]
        deadline = time.perf_counter() + duration

        def worker():
            voter = Voter()
            mine = []
            while time.perf_counter() < deadline:
                if kind == "cast":
                    with lock:
                        code = next(pool, None)
                    if code is None:
                        break
                begun = time.perf_counter()
                status = voter.cast(code, choice) if kind == "cast" else voter.healthz()
                mine.append((time.perf_counter() - begun) * 1000)
                if status not in (200, 302):
                    failed[0] += 1
            with lock:
                latencies.extend(mine)

        began = time.perf_counter()
        workers = [threading.Thread(target=worker) for _ in range(connections)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return latencies, time.perf_counter() - began, failed[0]

    casts, cast_s, failed = run("cast")
    health, health_s, _ = run("healthz")
    ordered = sorted(casts)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if ordered else float("nan")
    return len(casts) / cast_s, statistics.median(casts), p95, len(health) / health_s, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=125_000)
    parser.add_argument("--voters", type=int, default=1_000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    url = database_url(NAME)
    fresh = make_database(url, reuse=args.reuse)
    os.environ.update({"DATABASE_URL": url, "SECRET_KEY": SECRET_KEY,
                       "DJANGO_SETTINGS_MODULE": "tenantry.settings"})  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from tenantry.democracy import ballots
    from tenantry.democracy.models import Ballot, Mark, Paper
    from tenantry.democracy.models import Voter as RollEntry

    if fresh:
        fill(args.members)
    Ballot.objects.all().delete()

    roll_s, roll_floor_s, rows = bench_roll()
    print(f"roll: {rows:,} voters  engine {roll_s:.2f} s  INSERT … SELECT {roll_floor_s:.2f} s"
          f"  ratio {roll_s / roll_floor_s:.2f}× (target ≤ 2×)")  # fmt: skip

    tally_s, group_s, count_s = bench_tally(args.members)
    print(f"tally: {args.members:,} papers  tally {tally_s * 1000:.0f} ms  GROUP BY "
          f"{group_s * 1000:.0f} ms  ratio {tally_s / group_s:.2f}× (target ≤ 1.5×)  "
          f"whole count with turnout {count_s * 1000:.0f} ms")  # fmt: skip

    ballot = _ballot("Concurrency bench")
    ballots.freeze_roll(ballot=ballot, by=None)
    ballots.issue_codes(ballot=ballot, by=None)
    salts = RollEntry.objects.filter(ballot=ballot).order_by("pk").values_list("salt", flat=True)
    codes = [ballots.voter_code(ballot.pk, salt) for salt in salts]
    choice = ballot.options.first().pk
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = serve(env)
    try:
        cast, seconds = bench_concurrency(codes[: args.voters], choice)
        marks = Mark.objects.filter(ballot=ballot).count()
        print(f"concurrency: {args.voters:,} voters at once from 50 threads: {cast:,} cast, "
              f"{marks:,} marks in {seconds:.1f} s")  # fmt: skip
        per_s, p50, p95, health_per_s, failed = bench_throughput(
            codes[args.voters :], choice, connections=args.connections, duration=args.duration
        )
        print(f"throughput: {per_s:.0f} votes/s  p50 {p50:.0f} ms  p95 {p95:.0f} ms  "
              f"/healthz {health_per_s:.0f}/s  share {per_s / health_per_s:.0%} "
              f"(targets: p95 < 300 ms, ≥ 30%)  failed {failed}")  # fmt: skip
    finally:
        server.terminate()
        server.wait()
    total = Mark.objects.filter(ballot=ballot).count()
    ballots.close_ballot(ballot=ballot, by=None, now=ballot.closes_at + timedelta(minutes=1))
    papers = Paper.objects.filter(ballot=ballot).count()
    print(f"after the close: {total:,} marks, {papers:,} papers")
    if cast != args.voters or marks != args.voters or papers != total:
        raise SystemExit("FAILED: votes lost or doubled")


if __name__ == "__main__":
    main()
