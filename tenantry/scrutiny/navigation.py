from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can
from . import report_selectors


def is_panel(organisation: Organisation) -> bool:
    """Only a scrutiny panel writes scrutiny reports."""
    return organisation.kind == Organisation.Kind.SCRUTINY_PANEL


def _overdue(organisation: Organisation) -> int:
    """Reports whose answers are overdue: shown beside the menu entry (one query)."""
    return report_selectors.overdue_count(organisation, timezone.localdate())


SECTIONS = [
    # After meetings (56) and reviews (58), before ballots (60).
    Section(
        59,
        _("Reports and answers"),
        "scrutiny:reports",
        can.can_read_scrutiny_record,
        used_by=is_panel,
        count=_overdue,
    ),
]
