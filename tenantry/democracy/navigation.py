from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS: list = [
    Section(60, _("Ballots"), "democracy:ballots", can.can_view_ballots),
]
