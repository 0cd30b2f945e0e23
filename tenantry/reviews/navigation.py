from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS = [
    # After meetings (56), where a review's decisions are taken, and before ballots (60).
    Section(58, _("Reviews"), "reviews:reviews", can.can_view_reviews),
]
