from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenantry.demo.generate import DEMO_PASSWORD, DEMO_USERS, generate
from tenantry.demo.indicators import compute_demo_results
from tenantry.demo.online import (
    add_demo_answered_complaint,
    add_demo_reports,
    add_demo_resident_survey,
)
from tenantry.demo.surveys import add_demo_surveys
from tenantry.indicators.demo import add_demo_monitoring
from tenantry.organisations.models import Organisation


class Command(BaseCommand):
    help = "Set up the demo landlord (once) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--homes", type=int, default=4000)
        parser.add_argument(
            "--no-records", action="store_true", help="do not generate service records"
        )

    def handle(self, *args, homes, no_records, **options):
        call_command("migrate", verbosity=0)
        if not Organisation.objects.filter(slug="northbrook-council").exists():
            self.stdout.write("Generating the demo landlord (about a minute)…")
            generate(
                homes=homes,
                years=3,
                seed=1,
                as_of=date.today(),
                records=not no_records,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
            add_demo_surveys(progress=lambda message: self.stdout.write(f"  {message}"))
            add_demo_resident_survey(progress=lambda message: self.stdout.write(f"  {message}"))
            if not no_records:
                add_demo_reports(progress=lambda message: self.stdout.write(f"  {message}"))
                add_demo_answered_complaint()
                self.stdout.write("Working out the indicators…")
                landlord = Organisation.objects.get(slug="northbrook-council")
                stored = compute_demo_results(landlord=landlord, as_of=date.today())
                self.stdout.write(f"  {stored:,} results")
                add_demo_monitoring(landlord)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Tenantry demo: http://127.0.0.1:8000/"))
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        self.stdout.write(
            "(Residents can also ask for a sign-in code; it is printed in this terminal.)"
        )
        for email, name, slug, role in DEMO_USERS:
            self.stdout.write(f"  {role.label:<24} {email:<26} {name}, {slug}")
        self.stdout.write(f"  {'Site administrator':<24} {'admin@example.org':<26} /admin/")
