"""A resident, a residents' association or a group of residents asks the landlord's scrutiny
panel to review a topic, at their own organisation's address, and reads the panel's answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.core.permissions import Role
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import Organisation

from .. import panel_forms as forms
from .. import permissions as can
from .. import programme_services as services
from ..models import TopicRequest


@organisation_view(can.can_ask_for_a_topic)
def ask(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    panels = services.panels_for(organisation)
    own = list(
        TopicRequest.objects.filter(asked_by=request.user, asked_from=organisation)
        .select_related("panel")
        .order_by("-asked_on", "-pk")[:20]
    )
    form = None
    if panels:
        form = forms.AskForm(
            request.POST or None,
            panels=Organisation.objects.filter(pk__in=[p.pk for p in panels]),
            may_ask_as_association=organisation.kind == Organisation.Kind.RESIDENTS_ASSOCIATION
            and Role.COMMITTEE in request.roles,
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.ask_for_topic(
                    panel=data["panel"],
                    asked_from=organisation,
                    asked_as=data["asked_as"],
                    topic=data["topic"],
                    why=data["why"],
                    residents=data["residents"] or 1,
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, _("Your request is with the panel. Its answer will be shown here.")
                )
                return redirect("scrutiny:ask", organisation.slug)
    return render(
        request,
        "scrutiny/ask/ask.html",
        {"form": form, "own": own, "panels": panels},
        status=form_status(form) if form is not None else 200,
    )


urlpatterns = [
    path("scrutiny/ask/", ask, name="ask"),
]
