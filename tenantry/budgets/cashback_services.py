"""Community Cashback: services the organisation has taken over from the landlord, and each
year's saving against the landlord's cost paid into the community's own budget (budgets/
figures.py `cashback_saving`). Spent like any budget (services.record_spend)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.figures import money_text
from tenantry.core.models import User
from tenantry.core.periods import financial_year
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from . import figures, ledger
from . import permissions as can
from .models import Budget, BudgetKind, CashbackCredit, CashbackService, EntryKind

Action = AuditEntry.Action


@transaction.atomic
def save_service(*, service: CashbackService, by: User | None) -> CashbackService:
    """Record a service the community has taken over, with the landlord's yearly cost of it
    and the community's."""
    budget = service.budget
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    if budget.kind != BudgetKind.CASHBACK:
        raise ValidationError(_("This is not a Community Cashback budget"))
    created = service.pk is None
    if not created and service.credits.exists():
        raise ValidationError(
            _("A saving has been paid in for this service: its costs can no longer be changed")
        )
    service.full_clean()
    service.save()
    record_change(
        organisation=budget.organisation,
        by=by,
        action=Action.CREATED if created else Action.CHANGED,
        what=_("Community Cashback: %(service)s") % {"service": service},
    )
    return service


def saving_for(service: CashbackService, year: int):
    """The saving the community keeps on `service` for the financial year starting in `year`."""
    return figures.cashback_saving(
        landlord_cost=service.landlord_cost,
        community_cost=service.community_cost,
        taken_over_on=service.taken_over_on,
        year=financial_year(year),
    )


@transaction.atomic
def credit_year(*, service: CashbackService, year: int, today, by: User | None) -> CashbackCredit:
    """Pay a year's saving on a service into the Cashback budget, dated the year's last day:
    once the year is over, once a year."""
    budget: Budget = service.budget
    require(can.can_keep_budgets, user=by, organisation=budget.organisation)
    Budget.objects.select_for_update().get(pk=budget.pk)
    period = financial_year(year)
    if today <= period.end:
        raise ValidationError({"year": _("A year's saving is paid in after the year ends")})
    if CashbackCredit.objects.filter(service=service, year=year).exists():
        raise ValidationError({"year": _("This year's saving has already been paid in")})
    amount = saving_for(service, year)
    if amount <= 0:
        raise ValidationError({"year": _("There is no saving on this service for that year")})
    entry = ledger.add_entry(
        budget=budget,
        on=period.end,
        kind=EntryKind.SAVING,
        description=_(
            "Saving on %(service)s in %(year)s: £%(landlord)s a year to the landlord, "
            "£%(community)s a year to the community"
        )
        % {
            "service": service,
            "year": period.label,
            "landlord": money_text(service.landlord_cost),
            "community": money_text(service.community_cost),
        },
        amount=amount,
        by=by,
    )
    return CashbackCredit.objects.create(service=service, year=year, entry=entry)
