"""`{% figures_owed organisation roles %}`: on an organisation's or a landlord's home page, what
the monitoring schedule makes due, for those who send the figures or decide on them; and
`{% target_changes_waiting organisation roles %}`, the changes to agreed targets waiting for
them."""

from django import template
from django.utils import timezone

from tenantry.core.periods import financial_year_of
from tenantry.indicators import permissions as can
from tenantry.organisations.selectors import current_agreement

from ..models import Intervention, Submission
from ..schedule import STATE_TAGS, outstanding
from ..target_tracking import proposals_waiting_for

register = template.Library()


@register.inclusion_tag("indicators/monitoring_panel.html")
def figures_owed(organisation, roles) -> dict:
    if not can.can_view_submissions(roles):
        return {"show": False}
    today = timezone.localdate()
    if organisation.is_landlord:
        if not can.can_view_portfolio(roles):
            return {"show": False}
        return {
            "show": True,
            "landlord": True,
            "organisation": organisation,
            "awaiting": Submission.objects.filter(
                agreement__landlord=organisation, status=Submission.Status.SUBMITTED
            ).count(),
            "open_steps": Intervention.objects.filter(
                agreement__landlord=organisation, ended_on__isnull=True
            ).count(),
        }
    agreement = current_agreement(organisation=organisation, on=today)
    if agreement is None:
        return {"show": False}
    owed = outstanding(agreement=agreement, today=today)
    return {
        "show": True,
        "landlord": False,
        "organisation": organisation,
        "agreement": agreement,
        "owed": [
            {
                "due": due,
                "year": financial_year_of(due.period.start).label,
                "tag": {"text": STATE_TAGS[due.state][0], "colour": STATE_TAGS[due.state][1]},
            }
            for due in owed
        ],
    }


@register.inclusion_tag("indicators/target_changes_panel.html")
def target_changes_waiting(organisation, roles) -> dict:
    """`{% target_changes_waiting organisation roles %}`: changes to agreed targets waiting
    for this side to agree or decline — the landlord's officers on the landlord's home page,
    the committee on the organisation's."""
    if not can.can_view_target_proposals(roles):
        return {"show": False}
    side = can.side_of(roles)
    if side == "landlord" and not organisation.is_landlord:
        return {"show": False}  # the landlord decides from its own home page
    waiting = proposals_waiting_for(organisation=organisation, side=side)
    return {"show": bool(waiting), "organisation": organisation, "waiting": waiting}
