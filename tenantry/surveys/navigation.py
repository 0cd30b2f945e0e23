from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.core.permissions import Roles
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import can_view_management

from . import permissions as can


def _lives_there_only(roles: Roles) -> bool:
    # Those who run the organisation reach their household's surveys from their home page.
    return can.can_answer_as_resident(roles) and not can_view_management(roles)


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
    Section(75, _("Your surveys"), "surveys:my-surveys", _lives_there_only),
]
