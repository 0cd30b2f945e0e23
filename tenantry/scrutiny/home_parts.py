"""What the scrutiny app adds to a panel's home page: its reviews at each stage, the reports
whose answers are overdue, and the residents' topics waiting for a decision. The reports app's
overview reads `panel_work_part`; "overdue" is `report_selectors`'s rule."""

from datetime import date

from django.db.models import Count

from tenantry.core.permissions import Roles
from tenantry.organisations.models import Organisation

from .models import ScrutinyReview, ScrutinyStage
from .navigation import is_panel, waiting_topics
from .permissions import can_read_scrutiny_record
from .report_selectors import overdue_count


def panel_work_part(*, organisation: Organisation, roles: Roles, today: date) -> dict | None:
    """How many of the panel's reviews are at each stage, how many reports wait past their due
    date for the landlord's answers, and how many topics wait for the panel; None outside a
    panel or for someone who does not read its record (three queries)."""
    if not is_panel(organisation) or not can_read_scrutiny_record(roles):
        return None
    by_stage = dict(
        ScrutinyReview.objects.filter(panel=organisation)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .order_by()
    )
    under_way = sum(
        by_stage.get(stage, 0)
        for stage in (ScrutinyStage.SCOPING, ScrutinyStage.GATHERING, ScrutinyStage.REPORTING)
    )
    return {
        "under_way": under_way,
        "awaiting_answers": by_stage.get(ScrutinyStage.AWAITING_ANSWERS, 0),
        "overdue": overdue_count(organisation, today),
        "monitoring": by_stage.get(ScrutinyStage.MONITORING, 0),
        "closed": by_stage.get(ScrutinyStage.CLOSED, 0),
        "topics_waiting": waiting_topics(organisation),
    }
