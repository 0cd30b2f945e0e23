"""The organisation's budgets, each budget's page and its ledger: the entries with their
running balance, the workbook for the accountant, money in and out, and corrections."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tenantry.core import paging
from tenantry.core.exports import Sheet, xlsx_response
from tenantry.core.forms import add_errors
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import exports, selectors, services
from .. import permissions as can
from ..forms import MoneyInForm, OpenBudgetForm, ReverseForm, SpendForm
from ..models import BudgetKind, LedgerEntry
from .allowance import allowance_page
from .cashback import cashback_page
from .common import PAGE_SIZE, budget_in, form_page
from .estate import estate_page


@organisation_view(can.can_view_budgets)
def budgets(request: OrgRequest) -> HttpResponse:
    found = list(selectors.budgets_of(organisation=request.organisation))
    if not can.can_view_allowance(request.roles):
        found = [b for b in found if b.kind != BudgetKind.MANAGEMENT_ALLOWANCE]
    page = paging.page_of(found, request.GET, per_page=PAGE_SIZE)
    left = selectors.balances(list(page.object_list))
    rows = [(b, left[b.pk]) for b in page.object_list]
    return render(request, "budgets/budgets.html", {"page": page, "rows": rows})


@organisation_view(can.can_keep_budgets)
def open_budget(request: OrgRequest) -> HttpResponse:
    form = OpenBudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            budget = services.open_budget(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The budget is open."))
            return redirect("budgets:budget", request.organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Open a budget"),
        button=_("Open the budget"),
        back=("budgets:budgets", (), _("Budgets")),
        intro=_("An estate's delegated budget is opened from “Open an estate budget”."),
    )


@organisation_view(can.can_view_budgets)
def budget(request: OrgRequest, pk: int) -> HttpResponse:
    found = budget_in(request, pk)
    if found.kind == BudgetKind.MANAGEMENT_ALLOWANCE:
        return allowance_page(request, found)
    if found.kind == BudgetKind.ESTATE:
        return estate_page(request, found)
    if found.kind == BudgetKind.CASHBACK:
        return cashback_page(request, found)
    return redirect("budgets:ledger", request.organisation.slug, found.pk)


@organisation_view(can.can_view_budgets)
def ledger(request: OrgRequest, pk: int) -> HttpResponse:
    found = budget_in(request, pk)
    entries = LedgerEntry.objects.filter(budget=found).select_related("reversed_by")
    page = paging.page_of(entries.order_by("on", "pk"), request.GET, per_page=PAGE_SIZE)
    lines = selectors.ledger_lines(budget=found, entries=list(page.object_list))
    totals = exports.ledger_totals(found)
    return render(
        request,
        "budgets/ledger.html",
        {
            "budget": found,
            "page": page,
            "lines": lines,
            "totals": totals,
            "direct": found.kind in services.DIRECT_KINDS,
        },
    )


@organisation_view(can.can_export_ledger)
def ledger_workbook(request: OrgRequest, pk: int) -> HttpResponse:
    found = budget_in(request, pk)
    sheets: list[Sheet] = exports.ledger_sheets(found)
    return xlsx_response(sheets, exports.ledger_filename(found))


@organisation_view(can.can_keep_budgets)
def spend(request: OrgRequest, pk: int) -> HttpResponse:
    found = budget_in(request, pk)
    if found.kind not in services.DIRECT_KINDS:
        raise Http404
    form = SpendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_spend(budget=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The spend is in the ledger."))
            return redirect("budgets:ledger", request.organisation.slug, found.pk)
    return form_page(
        request,
        form,
        heading=_("Record spend"),
        button=_("Record the spend"),
        caption=found.name,
        back=("budgets:ledger", (found.pk,), _("Ledger")),
    )


@organisation_view(can.can_keep_budgets)
def money_in(request: OrgRequest, pk: int) -> HttpResponse:
    found = budget_in(request, pk)
    if found.kind not in services.DIRECT_KINDS:
        raise Http404
    form = MoneyInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_money_in(budget=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The money is in the ledger."))
            return redirect("budgets:ledger", request.organisation.slug, found.pk)
    return form_page(
        request,
        form,
        heading=_("Record money in"),
        button=_("Record the money"),
        caption=found.name,
        back=("budgets:ledger", (found.pk,), _("Ledger")),
    )


@require_http_methods(["GET", "POST"])
@organisation_view(can.can_keep_budgets)
def reverse_entry(request: OrgRequest, pk: int, entry: int) -> HttpResponse:
    found = budget_in(request, pk)
    wrong = object_in(request.organisation, LedgerEntry, via="budget__organisation", pk=entry,
                      budget=found)  # fmt: skip
    form = ReverseForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.reverse_entry(entry=wrong, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The entry is reversed."))
            return redirect("budgets:ledger", request.organisation.slug, found.pk)
    return form_page(
        request,
        form,
        heading=_("Reverse an entry"),
        button=_("Reverse the entry"),
        caption=f"{wrong.on:%d/%m/%Y} {wrong.description}",
        intro=_(
            "Entries are never changed: a mistake is put right by an entry for the opposite "
            "amount, so the ledger keeps both."
        ),
        back=("budgets:ledger", (found.pk,), _("Ledger")),
    )


urlpatterns = [
    path("budgets/", budgets, name="budgets"),
    path("budgets/new/", open_budget, name="open-budget"),
    path("budgets/<int:pk>/", budget, name="budget"),
    path("budgets/<int:pk>/ledger/", ledger, name="ledger"),
    path("budgets/<int:pk>/ledger.xlsx", ledger_workbook, name="ledger-workbook"),
    path("budgets/<int:pk>/spend/", spend, name="spend"),
    path("budgets/<int:pk>/money-in/", money_in, name="money-in"),
    path("budgets/<int:pk>/ledger/<int:entry>/reverse/", reverse_entry, name="reverse-entry"),
]
