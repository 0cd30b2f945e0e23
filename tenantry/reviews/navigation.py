from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can


def reviews_its_services(organisation: Organisation) -> bool:
    """Organisations that run services for a landlord review them (the Guide's Best Value
    reviews); a landlord, panel or association has none of its own to review here."""
    return organisation.kind in Organisation.MANAGING_KINDS


SECTIONS = [
    # After meetings (56), where a review's decisions are taken, and before ballots (60).
    Section(
        58, _("Reviews"), "reviews:reviews", can.can_view_reviews, used_by=reviews_its_services
    ),
]
