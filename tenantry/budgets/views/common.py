"""What every budgets page shares: loading a budget within the organisation, and the form
page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from tenantry.core.forms import form_status
from tenantry.organisations.access import OrgRequest, object_in

from .. import permissions as can
from ..models import Budget, BudgetKind

PAGE_SIZE = 50


def budget_in(request: OrgRequest, pk: int, kind: str | None = None) -> Budget:
    """The organisation's budget `pk` (of `kind`, if given); the management allowance only to
    those who may read it."""
    found = object_in(request.organisation, Budget.objects.select_related("estate"), pk=pk)
    if kind is not None and found.kind != kind:
        raise Http404
    if found.kind == BudgetKind.MANAGEMENT_ALLOWANCE and not can.can_view_allowance(request.roles):
        raise PermissionDenied
    return found


def form_page(request: OrgRequest, form, *, heading: str, button: str, back, caption="", intro=""):
    """`back` is (URL name, its arguments after the organisation's slug, the link's words)."""
    name, args, label = back
    return render(
        request,
        "budgets/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "back_url": reverse(name, args=[request.organisation.slug, *args]),
            "back_label": label,
            "caption": caption,
            "intro": intro,
        },
        status=form_status(form),
    )
