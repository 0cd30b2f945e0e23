from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS = [
    # After reviews (58), before ballots (60).
    Section(59, _("Budgets"), "budgets:budgets", can.can_view_budgets),
]
