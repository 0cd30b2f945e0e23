"""Grant programmes for everyone: the open ones, and which conditions a group meets."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tenantry.core.forms import form_status
from tenantry.core.paging import page_of

from .. import grants, selectors
from ..forms import GrantConditionsForm

PER_PAGE = 20


def programmes(request: HttpRequest) -> HttpResponse:
    page = page_of(
        selectors.open_programmes(on=timezone.localdate()), request.GET, per_page=PER_PAGE
    )
    return render(request, "journey/grants.html", {"page": page})


def check_programme(request: HttpRequest, pk: int) -> HttpResponse:
    programme = selectors.open_programme(pk=pk, on=timezone.localdate())
    if programme is None:
        raise Http404
    conditions = list(programme.conditions.all())
    results = outcome = None
    if request.method == "POST":
        form = GrantConditionsForm(request.POST, conditions=conditions)
        if form.is_valid():
            results = grants.conditions_met(conditions, form.answers())
            outcome = grants.overall(results)
    else:
        form = GrantConditionsForm(conditions=conditions)
    return render(
        request,
        "journey/grant_check.html",
        {"programme": programme, "form": form, "results": results, "outcome": outcome},
        status=form_status(form),
    )
