from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can
from .selectors_directory import waiting_for_host


def in_control(organisation: Organisation) -> bool:
    """Only an organisation that runs services has a directory page and hosts visits."""
    return organisation.kind in Organisation.MANAGING_KINDS


SECTIONS = [
    # After People (90): the organisation's face to groups on the road to tenant control.
    Section(
        95,
        _("Visits and directory"),
        "directory:visits",
        can.can_host_visits,
        used_by=in_control,
        count=waiting_for_host,
    ),
]
