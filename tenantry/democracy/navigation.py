from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS: list = [
    Section(56, _("Meetings"), "democracy:meetings", can.can_view_meetings),
]
