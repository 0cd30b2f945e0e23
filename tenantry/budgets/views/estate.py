"""Delegated estate budgets: the budget with its rules, years and bids; opening one, changing
its rules, allocating and closing a year; a bid put in, decided, paid and completed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import paging
from tenantry.core.forms import add_errors
from tenantry.core.models import User
from tenantry.core.periods import financial_year_of
from tenantry.core.permissions import LIVES_THERE
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.records.selectors.finding import estates_for_filter

from .. import estate_services as services
from .. import ledger
from .. import permissions as can
from ..forms import (
    BidForm,
    CompleteForm,
    DecideForm,
    EstateBudgetForm,
    PayForm,
    RulesForm,
    YearForm,
)
from ..models import Bid, BidStatus, Budget, BudgetKind, EstateRules, EstateYear
from .common import PAGE_SIZE, budget_in, form_page


def _people(organisation):
    """Those who may be an estate's representatives: people who live in its homes."""
    return (
        User.objects.filter(
            role_assignments__organisation=organisation, role_assignments__role__in=LIVES_THERE
        )
        .distinct()
        .order_by("name")
    )


def _bid(request: OrgRequest, pk: int, bid: int) -> Bid:
    return object_in(
        request.organisation,
        Bid.objects.select_related("budget", "budget__estate"),
        via="budget__organisation",
        pk=bid,
        budget_id=pk,
        budget__kind=BudgetKind.ESTATE,
    )


def estate_page(request: OrgRequest, budget: Budget) -> HttpResponse:
    rules = EstateRules.objects.prefetch_related("representatives").get(budget=budget)
    page = paging.page_of(services.bids_of(budget), request.GET, per_page=PAGE_SIZE)
    return render(
        request,
        "budgets/estate.html",
        {
            "budget": budget,
            "rules": rules,
            "balance": ledger.balance(budget),
            "committed": services.committed(budget),
            "years": list(EstateYear.objects.filter(budget=budget).select_related("allocation")),
            "page": page,
        },
    )


