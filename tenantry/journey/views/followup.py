"""A network's follow-up of the groups that registered interest with it: the list, by stage
and filtered, and a page per group where its advisers record what they do."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, object_in

from .. import permissions as can
from .. import selectors_groups as selectors
from .. import services_groups as services
from ..forms_groups import AdviserForm, CloseForm, ContactForm, FilterForm, StageForm
from ..models import Group
from . import network_view

PER_PAGE = 25


@network_view(can.can_follow_up_groups)
def groups(request: OrgRequest) -> HttpResponse:
    network = request.organisation
    advisers = list(services.advisers_of(network))
    form = FilterForm(request.GET or None, advisers=advisers)
    filters = form.cleaned_data if form.is_valid() else {}
    page = page_of(selectors.followed_up(network, filters=filters), request.GET, per_page=PER_PAGE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "journey/followup/groups.html",
        {
            "form": form,
            "page": page,
            "stages": selectors.stage_counts(network),
            "filtered": any(filters.values()),
            "closed": filters.get("closed", False),
            "query": query.urlencode(),
        },
    )


FORMS = {
    "adviser": AdviserForm,
    "contact": ContactForm,
    "stage": StageForm,
    "close": CloseForm,
}


def _forms(group: Group, advisers, bound=None) -> dict:
    action, data = bound or ("", None)
    made = {}
    for name, form_class in FORMS.items():
        kwargs = {"prefix": name}
        if form_class is AdviserForm:
            kwargs["advisers"] = advisers
            kwargs["initial"] = {"adviser": group.adviser_id}
        if form_class is StageForm:
            kwargs["initial"] = {"stage": group.stage}
        made[name] = form_class(data if name == action else None, **kwargs)
    return made


def _act(action: str, group: Group, form, by) -> str:
    """Carries out `action` through its service; the message to show once done."""
    data = form.cleaned_data if form is not None else {}
    if action == "adviser":
        services.assign_adviser(group=group, adviser=data["adviser"], by=by)
        return _("The adviser is saved.")
    if action == "contact":
        services.record_contact(
            group=group, on=data["on"], how=data["how"], note=data["note"], by=by
        )
        return _("The contact is recorded.")
    if action == "stage":
        services.move_stage(group=group, stage=data["stage"], by=by)
        return _("The group's stage is saved.")
    if action == "close":
        services.close_group(group=group, reason=data["reason"], note=data["note"], by=by)
        return _("The group is closed.")
    if action == "reopen":
        services.reopen_group(group=group, by=by)
        return _("The group is open again.")
    services.invite_contact(group=group, by=by)
    return _("The contact is invited to Tenantry and has been sent an email.")


ACTIONS = {*FORMS, "reopen", "invite"}


@network_view(can.can_follow_up_groups)
def group(request: OrgRequest, pk: int) -> HttpResponse:
    network = request.organisation
    found = object_in(
        network, Group.objects.select_related("adviser", "landlord"), via="network", pk=pk
    )
    advisers = services.advisers_of(network)
    status = 200
    problem = None
    if request.method == "POST" and request.POST.get("action") in ACTIONS:
        action = request.POST["action"]
        forms = _forms(found, advisers, (action, request.POST))
        form = forms.get(action)
        if form is None or form.is_valid():
            try:
                done = _act(action, found, form, request.user)
            except ValidationError as error:
                if form is not None:
                    add_errors(form, error)
                else:
                    problem = error.messages[0]
            else:
                messages.success(request, done)
                return redirect("network:group", network.slug, found.pk)
        status = 400
    else:
        forms = _forms(found, advisers)
    return render(
        request,
        "journey/followup/group.html",
        {
            "group": found,
            "forms": forms,
            "problem": problem,
            "contacts": selectors.contacts_of(found),
            "member_count": found.memberships.count(),
            "contact_is_member": found.memberships.filter(
                user__email__iexact=found.contact_email
            ).exists(),
        },
        status=status,
    )
