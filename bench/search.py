"""How fast staff search is on a large landlord, against a plain indexed lookup and a plain page.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/search.py [--homes 125000] [--reuse] [--repeat 5]

Sets up its own database (`tenantry_bench_search` on the same server: dropped and made afresh
unless --reuse), migrates it (always, so a reused database gets new indexes), generates a
landlord of --homes homes with a year of service records (`tenantry generate --years 1`), then
in the same run, on the same connection, for a set of searches a member of staff would type
(an exact property reference, the start of one, a postcode with and without its space, an
address, a surname, a street-wide word, a repair's reference):

1. `tenantry.records.search.search` for the landlord (every home it owns; its own records)
   and for its largest tenant management organisation, against the baseline of one plain
   indexed lookup: a home by its landlord and exact reference (the unique index);
2. the whole search page (`GET /o/<slug>/search/?q=…`, signed in, rendered) against the same
   page with nothing typed, which reads the session, the person and their roles and draws the
   layout.

Each is run once to warm the caches, then --repeat times; the best time is kept. Prints a line
per search with both ratios.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TENANTRY = ROOT / ".venv" / "bin" / "tenantry"
DATABASE = "tenantry_bench_search"
AS_OF = "2026-03-31"


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def set_up(url: str, *, homes: int, reuse: bool) -> None:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        fresh = not (exists and reuse)
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {**os.environ, "DATABASE_URL": url}
    started = time.monotonic()
    steps = [["migrate", "--verbosity", "0"]]
    if fresh:
        steps.append(
            ["generate", "--homes", str(homes), "--years", "1", "--as-of", AS_OF, "--no-users"]
        )
    for args in steps:
        subprocess.run([str(TENANTRY), *args, "--skip-checks"], env=env, check=True, cwd=ROOT)
    print(f"set up in {time.monotonic() - started:.0f}s", file=sys.stderr)


def best_of(repeat: int, run) -> float:
    run()  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--homes", type=int, default=125_000)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's database")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = database_url(DATABASE)
    set_up(url, homes=args.homes, reuse=args.reuse)

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tenantry.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from tenantry.core.models import User
    from tenantry.core.permissions import Role
    from tenantry.homes.models import Home, Resident
    from tenantry.organisations.models import Organisation, RoleAssignment
    from tenantry.records import search
    from tenantry.records.models import Repair

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    landlord = Organisation.objects.get(slug="northbrook-council")
    tmo = (
        Organisation.objects.filter(landlord=landlord, agreements__coverage__isnull=False)
        .annotate(n=Count("agreements__coverage"))
        .order_by("-n")
        .first()
    )
    owned = Home.objects.filter(landlord=landlord, households__ended_on__isnull=True)
    home = owned.order_by("pk")[owned.count() // 2]
    surname = Resident.objects.filter(household__home=home).first().name.split()[-1]
    repair = Repair.objects.filter(organisation=landlord).order_by("pk").first()
    street = home.address.split()[-1]  # "Way", "Road", …: thousands of homes
    queries = [
        ("exact reference", home.reference),
        ("start of a reference", home.reference[:-2]),
        ("postcode", home.postcode.lower()),
        ("postcode, no space", home.postcode.replace(" ", "").lower()),
        ("address", home.address.split(",")[0]),
        ("surname", surname),
        ("street-wide word", street),
        ("repair reference", repair.reference),
    ]

    user, _ = User.objects.get_or_create(email="bench-search@example.org", name="Bench")
    for organisation in (landlord, tmo):
        role = Role.LANDLORD_OFFICER if organisation.is_landlord else Role.STAFF
        RoleAssignment.objects.get_or_create(user=user, organisation=organisation, role=role)
    client = Client()
    client.force_login(user)

    def lookup() -> None:
        Home.objects.filter(landlord=landlord, reference=home.reference).values_list(
            "pk", flat=True
        ).first()

    baseline = best_of(args.repeat, lookup)
    homes = Home.objects.filter(landlord=landlord).count()
    print(f"{homes:,} homes, {Repair.objects.count():,} repairs; best of {args.repeat}")
    print(f"baseline: a home by its exact reference (unique index) {baseline * 1000:.2f} ms")
    for organisation in (landlord, tmo):
        roles = frozenset({Role.LANDLORD_OFFICER if organisation.is_landlord else Role.STAFF})
        page_url = reverse("services:search", args=[organisation.slug])
        empty_page = best_of(args.repeat, lambda: client.get(page_url))  # noqa: B023
        print()
        print(f"{organisation.name}: the search page with nothing typed {empty_page * 1000:.1f} ms")
        print(f"{'search':<22}{'typed':<24}{'search ms':>10}{'× lookup':>10}"
              f"{'page ms':>10}{'× empty page':>14}   found")  # fmt: skip
        for label, query in queries:
            terms = search.Terms.read(query)

            def run(terms=terms, organisation=organisation, roles=roles) -> list:
                return search.search(organisation=organisation, roles=roles, terms=terms)

            found = run()
            took = best_of(args.repeat, run)
            page = best_of(args.repeat, lambda q=query: client.get(page_url, {"q": q}))  # noqa: B023
            shown = ", ".join(
                f"{group.slug} {len(group.found)}{'+' if group.more else ''}"
                for group in found
                if group.found
            )
            print(f"{label:<22}{query:<24}{took * 1000:>10.1f}{took / baseline:>9.0f}×"
                  f"{page * 1000:>10.1f}{page / empty_page:>13.1f}×   {shown}")  # fmt: skip


if __name__ == "__main__":
    main()
