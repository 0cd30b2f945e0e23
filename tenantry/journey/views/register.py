"""Registering a group's interest with a network, with no account, and confirming the
contact's email address (docs/journey.md, "Registering interest")."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache

from tenantry.core.forms import form_status
from tenantry.organisations.models import Organisation

from .. import services_groups as services
from .. import spam
from ..forms_groups import InterestForm


def _networks():
    return Organisation.objects.filter(kind=Organisation.Kind.NETWORK).order_by("name")


def _landlords():
    return Organisation.objects.filter(kind__in=Organisation.LANDLORD_KINDS).order_by("name")


@never_cache
def register(request: HttpRequest) -> HttpResponse:
    networks, landlords = _networks(), _landlords()
    if request.method == "POST":
        form = InterestForm(request.POST, networks=networks, landlords=landlords)
        if form.is_valid():
            # A robot is thanked like a person and nothing is kept (journey/spam.py). The checks
            # come after the form's own, so a person who sends too soon with a slip is shown it.
            if form.looks_like_spam() or spam.over_the_limit(request):
                return redirect("journey:registered")
            data = form.cleaned_data
            services.register_interest(
                network=data["network"],
                interest=services.Interest(
                    name=data["name"],
                    area=data["area"],
                    homes=data["homes"],
                    landlord_name=data["landlord_name"],
                    landlord=data.get("landlord"),
                    already_does=data["already_does"],
                    services_wanted=tuple(data["services_wanted"]),
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    consent_to_contact=data["consent_to_contact"],
                    heard_from=data["heard_from"],
                ),
                language=translation.get_language(),
            )
            return redirect("journey:registered")
    else:
        only = list(networks[:2])
        chosen = request.GET.get("network", "")
        initial = {"shown_at": spam.stamp()}
        if len(only) == 1:
            initial["network"] = only[0]
        elif chosen:
            initial["network"] = networks.filter(slug=chosen).first()
        form = InterestForm(initial=initial, networks=networks, landlords=landlords)
    return render(
        request,
        "journey/register.html",
        {"form": form, "has_networks": networks.exists()},
        status=form_status(form),
    )


def registered(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/registered.html")


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    outcome, group = services.confirm_email(token)
    return render(request, "journey/confirmed.html", {"outcome": outcome, "group": group})
