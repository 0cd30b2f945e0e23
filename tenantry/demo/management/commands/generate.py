import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tenantry.demo.generate import generate


class Command(BaseCommand):
    help = "Build a synthetic landlord: the same data for the same --seed and --as-of day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--homes", type=int, default=4000, help="number of homes (default 4000)"
        )
        parser.add_argument("--years", type=int, default=3, help="years of history (default 3)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=date.today(),
            help="the day it is generated for",
        )
        parser.add_argument("--no-users", action="store_true", help="do not create the demo logins")
        parser.add_argument(
            "--no-records", action="store_true", help="do not generate service records"
        )
        parser.add_argument(
            "--no-surveys",
            action="store_true",
            help="do not generate the managed organisations' surveys and their responses",
        )

    def handle(self, *args, homes, years, seed, as_of, no_users, no_records, no_surveys, **options):
        started = time.monotonic()
        try:
            summary = generate(
                homes=homes,
                years=years,
                seed=seed,
                as_of=as_of,
                demo_users=not no_users,
                records=not no_records,
                surveys=not no_surveys,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        # Fresh tables have no planner statistics until autovacuum gets round to them; without
        # them the first pages read a few hundred thousand rows with the wrong plans.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.organisations} organisations, {summary.estates:,} estates, "
                f"{summary.blocks:,} blocks, {summary.homes:,} homes, {summary.households:,} "
                f"households, {summary.residents:,} residents and {summary.equality_profiles:,} "
                f"equality profiles in {time.monotonic() - started:.1f}s."
            )
        )
