from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS = [
    Section(50, _("Surveys"), "surveys:surveys", can.can_view_surveys),
]