@organisation_view(can.can_keep_budgets)
def open_estate_budget(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    form = EstateBudgetForm(
        request.POST or None,
        estates=estates_for_filter(organisation=organisation),
        people=_people(organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            budget = services.open_estate_budget(
                organisation=organisation,
                estate=data["estate"],
                name=data["name"],
                opened_on=data["opened_on"],
                rules=form.save(commit=False),
                representatives=data["representatives"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The estate budget is open. Allocate its first year."))
            return redirect("budgets:budget", organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Open an estate budget"),
        button=_("Open the budget"),
        intro=_("A ring-fenced budget for one estate, and the rules its money is spent by."),
        back=("budgets:budgets", (), _("Budgets")),
    )


@organisation_view(can.can_keep_budgets)
def rules(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.ESTATE)
    found = EstateRules.objects.get(budget=budget)
    form = RulesForm(request.POST or None, instance=found, people=_people(request.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rules(
                rules=form.save(commit=False),
                representatives=form.cleaned_data["representatives"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The rules are saved."))
            return redirect("budgets:budget", request.organisation.slug, budget.pk)
    return form_page(
        request,
        form,
        heading=_("Change the rules"),
        button=_("Save the rules"),
        caption=budget.name,
        back=("budgets:budget", (budget.pk,), budget.name),
    )


def _year_action(request: OrgRequest, pk: int, *, close: bool) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.ESTATE)
    today = timezone.localdate()
    form = YearForm(
        request.POST or None, today=today, ahead=0 if close else 1, not_before=budget.opened_on
    )
    if not close:
        form.fields["year"].initial = financial_year_of(today).start.year
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        try:
            if close:
                services.close_year(budget=budget, year=year, today=today, by=request.user)
            else:
                services.allocate_year(budget=budget, year=year, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("The year is closed.") if close else _("The year's allocation is in.")
            )
            return redirect("budgets:budget", request.organisation.slug, budget.pk)
    if close:
        heading, button = _("Close a year"), _("Close the year")
        intro = _(
            "What is unspent on 31 March goes back, and what the rules let the estate keep is "
            "carried into the next year."
        )
    else:
        heading, button = _("Allocate a year"), _("Allocate the year")
        intro = _("The amount per home times the homes on the estate, paid in on 1 April.")
    return form_page(
        request,
        form,
        heading=heading,
        button=button,
        caption=budget.name,
        intro=intro,
        back=("budgets:budget", (budget.pk,), budget.name),
    )


@organisation_view(can.can_keep_budgets)
def allocate(request: OrgRequest, pk: int) -> HttpResponse:
    return _year_action(request, pk, close=False)


@organisation_view(can.can_keep_budgets)
def close(request: OrgRequest, pk: int) -> HttpResponse:
    return _year_action(request, pk, close=True)


@organisation_view(can.can_bid)
def add_bid(request: OrgRequest, pk: int) -> HttpResponse:
    budget = budget_in(request, pk, BudgetKind.ESTATE)
    form = BidForm(
        request.POST or None,
        instance=Bid(budget=budget),
        initial={"submitted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            found = services.submit_bid(bid=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The bid is in."))
            return redirect("budgets:bid", request.organisation.slug, budget.pk, found.pk)
    return form_page(
        request,
        form,
        heading=_("Make a bid"),
        button=_("Make the bid"),
        caption=budget.name,
        back=("budgets:budget", (budget.pk,), budget.name),
    )


@organisation_view(can.can_view_budgets)
def bid(request: OrgRequest, pk: int, bid: int) -> HttpResponse:
    found = _bid(request, pk, bid)
    payments = found.payments.select_related("entry", "entry__reversed_by").order_by(
        "entry__on", "pk"
    )
    return render(
        request,
        "budgets/bid.html",
        {
            "bid": found,
            "budget": found.budget,
            "payments": payments,
            "may_decide": found.status == BidStatus.SUBMITTED
            and services.may_decide(found, request.user),
        },
    )


@organisation_view(can.can_view_budgets)
def bid_photo(request: OrgRequest, pk: int, bid: int) -> HttpResponse:
    found = _bid(request, pk, bid)
    if not found.completion_photo:
        raise Http404
    return FileResponse(found.completion_photo.open("rb"), content_type="image/jpeg")


@organisation_view(can.can_decide_bids)
def decide(request: OrgRequest, pk: int, bid: int) -> HttpResponse:
    found = _bid(request, pk, bid)
    if not services.may_decide(found, request.user):
        raise PermissionDenied
    form = DecideForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_bid(bid=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("budgets:bid", request.organisation.slug, pk, found.pk)
    return form_page(
        request,
        form,
        heading=_("Decide the bid"),
        button=_("Record the decision"),
        caption=found.title,
        back=("budgets:bid", (pk, found.pk), found.title),
    )


@organisation_view(can.can_keep_budgets)
def pay(request: OrgRequest, pk: int, bid: int) -> HttpResponse:
    found = _bid(request, pk, bid)
    form = PayForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.pay_bid(bid=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The payment is in the ledger."))
            return redirect("budgets:bid", request.organisation.slug, pk, found.pk)
    return form_page(
        request,
        form,
        heading=_("Record a payment"),
        button=_("Record the payment"),
        caption=found.title,
        back=("budgets:bid", (pk, found.pk), found.title),
    )


@organisation_view(can.can_keep_budgets)
def complete(request: OrgRequest, pk: int, bid: int) -> HttpResponse:
    found = _bid(request, pk, bid)
    form = CompleteForm(
        request.POST or None, request.FILES or None, initial={"on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_bid(bid=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The bid is completed."))
            return redirect("budgets:bid", request.organisation.slug, pk, found.pk)
    return form_page(
        request,
        form,
        heading=_("Complete the bid"),
        button=_("Complete the bid"),
        caption=found.title,
        back=("budgets:bid", (pk, found.pk), found.title),
    )


urlpatterns = [
    path("budgets/estates/new/", open_estate_budget, name="open-estate-budget"),
    path("budgets/<int:pk>/rules/", rules, name="estate-rules"),
    path("budgets/<int:pk>/allocate/", allocate, name="allocate-year"),
    path("budgets/<int:pk>/close-year/", close, name="close-year"),
    path("budgets/<int:pk>/bids/new/", add_bid, name="add-bid"),
    path("budgets/<int:pk>/bids/<int:bid>/", bid, name="bid"),
    path("budgets/<int:pk>/bids/<int:bid>/photo.jpg", bid_photo, name="bid-photo"),
    path("budgets/<int:pk>/bids/<int:bid>/decide/", decide, name="decide-bid"),
    path("budgets/<int:pk>/bids/<int:bid>/pay/", pay, name="pay-bid"),
    path("budgets/<int:pk>/bids/<int:bid>/complete/", complete, name="complete-bid"),
]
