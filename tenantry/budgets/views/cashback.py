"""Community Cashback: the services taken over, each year's saving, and the budget they make."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors
from tenantry.core.periods import financial_year_of, years_offered
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import cashback_services as services
from .. import ledger
from .. import permissions as can
from ..forms import CashbackServiceForm, YearForm
from ..models import Budget, BudgetKind, CashbackCredit, CashbackService
from .common import budget_in, form_page


def cashback_page(request: OrgRequest, budget: Budget) -> HttpResponse:
    today = timezone.localdate()
    taken_over = list(CashbackService.objects.filter(budget=budget))
    credited = {
        (c.service_id, c.year): c
        for c in CashbackCredit.objects.filter(service__budget=budget).select_related("entry")
    }
    last_year = financial_year_of(today).start.year - 1
    years = [
        p.start.year
        for p in years_offered(today=today, not_before=budget.opened_on)
        if p.start.year <= last_year
    ]
    rows = []
    for service in taken_over:
        savings = []
        for year in years:
            credit = credited.get((service.pk, year))
            savings.append(
                (
                    year,
                    credit.entry.amount if credit else services.saving_for(service, year),
                    credit,
                )
            )
        rows.append((service, savings))
    return render(
        request,
        "budgets/cashback.html",
        {
            "budget": budget,
            "balance": ledger.balance(budget),
            "rows": rows,
            "years": years,
        },
    )


@organisation_view(can.can_keep_budgets)
def add_service(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.CASHBACK)
    form = CashbackServiceForm(request.POST or None, instance=CashbackService(budget=budget))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service(service=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The service is added."))
            return redirect("budgets:budget", request.organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Add a service taken over"),
        button=_("Add the service"),
        caption=budget.name,
        intro=_(
            "What the service cost the landlord a year before the community took it over, and "
            "what it costs the community now: the difference stays with the community."
        ),
        back=("budgets:budget", (budget.pk,), budget.name),
    )


@organisation_view(can.can_keep_budgets)
def credit(request: OrgRequest, pk: int, service: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.CASHBACK)
    found = object_in(
        request.organisation, CashbackService, via="budget__organisation", pk=service,
        budget=budget,
    )  # fmt: skip
    today = timezone.localdate()
    form = YearForm(request.POST or None, today=today, not_before=found.taken_over_on)
    if request.method == "POST" and form.is_valid():
        try:
            services.credit_year(
                service=found, year=form.cleaned_data["year"], today=today, by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The year's saving is paid in."))
            return redirect("budgets:budget", request.organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Pay in a year's saving"),
        button=_("Pay in the saving"),
        caption=str(found),
        back=("budgets:budget", (budget.pk,), budget.name),
    )


urlpatterns = [
    path("budgets/<int:pk>/services/new/", add_service, name="add-cashback-service"),
    path("budgets/<int:pk>/services/<int:service>/credit/", credit, name="credit-cashback"),
]
