from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.menu import Section
from tenantry.organisations.models import Organisation

from . import permissions as can
from . import report_selectors


def is_panel(organisation: Organisation) -> bool:
    return organisation.kind == Organisation.Kind.SCRUTINY_PANEL


# Whether a landlord has a panel is asked on every page its residents open, and changes when a
# panel is set up: it is kept this long (a new panel's menu entry may take as long to show).
PANEL_KNOWN_FOR = 600  # seconds


def has_a_panel(organisation: Organisation) -> bool:
    """Residents are offered to ask a panel only where their landlord has one."""
    if is_panel(organisation):
        return False
    landlord_id = organisation.pk if organisation.is_landlord else organisation.landlord_id
    return cache.get_or_set(
        f"scrutiny:has-a-panel:{landlord_id}",
        lambda: Organisation.objects.filter(
            kind=Organisation.Kind.SCRUTINY_PANEL, landlord_id=landlord_id
        ).exists(),
        PANEL_KNOWN_FOR,
    )


def _overdue(organisation: Organisation) -> int:
    """Reports whose answers are overdue: shown beside the menu entry (one query)."""
    return report_selectors.overdue_count(organisation, timezone.localdate())


def _lives_there_only(roles) -> bool:
    # Only those who live in the homes ask; a panel member uses the panel's own pages.
    return can.can_ask_for_a_topic(roles)


def waiting_topics(organisation: Organisation) -> int:
    from .models import TopicRequest, TopicStatus

    return TopicRequest.objects.filter(panel=organisation, status=TopicStatus.WAITING).count()


SECTIONS = [
    # A panel's own pages, after Performance (20) where its landlord's figures are.
    Section(
        22,
        _("Scrutiny reviews"),
        "scrutiny:programme",
        can.can_run_scrutiny,
        used_by=is_panel,
        count=waiting_topics,
    ),
    Section(24, _("Evidence"), "scrutiny:evidence", can.can_read_panel_evidence, used_by=is_panel),
    Section(
        25,
        _("Reports and answers"),
        "scrutiny:reports",
        can.can_read_scrutiny_record,
        used_by=is_panel,
        count=_overdue,
    ),
    Section(26, _("The panel"), "scrutiny:panel", can.can_run_scrutiny, used_by=is_panel),
    # The landlord follows its panels' reviews and answers their requests for evidence.
    Section(
        57,
        _("Scrutiny"),
        "scrutiny:followed-reviews",
        can.can_follow_scrutiny,
        used_by=Organisation.is_landlord.fget,
    ),
    Section(
        74, _("Ask the scrutiny panel"), "scrutiny:ask", _lives_there_only, used_by=has_a_panel
    ),
]
