"""The management allowance: the year's budget lines against actual spend by service and
quarter, with cost per home beside the landlord's; entering and importing actuals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import paging
from tenantry.core.forms import add_errors, form_status
from tenantry.core.periods import financial_year, financial_year_of, read_year, years_offered
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import DelegatedService
from tenantry.organisations.selectors import services_delegated_to

from .. import allowance_services as services
from .. import permissions as can
from .. import selectors
from ..forms import ActualForm, ImportForm, LinesForm, YearForm
from ..models import Actual, AllowanceLine, Budget, BudgetKind, LandlordCost
from .common import PAGE_SIZE, budget_in, form_page


def _year(request: OrgRequest) -> int:
    """The financial year asked for by `?year=2025` (or "2025/26"); this one otherwise."""
    today = timezone.localdate()
    try:
        return read_year(request.GET.get("year"), today=today).start.year
    except ValueError:
        return financial_year_of(today).start.year


def _services(organisation) -> list[str]:
    """The services offered for budget lines: those delegated to the organisation now, or all
    of them if it has no agreement in force."""
    delegated = services_delegated_to(organisation=organisation)
    return [s for s in DelegatedService.values if not delegated or s in delegated]


def allowance_page(request: OrgRequest, budget: Budget) -> HttpResponse:
    year = _year(request)
    today = timezone.localdate()
    report = selectors.allowance_report(budget=budget, year=year)
    years = years_offered(today=today, ahead=1, not_before=budget.opened_on)
    return render(
        request,
        "budgets/allowance.html",
        {
            "budget": budget,
            "report": report,
            "years": years,
            "year": year,
            "quarter_labels": ["Q1", "Q2", "Q3", "Q4"],
        },
    )


@organisation_view(can.can_keep_allowance)
def lines(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.MANAGEMENT_ALLOWANCE)
    year = _year(request)
    offered = _services(request.organisation)
    stored = dict(
        AllowanceLine.objects.filter(budget=budget, year=year).values_list("service", "amount")
    )
    offered += [s for s in stored if s not in offered]
    form = LinesForm(request.POST or None, services=offered, initial=stored)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_lines(
                budget=budget, year=year, amounts=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The budget lines are saved."))
            response = redirect("budgets:budget", request.organisation.slug, budget.pk)
            response["Location"] += f"?year={year}"
            return response
    label = financial_year(year).label
    return form_page(
        request,
        form,
        heading=_("Budget lines for %(year)s") % {"year": label},
        button=_("Save the budget lines"),
        caption=budget.name,
        intro=_("What the allowance plans to spend on each service in the year. Leave a service "
                "empty if the allowance pays nothing towards it."),
        back=("budgets:budget", (budget.pk,), budget.name),
    )  # fmt: skip


@organisation_view(can.can_view_allowance)
def actuals(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.MANAGEMENT_ALLOWANCE)
    found = Actual.objects.filter(budget=budget).order_by("-on", "-pk")
    page = paging.page_of(found, request.GET, per_page=PAGE_SIZE)
    return render(request, "budgets/actuals.html", {"budget": budget, "page": page})


@organisation_view(can.can_keep_allowance)
def add_actual(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.MANAGEMENT_ALLOWANCE)
    form = ActualForm(request.POST or None, instance=Actual(budget=budget))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_actual(actual=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The spend is added."))
            return redirect("budgets:actuals", request.organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Add actual spend"),
        button=_("Add the spend"),
        caption=budget.name,
        back=("budgets:actuals", (budget.pk,), _("Actual spend")),
    )


@organisation_view(can.can_keep_allowance)
def import_actuals(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.MANAGEMENT_ALLOWANCE)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = services.import_actuals(
            budget=budget,
            stream=upload,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
            by=request.user,
        )
        if outcome.accepted and not outcome.dry_run:
            messages.success(
                request,
                _("The file is imported: %(created)s added, %(updated)s changed, %(unchanged)s "
                  "unchanged.") % {
                    "created": outcome.created, "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                },
            )  # fmt: skip
            return redirect("budgets:actuals", request.organisation.slug, budget.pk)
    status = 400 if outcome is not None and not outcome.accepted else form_status(form)
    return render(
        request,
        "budgets/import.html",
        {"form": form, "budget": budget, "outcome": outcome, "services": DelegatedService.choices},
        status=status,
    )


@organisation_view(can.can_give_landlord_costs)
def landlord_costs(request: OrgRequest) -> HttpResponse:
    landlord = request.organisation.landlord
    if landlord is None:
        landlord = request.organisation
    today = timezone.localdate()
    year_form = YearForm(request.GET or None, today=today, ahead=1)
    year = year_form.cleaned_data["year"] if year_form.is_valid() else financial_year_of(
        today).start.year  # fmt: skip
    stored = dict(
        LandlordCost.objects.filter(landlord=landlord, year=year).values_list(
            "service", "cost_per_home"
        )
    )
    form = LinesForm(request.POST or None, services=list(DelegatedService.values), initial=stored)
    for field in form.fields.values():
        field.max_digits = 10
    if request.method == "POST" and form.is_valid():
        try:
            for service, cost in form.cleaned_data.items():
                if cost is not None:
                    services.save_landlord_cost(
                        landlord=landlord, year=year, service=service, cost_per_home=cost,
                        by=request.user,
                    )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The landlord's costs per home are saved."))
            return redirect("budgets:budgets", request.organisation.slug)
    return render(
        request,
        "budgets/landlord_costs.html",
        {"form": form, "year_form": year_form, "year": year, "landlord": landlord},
        status=form_status(form),
    )


urlpatterns = [
    path("budgets/<int:pk>/lines/", lines, name="allowance-lines"),
    path("budgets/<int:pk>/actuals/", actuals, name="actuals"),
    path("budgets/<int:pk>/actuals/new/", add_actual, name="add-actual"),
    path("budgets/<int:pk>/actuals/import/", import_actuals, name="import-actuals"),
    path("budgets/landlord-costs/", landlord_costs, name="landlord-costs"),
]
