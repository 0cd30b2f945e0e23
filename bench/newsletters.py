"""A newsletter sent to 1,000 and to 10,000 members: the request that sends it, the task's work,
and the same emails sent the way one-off emails are (the baseline), in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        nice .venv/bin/python bench/newsletters.py [--sizes 1000 10000] [--reuse]

Sets up its own database (`tenantry_bench_newsletters` on the same server: dropped and made
afresh unless --reuse), migrated, then for each size an organisation with that many members,
each in a household of their own: nine in ten with an email address, one in twenty writing in
Welsh, one in thirty in large print. Emails go to Django's in-memory mailer, so the figures are
Tenantry's work (rendering, the database), not a mail server's.

For each size it prints:

- **request**: the seconds `send_newsletter` takes and the queries it asks: what the "Send now"
  POST does besides the page's own queries. It must not grow with the audience.
- **task**: the seconds and queries of `sending_newsletters.run`: working out the audience,
  recording a delivery for each, and the emails in batches.
- **baseline**: the same emails, rendered and sent one at a time through `core/email.py`
  `send_now` (the `deliver_email` task per email, run in the process): how a meeting's notice
  goes out.
- the peak resident memory of the process so far.
"""

import argparse
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
NAME = "tenantry_bench_newsletters"


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_database(reuse: bool) -> bool:
    """Whether the database was made afresh (and so needs migrating)."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [NAME]).fetchone()
        if exists and reuse:
            return False
        conn.execute(f'DROP DATABASE IF EXISTS "{NAME}"')
        conn.execute(f'CREATE DATABASE "{NAME}"')
    return True


def setup_django() -> None:
    os.environ["DATABASE_URL"] = database_url(NAME)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tenantry.settings"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ.setdefault("TENANTRY_DATA_DIR", "/tmp/tenantry_bench_newsletters")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def members_of(size: int):
    """An organisation with `size` members, each in a household of their own."""
    from tenantry.democracy.models import Membership
    from tenantry.homes.models import Estate, Home, Household, Resident
    from tenantry.organisations.models import Organisation

    slug = f"bench-{size}-{int(time.time())}"
    landlord, _made = Organisation.objects.get_or_create(
        slug="bench-landlord",
        defaults={"name": "Bench Council", "kind": Organisation.Kind.COUNCIL},
    )
    organisation = Organisation.objects.create(
        name=f"Bench TMO {size:,}", slug=slug, kind=Organisation.Kind.TMO, landlord=landlord
    )
    estate = Estate.objects.create(landlord=landlord, name=f"Bench {size}", reference=slug)
    homes = Home.objects.bulk_create(
        Home(
            landlord=landlord,
            estate=estate,
            reference=f"{slug}-{n}",
            address=f"{n + 1} Bench Road",
            postcode="BE1 1NC",
            home_type="flat",
            bedrooms=2,
            tenure="secure",
            stock_type="lcra",
        )
        for n in range(size)
    )
    households = Household.objects.bulk_create(
        Household(home=home, reference=f"{slug}-t{n}", started_on=date(2015, 1, 1))
        for n, home in enumerate(homes)
    )
    residents = Resident.objects.bulk_create(
        Resident(
            household=household,
            name=f"Member {n}",
            email="" if n % 10 == 0 else f"member{n}@example.org",
            language="cy" if n % 20 == 1 else "en",
            needs_large_print=n % 30 == 2,
            is_lead_tenant=True,
        )
        for n, household in enumerate(households)
    )
    Membership.objects.bulk_create(
        Membership(
            organisation=organisation,
            resident=resident,
            household=resident.household,
            number=n + 1,
            status="member",
            joined_by="paper",
            applied_on=date(2020, 1, 1),
            joined_on=date(2020, 2, 1),
        )
        for n, resident in enumerate(residents)
    )
    return organisation


def newsletter_for(organisation):
    from tenantry.reports.newsletters import Newsletter, NewsletterItem

    newsletter = Newsletter.objects.create(
        organisation=organisation,
        title="Autumn 2026",
        intro="News from your estate.",
        audience=Newsletter.Audience.MEMBERS,
    )
    for n in range(4):
        NewsletterItem.objects.create(
            newsletter=newsletter,
            position=n + 1,
            kind=NewsletterItem.Kind.TEXT,
            heading=f"Item {n + 1}",
            body="The new recycling bins arrive in October. " * 5,
        )
    return newsletter


def timed(work):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        work()
        seconds = time.perf_counter() - started
    return seconds, len(queries.captured_queries)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench(size: int) -> dict:
    from django.core import mail
    from django.core.mail.backends.locmem import EmailBackend

    from tenantry.core import email as emails
    from tenantry.reports import selectors_newsletters as selectors
    from tenantry.reports import sending_newsletters as sending
    from tenantry.reports import services_newsletters as services

    organisation = members_of(size)
    newsletter = newsletter_for(organisation)
    mail.outbox = []
    request = timed(lambda: services.send_newsletter(newsletter=newsletter, by=None, queue=False))
    task = timed(lambda: sending.run(newsletter.pk, mailer=EmailBackend(), prepare=False))
    progress = selectors.progress_of(newsletter)
    assert progress.emailed == len(mail.outbox), (progress, len(mail.outbox))

    # The baseline: the same emails one at a time, as one-off emails are sent.
    content = sending.Content(newsletter)
    deliveries = list(
        newsletter.deliveries.filter(channel="email").select_related("resident").order_by("pk")
    )
    messages = [
        sending.email_for(
            newsletter=newsletter,
            content=content,
            to=d.resident.email,
            name=d.resident.name,
            language=d.language,
            unsubscribe="https://example.org/unsubscribe/",
        )
        for d in deliveries
    ]
    mail.outbox = []
    baseline = timed(lambda: emails.send_now(messages))
    assert len(mail.outbox) == len(messages)
    return {
        "size": size,
        "emails": progress.emailed,
        "letters": progress.letters,
        "request": request,
        "task": task,
        "baseline": baseline,
        "peak_mb": peak_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    made = fresh_database(args.reuse)
    setup_django()
    if made:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    print(
        f"{'members':>8} {'emails':>7} {'letters':>7} | {'request s':>9} {'q':>3} | "
        f"{'task s':>7} {'q':>5} {'per email ms':>12} | {'baseline s':>10} {'per email ms':>12}"
        f" | {'peak MB':>7}"
    )
    for size in args.sizes:
        r = bench(size)
        (rs, rq), (ts, tq), (bs, _bq) = r["request"], r["task"], r["baseline"]
        print(
            f"{r['size']:>8,} {r['emails']:>7,} {r['letters']:>7,} | {rs:>9.3f} {rq:>3} | "
            f"{ts:>7.1f} {tq:>5} {1000 * ts / r['emails']:>12.2f} | {bs:>10.1f} "
            f"{1000 * bs / r['emails']:>12.2f} | {r['peak_mb']:>7.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
