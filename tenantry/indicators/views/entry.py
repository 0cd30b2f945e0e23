"""A figure typed in: for indicators no record gives (local jobs, say), and for survey measures
until the surveys capability hands them over (a contractor's TSM report)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tenantry.core import query
from tenantry.core.periods import read_period
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view

from ..models import Result
from ..performance_forms import EntryForm
from ..selectors import indicator_for, may_be_entered, own_scope
from ..sentences import unit_name
from ..services import results as services


def _existing(organisation, indicator, period, stock_type: str) -> Result | None:
    return Result.objects.filter(
        indicator=indicator,
        organisation=organisation,
        scope=own_scope(organisation),
        estate=None,
        stock_type=stock_type,
        period_start=period.start,
        period_end=period.end,
    ).first()


def _plain(number) -> str | None:
    # 78.0000 as stored is shown as 78, and 91.2500 as 91.25.
    return None if number is None else format(number.normalize(), "f")


@organisation_view(can.can_enter_results)
def enter_result(request: OrgRequest, code: str) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    indicator = indicator_for(organisation=organisation, code=code)
    if indicator is None or not may_be_entered(indicator) or indicator.retired_at:
        raise Http404
    initial = {}
    if request.method == "GET":
        period = query.period(request.GET, today=today) or read_period(None, today=today)
        stock_type = query.text(request.GET, "stock")
        initial = {"period": period.label, "stock_type": stock_type}
        if found := _existing(organisation, indicator, period, stock_type):
            initial.update(
                value=_plain(found.value),
                numerator=found.numerator,
                denominator=found.denominator,
                note=found.note,
            )
    form = EntryForm(
        request.POST or None, indicator=indicator, today=today, initial=initial or None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_result(
                indicator=indicator,
                organisation=organisation,
                period=data["period"],
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                note=data["note"],
                by=request.user,
                stock_type=data.get("stock_type") or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The figure for %(name)s in %(period)s is saved.")
                % {"name": indicator.name, "period": data["period"].label},
            )
            url = reverse("indicators:indicator", args=[organisation.slug, indicator.code])
            return redirect(f"{url}?{urlencode({'period': data['period'].label})}")
    return render(
        request,
        "indicators/entry.html",
        {"indicator": indicator, "form": form, "unit_name": unit_name(indicator)},
    )


urlpatterns = [path("performance/<str:code>/enter/", enter_result, name="enter-result")]
