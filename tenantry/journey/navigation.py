"""What the journey adds to an organisation's menu: its training, for those who run it."""

from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section

from . import permissions as can

SECTIONS = [
    Section(58, _("Training"), "training:courses", can.can_keep_training),
]
