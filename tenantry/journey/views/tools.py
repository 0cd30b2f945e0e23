"""The Right to Manage checker and time-limit calculator: public, nothing stored."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantry.core.forms import form_status

from .. import eligibility, timelimits
from ..forms import EligibilityForm, TimeLimitsForm


def right_to_manage(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        form = EligibilityForm(request.POST)
        if form.is_valid():
            result = eligibility.check(form.facts())
    else:
        form = EligibilityForm()
    return render(
        request,
        "journey/right_to_manage.html",
        {"form": form, "result": result},
        status=form_status(form),
    )


def time_limits(request: HttpRequest) -> HttpResponse:
    found = None
    if request.method == "POST":
        form = TimeLimitsForm(request.POST)
        if form.is_valid():
            found = timelimits.deadlines(form.dates(), timezone.localdate())
    else:
        form = TimeLimitsForm()
    return render(
        request,
        "journey/time_limits.html",
        {
            "form": form,
            "deadlines": found,
            "today": timezone.localdate(),
            "warning_days": settings.JOURNEY_DEADLINE_WARNING_DAYS,
        },
        status=form_status(form),
    )
