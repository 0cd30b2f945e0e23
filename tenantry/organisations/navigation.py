from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can
from .models import Organisation

SECTIONS = [
    Section(
        80,
        _("Agreements"),
        "organisations:agreements",
        can.can_view_agreements,
        used_by=Organisation.manages_homes,
    ),  # fmt: skip
    Section(90, _("People"), "organisations:people", can.can_view_people),
    Section(100, _("History"), "organisations:history", can.can_view_history),
    Section(110, _("About"), "organisations:detail", can.can_view_organisation),
]
