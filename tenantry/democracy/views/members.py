from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core import exports as files
from tenantry.core import paging, query
from tenantry.core.forms import add_errors
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import exports, selectors, services
from .. import permissions as can
from ..constitution import pounds
from ..eligibility import eligibility
from ..forms import DecideForm, EndForm, KeyInApplicationForm, ShareForm
from ..models import Membership, MemberStatus

PAGE_SIZE = 50
register_view = organisation_view(can.can_view_register)
keeper_view = organisation_view(can.can_keep_register)


def _pence(amount) -> int | None:
    return None if amount is None else int(amount * 100)


@register_view
def register(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    status = query.text(request.GET, "status")
    if status not in MemberStatus.values:
        status = ""
    page = paging.page_of(
        selectors.register(organisation=organisation, status=status),
        request.GET,
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "democracy/register.html",
        {
            "page": page,
            "status": status,
            "statuses": MemberStatus.choices,
            "counts": selectors.status_counts(organisation=organisation),
            "shares": selectors.member_shares(organisation=organisation, day=today),
            "query": f"status={status}" if status else "",
            "may_export": can.can_export_register(request.roles),
        },
    )


@organisation_view(can.can_export_register)
def export_register(request: OrgRequest, fmt: str) -> HttpResponse:
    if fmt not in files.FORMATS:
        raise Http404
    rows = exports.register_rows(organisation=request.organisation)
    filename = f"{request.organisation.slug}-members"
    if fmt == "csv":
        return files.csv_response(rows, filename)
    return files.xlsx_response([(_("Members"), list(rows))], filename)


@register_view
def member(request: OrgRequest, pk: int) -> HttpResponse:
    membership = object_in(
        request.organisation,
        Membership.objects.select_related("resident", "household__home", "decided_by"),
        pk=pk,
    )
    context = {"membership": membership, "may_keep": can.can_keep_register(request.roles)}
    if membership.status == MemberStatus.APPLIED:
        context["check"] = eligibility(
            constitution=services.constitution_of(request.organisation),
            resident=membership.resident,
            day=timezone.localdate(),
            date_of_birth=membership.date_of_birth,
            ignore=membership,
        )
    context["share"] = pounds(membership.share_paid_pence)
    context["asks_share"] = services.constitution_of(request.organisation).share_pence
    return render(request, "democracy/member.html", context)


@keeper_view
def add_application(request: OrgRequest) -> HttpResponse:
    form = KeyInApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = selectors.resident_named(
            organisation=request.organisation,
            reference=data["home"],
            name=data["name"],
            day=data["applied_on"],
        )
        if resident is None:
            form.add_error(
                "name",
                _("Nobody of that name lived at that home on the day they applied: check both"),
            )
        else:
            try:
                membership = services.apply_for_membership(
                    organisation=request.organisation,
                    by=request.user,
                    resident=resident,
                    joined_by=data["joined_by"],
                    applied_on=data["applied_on"],
                    date_of_birth=data["date_of_birth"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("The application is recorded."))
                return redirect("democracy:member", request.organisation.slug, membership.pk)
    return render(request, "democracy/add_application.html", {"form": form})


@keeper_view
def decide_member(request: OrgRequest, pk: int) -> HttpResponse:
    membership = object_in(request.organisation, Membership, pk=pk)
    if membership.status != MemberStatus.APPLIED:
        return redirect("democracy:member", request.organisation.slug, membership.pk)
    constitution = services.constitution_of(request.organisation)
    initial = {"on": timezone.localdate()}
    if constitution.share_pence:
        initial["share"] = constitution.share_pence / 100
        initial["share_paid_on"] = timezone.localdate()
    form = DecideForm(request.POST or None, initial=initial)
    if not constitution.share_pence:
        del form.fields["share"], form.fields["share_paid_on"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.approve_membership(
                    membership=membership,
                    by=request.user,
                    on=data["on"],
                    share_paid_pence=_pence(data.get("share")),
                    share_paid_on=data.get("share_paid_on"),
                )
                messages.success(request, _("They are a member now."))
            else:
                services.refuse_membership(
                    membership=membership, by=request.user, reason=data["reason"]
                )
                messages.success(request, _("The application is refused."))
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("democracy:member", request.organisation.slug, membership.pk)
    check = eligibility(
        constitution=constitution,
        resident=membership.resident,
        day=timezone.localdate(),
        date_of_birth=membership.date_of_birth,
        ignore=membership,
    )
    return render(
        request,
        "democracy/decide.html",
        {"form": form, "membership": membership, "check": check, "constitution": constitution},
    )


@keeper_view
def record_share(request: OrgRequest, pk: int) -> HttpResponse:
    membership = object_in(request.organisation, Membership, pk=pk)
    form = ShareForm(request.POST or None, initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_share(
                membership=membership,
                by=request.user,
                pence=_pence(form.cleaned_data["share"]),
                on=form.cleaned_data["paid_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The share is recorded."))
            return redirect("democracy:member", request.organisation.slug, membership.pk)
    return render(request, "democracy/share.html", {"form": form, "membership": membership})


@keeper_view
def end_membership(request: OrgRequest, pk: int) -> HttpResponse:
    membership = object_in(request.organisation, Membership, pk=pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(
                membership=membership,
                by=request.user,
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The membership has ended."))
            return redirect("democracy:member", request.organisation.slug, membership.pk)
    return render(request, "democracy/end.html", {"form": form, "membership": membership})


urlpatterns = [
    path("democracy/members/", register, name="register"),
    path("democracy/members/members.<str:fmt>", export_register, name="export-register"),
    path("democracy/members/add/", add_application, name="add-application"),
    path("democracy/members/<int:pk>/", member, name="member"),
    path("democracy/members/<int:pk>/decide/", decide_member, name="decide-member"),
    path("democracy/members/<int:pk>/share/", record_share, name="record-share"),
    path("democracy/members/<int:pk>/end/", end_membership, name="end-membership"),
]
