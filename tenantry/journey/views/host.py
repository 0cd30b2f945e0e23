"""An organisation in control's own side of the directory, at its address (`/o/<slug>/…`): its
public page, and the visits tenant groups ask of it."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.organisations.models import Organisation

from .. import permissions as can
from .. import selectors_directory as selectors
from .. import services_directory as services
from .. import visits as moves
from ..forms_directory import LearningForm, OfferDatesForm, ProfileForm, ReasonForm
from ..models import Side, Visit
from .directory import _visit_form, photo_uri_of


def managing_view(rule):
    """`organisation_view(rule)` for pages only an organisation in control has: at a landlord's,
    a panel's or a network's address the page does not exist, even for a site administrator."""

    def decorate(view):
        @wraps(view)
        def in_control(request, *args, **kwargs):
            if request.organisation.kind not in Organisation.MANAGING_KINDS:
                raise Http404
            return view(request, *args, **kwargs)

        return organisation_view(rule)(in_control)

    return decorate


@managing_view(can.can_keep_profile)
def profile(request: OrgRequest) -> HttpResponse:
    found = selectors.profile_of(request.organisation)
    initial = {
        name: getattr(found, name)
        for name in (
            "story", "services", "homes", "since", "welcomes_visits", "contact_name",
            "contact_email", "show_contact", "photo_description",
        )
    }  # fmt: skip
    form = ProfileForm(
        request.POST or None, request.FILES or None, initial=initial, has_photo=bool(found.photo)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your page is saved. It has changed in the directory too.")
                if found.is_published
                else _("Your page is saved. Publish it when the committee is happy with it."),
            )
            return redirect("directory:profile", request.organisation.slug)
    return render(
        request,
        "journey/profile_form.html",
        {"form": form, "profile": found, "photo": photo_uri_of(found)},
        status=form_status(form),
    )


@managing_view(can.can_keep_profile)
@require_POST
def publish_profile(request: OrgRequest) -> HttpResponse:
    try:
        services.publish_profile(organisation=request.organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your page is now in the public directory."))
    return redirect("directory:profile", request.organisation.slug)


@managing_view(can.can_keep_profile)
@require_POST
def unpublish_profile(request: OrgRequest) -> HttpResponse:
    services.unpublish_profile(organisation=request.organisation, by=request.user)
    messages.success(request, _("Your page is no longer in the public directory."))
    return redirect("directory:profile", request.organisation.slug)


@managing_view(can.can_host_visits)
def visits(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "journey/host_visits.html",
        {
            "visits": selectors.visits_to(request.organisation),
            "now": timezone.now(),
            "profile": selectors.profile_of(request.organisation),
        },
    )


def _visit(request: OrgRequest, pk: int) -> Visit:
    return object_in(
        request.organisation,
        Visit.objects.select_related("group", "chosen", "host"),
        via="host",
        pk=pk,
    )


def _visit_url(visit: Visit) -> str:
    return reverse("directory:visit", args=[visit.host.slug, visit.pk])


@managing_view(can.can_host_visits)
def visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _visit(request, pk)
    now = timezone.now()
    return render(
        request,
        "journey/host_visit.html",
        {
            "visit": found,
            "now": now,
            "dates": list(found.dates.all()),
            "may_answer": moves.allowed(found, moves.ACCEPT, now=now),
            "may_cancel": moves.allowed(found, moves.CANCEL, now=now),
            "may_record": moves.allowed(found, moves.RECORD, now=now),
        },
    )


@managing_view(can.can_host_visits)
def accept_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _visit(request, pk)
    form = OfferDatesForm(request.POST or None)
    return _visit_form(
        request,
        form,
        save=lambda data: services.accept_visit(visit=found, dates=form.dates(), by=request.user),
        heading=_("Offer dates to %(group)s") % {"group": found.group.name},
        button=_("Offer these dates"),
        done=_("The dates are sent. The group will pick one."),
        back_url=_visit_url(found),
        caption=_("A visit to %(host)s") % {"host": request.organisation.name},
    )


@managing_view(can.can_host_visits)
def decline_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _visit(request, pk)
    return _visit_form(
        request,
        ReasonForm(request.POST or None, label=_("Why can you not host this visit?")),
        save=lambda data: services.decline_visit(
            visit=found, reason=data["reason"], by=request.user
        ),
        heading=_("Say no to %(group)s") % {"group": found.group.name},
        button=_("Decline the visit"),
        done=_("The group is told you cannot host the visit."),
        back_url=_visit_url(found),
        caption=_("A visit to %(host)s") % {"host": request.organisation.name},
    )


@managing_view(can.can_host_visits)
def cancel_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _visit(request, pk)
    return _visit_form(
        request,
        ReasonForm(request.POST or None, label=_("Why are you cancelling the visit?")),
        save=lambda data: services.cancel_visit(
            visit=found, side=Side.HOST, reason=data["reason"], by=request.user
        ),
        heading=_("Cancel the visit by %(group)s") % {"group": found.group.name},
        button=_("Cancel the visit"),
        done=_("The visit is cancelled. The group is told."),
        back_url=_visit_url(found),
        caption=_("A visit to %(host)s") % {"host": request.organisation.name},
    )


@managing_view(can.can_host_visits)
def record_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _visit(request, pk)
    initial = {"first": found.host_showed, "second": found.host_questions}
    return _visit_form(
        request,
        LearningForm(request.POST or None, initial=initial, host=True),
        save=lambda data: services.record_learning(
            visit=found, side=Side.HOST, by=request.user, **data
        ),
        heading=_("What the visit by %(group)s showed") % {"group": found.group.name},
        button=_("Save"),
        done=_("Your notes on the visit are saved."),
        back_url=_visit_url(found),
        caption=_("A visit to %(host)s") % {"host": request.organisation.name},
    )
