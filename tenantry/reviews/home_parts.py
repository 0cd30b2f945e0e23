"""What the reviews app adds to the committee's overview (the organisation's home page): the
improvement plans' actions past their due date, oldest first. The reports app's overview reads
`late_actions_part`; lateness itself is `reviews.progress`'s rule."""

from datetime import date

from tenantry.core.permissions import Roles
from tenantry.organisations.models import Organisation

from .permissions import can_view_reviews
from .plan_selectors import late_actions

SHOWN = 5


def late_actions_part(*, organisation: Organisation, roles: Roles, today: date) -> dict | None:
    """The late actions to show (at most five) and how many there are; None when there are
    none or the person does not read reviews (two queries)."""
    if not can_view_reviews(roles):
        return None
    late = late_actions(organisation=organisation, today=today)
    shown = list(late[:SHOWN])
    if not shown:
        return None
    total = len(shown) if len(shown) < SHOWN else late.count()
    for action in shown:
        action.days_late = (today - action.due_on).days
    return {"actions": shown, "total": total, "more": total - len(shown)}
