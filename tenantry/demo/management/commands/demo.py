from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenantry.demo.api_tokens import DEMO_TOKEN, DEMO_TOKEN_USER
from tenantry.demo.finish import finish_demo
from tenantry.demo.generate import DEMO_PASSWORD, DEMO_USERS, generate
from tenantry.demo.journey_groups import GROUP_CONTACT, GROUP_NAME
from tenantry.demo.network import ADVISER, NETWORK
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
            finish_demo(
                records=not no_records,
                progress=lambda message: self.stdout.write(f"  {message}"),
            )
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Tenantry demo: http://127.0.0.1:8000/"))
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        self.stdout.write(
            "(Residents can also ask for a sign-in code; it is printed in this terminal.)"
        )
        for email, name, slug, role in DEMO_USERS:
            self.stdout.write(f"  {role.label:<24} {email:<26} {name}, {slug}")
        self.stdout.write(f"  {'Site administrator':<24} {'admin@example.org':<26} /admin/")
        email, name = ADVISER
        self.stdout.write(f"  {'Network adviser':<24} {email:<26} {name}, {NETWORK}")
        email, name = GROUP_CONTACT
        self.stdout.write(f"  {'Tenant group member':<24} {email:<26} {name}, {GROUP_NAME}")
        self.stdout.write(f"The open API (docs/api.md), with {DEMO_TOKEN_USER}'s demo token:")
        self.stdout.write(
            f'  curl -H "Authorization: Bearer {DEMO_TOKEN}" '
            "http://127.0.0.1:8000/api/v1/organisations/kingsmead-tmo/repairs"
        )
