from django.core.management.base import BaseCommand, CommandError

from tenantry.indicators.services.recalculation import recalculate_everything
from tenantry.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Work out again every stored result of an organisation that comes from its records, "
        "for every period it has figures for (see docs/indicators.md, 'Keeping figures in step "
        "with the records')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organisation's short name (slug)")

    def handle(self, *args, org: str, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation is called {org!r}.")
        done = recalculate_everything(organisation=organisation)
        self.stdout.write(f"{done} figures of {organisation} were worked out again.")
