"""The public directory of organisations already in control, and a tenant group's visits to
them (at the group's address, for those who may work on the group)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.democracy.views.elections import photo_uri

from .. import selectors_directory as selectors
from .. import services_directory as services
from .. import visits as moves
from ..access import group_view
from ..forms_directory import (
    ChooseDateForm,
    DirectoryFilterForm,
    LearningForm,
    ReasonForm,
    VisitRequestForm,
)
from ..models import Side, Visit, VisitState


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = selectors.published_profiles(
        region=filters.get("region", ""),
        service=filters.get("service", ""),
        kind=filters.get("kind", ""),
        visits=filters.get("visits") == "yes",
    )
    return render(
        request,
        "journey/directory.html",
        {"form": form, "profiles": profiles, "filtered": any(filters.values())},
    )


def profile(request: HttpRequest, organisation: str) -> HttpResponse:
    found = selectors.published_profile(organisation)
    if found is None:
        raise Http404
    return render(
        request,
        "journey/directory_profile.html",
        {
            "profile": found,
            "photo": photo_uri_of(found),
            "groups": list(selectors.groups_acting_for(request.user))
            if found.welcomes_visits
            else [],
        },
    )


def photo_uri_of(found) -> str:
    # The photo is written into the page as democracy writes a candidate's: Tenantry serves
    # nothing from MEDIA_URL, and a small JPEG (made so on upload) needs no address of its own.
    return photo_uri(found) if found.photo else ""


# --- a group's visits ---------------------------------------------------------------------


def _visit(request, visit: int) -> Visit:
    return get_object_or_404(
        Visit.objects.select_related("host", "chosen", "group"), group=request.group, pk=visit
    )


@login_required
@group_view
def group_visits(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "journey/group_visits.html",
        {
            "group": request.group,
            "visits": selectors.visits_of(request.group),
            "now": timezone.now(),
            "hosts": selectors.published_profiles(visits=True),
        },
    )


@login_required
@group_view
def ask_visit(request: HttpRequest, host: str) -> HttpResponse:
    found = selectors.published_profile(host)
    if found is None or not found.welcomes_visits:
        raise Http404
    form = VisitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.request_visit(
                group=request.group, host=found.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your request is sent to %(host)s. We will email you when they answer.")
                % {"host": found.organisation.name},
            )
            return redirect("journey:group-visit", request.group.pk, visit.pk)
    return render(
        request,
        "journey/visit_form.html",
        {
            "form": form,
            "group": request.group,
            "heading": _("Ask to visit %(host)s") % {"host": found.organisation.name},
            "caption": request.group.name,
            "intro": _(
                "Tell %(host)s what your group would like to see. They will offer up to three "
                "dates, or tell you why they cannot host you."
            )
            % {"host": found.organisation.name},
            "button": _("Send the request"),
            "back_url": _profile_url(found),
            "back_label": found.organisation.name,
        },
        status=form_status(form),
    )


def _profile_url(found) -> str:
    return reverse("journey:directory-profile", args=[found.organisation.slug])


@login_required
@group_view
def group_visit(request: HttpRequest, visit: int) -> HttpResponse:
    found = _visit(request, visit)
    now = timezone.now()
    choose = None
    if moves.allowed(found, moves.CHOOSE, now=now):
        choose = ChooseDateForm(choices=_date_choices(found))
    return render(
        request,
        "journey/group_visit.html",
        {
            "group": request.group,
            "visit": found,
            "now": now,
            "dates": list(found.dates.all()),
            "choose": choose,
            "may_cancel": moves.allowed(found, moves.CANCEL, now=now),
            "may_record": moves.allowed(found, moves.RECORD, now=now),
        },
    )


def _date_choices(visit: Visit) -> list[tuple[int, str]]:
    return [(day.pk, moves.when(day.starts_at)) for day in visit.dates.all()]


@login_required
@group_view
@require_POST
def choose_visit_date(request: HttpRequest, visit: int) -> HttpResponse:
    found = _visit(request, visit)
    form = ChooseDateForm(request.POST, choices=_date_choices(found))
    if form.is_valid():
        try:
            services.choose_date(visit=found, date=form.cleaned_data["date"], by=request.user)
        except ValidationError as error:
            found.refresh_from_db()
            if found.state != VisitState.OFFERED:
                # Someone else in the group chose first: the page shows their choice.
                messages.error(request, " ".join(error.messages))
                return redirect("journey:group-visit", request.group.pk, found.pk)
            add_errors(form, error)
        else:
            messages.success(request, _("The visit is confirmed. The hosts are told."))
            return redirect("journey:group-visit", request.group.pk, found.pk)
    found.refresh_from_db()
    now = timezone.now()
    return render(
        request,
        "journey/group_visit.html",
        {
            "group": request.group,
            "visit": found,
            "now": now,
            "dates": list(found.dates.all()),
            "choose": form,
            "may_cancel": moves.allowed(found, moves.CANCEL, now=now),
            "may_record": False,
        },
        status=400,
    )


def _visit_form(
    request,
    form,
    *,
    save: Callable[[dict], object],
    heading: str,
    button: str,
    done: str,
    back_url: str,
    caption: str,
) -> HttpResponse:
    """A form about one visit: on a valid POST call `save` (a service) and go back."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back_url)
    return render(
        request,
        "journey/visit_form.html",
        {
            "form": form,
            "heading": heading,
            "caption": caption,
            "button": button,
            "back_url": back_url,
            "back_label": _("Back to the visit"),
        },
        status=form_status(form),
    )


@login_required
@group_view
def group_cancel_visit(request: HttpRequest, visit: int) -> HttpResponse:
    found = _visit(request, visit)
    return _visit_form(
        request,
        ReasonForm(request.POST or None, label=_("Why are you cancelling the visit?")),
        save=lambda data: services.cancel_visit(
            visit=found, side=Side.GROUP, reason=data["reason"], by=request.user
        ),
        heading=_("Cancel the visit to %(host)s") % {"host": found.host.name},
        button=_("Cancel the visit"),
        done=_("The visit is cancelled. The hosts are told."),
        back_url=_group_visit_url(found),
        caption=request.group.name,
    )


@login_required
@group_view
def group_record_visit(request: HttpRequest, visit: int) -> HttpResponse:
    found = _visit(request, visit)
    initial = {"first": found.group_learnt, "second": found.group_next}
    return _visit_form(
        request,
        LearningForm(request.POST or None, initial=initial, host=False),
        save=lambda data: services.record_learning(
            visit=found, side=Side.GROUP, by=request.user, **data
        ),
        heading=_("What your group learnt at %(host)s") % {"host": found.host.name},
        button=_("Save"),
        done=_("What your group learnt is saved."),
        back_url=_group_visit_url(found),
        caption=request.group.name,
    )


def _group_visit_url(visit: Visit) -> str:
    return reverse("journey:group-visit", args=[visit.group_id, visit.pk])
