from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can

SECTIONS = [
    # A survey asks the households of the organisation's homes: one that manages none has
    # none to ask.
    Section(
        50,
        _("Surveys"),
        "surveys:surveys",
        can.can_view_surveys,
        used_by=Organisation.manages_homes,
    ),  # fmt: skip
]
