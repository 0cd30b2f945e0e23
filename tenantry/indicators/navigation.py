from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS = [
    Section(20, _("Performance"), "indicators:performance", can.can_view_performance),
]
