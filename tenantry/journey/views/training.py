"""An organisation's training pages at `/o/<slug>/training/…`: its courses and sessions, who is
booked and who attended, the committee's skills coverage and the figures. Any organisation
that trains may keep courses (a network, a TMO, a landlord's tenant participation team)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.organisations.models import Organisation

from .. import permissions as can
from .. import selectors_training as selectors
from .. import services_training as services
from ..forms_training import AttendanceForm, BookForOtherForm, CourseForm, SessionForm
from ..models import Booking, BookingStatus, Course, Group, Session


def _form(request, form, *, heading, button, back_url, back_label, caption="", intro=""):
    return render(
        request,
        "journey/training/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "back_url": back_url,
            "back_label": back_label,
            "caption": caption,
            "intro": intro,
        },
        status=form_status(form),
    )


@organisation_view(can.can_keep_training)
def courses(request: OrgRequest):
    organisation = request.organisation
    return render(
        request,
        "journey/training/courses.html",
        {
            "courses": list(selectors.courses_of(organisation)),
            "upcoming": list(
                selectors.upcoming_sessions().filter(course__organisation=organisation)
            ),
        },
    )


@organisation_view(can.can_keep_training)
def add_course(request: OrgRequest):
    form = CourseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Course added"))
            return redirect("training:course", request.organisation.slug, course.pk)
    return _form(
        request,
        form,
        heading=_("Add a course"),
        button=_("Add the course"),
        back_url=_url("training:courses", request),
        back_label=_("Training"),
    )


@organisation_view(can.can_keep_training)
def course(request: OrgRequest, course: int):
    found = object_in(request.organisation, Course, pk=course)
    sessions = selectors.with_places(found.sessions.all()).order_by("-starts_at", "pk")
    now = timezone.now()
    return render(
        request,
        "journey/training/course.html",
        {
            "course": found,
            "upcoming": [s for s in sessions if s.starts_at > now][::-1],
            "past": [s for s in sessions if s.starts_at <= now],
        },
    )


@organisation_view(can.can_keep_training)
def edit_course(request: OrgRequest, course: int):
    found = object_in(request.organisation, Course, pk=course)
    form = CourseForm(
        request.POST if request.method == "POST" else None, instance=Course.objects.get(pk=found.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_course(course=found, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Course changed"))
            return redirect("training:course", request.organisation.slug, found.pk)
    return _form(
        request,
        form,
        heading=_("Change the course"),
        caption=found.title,
        button=_("Save the course"),
        back_url=_url("training:course", request, found.pk),
        back_label=found.title,
    )


@organisation_view(can.can_keep_training)
def add_session(request: OrgRequest, course: int):
    found = object_in(request.organisation, Course, pk=course)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.add_session(
                course=found,
                starts_at=form.starts_at(),
                ends_at=form.ends_at(),
                capacity=data["capacity"],
                trainer=data["trainer"],
                place=data["place"],
                online=data["online"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error, renamed={"starts_at": "day", "ends_at": "ends"})
        else:
            messages.success(request, _("Session added"))
            return redirect("training:session", request.organisation.slug, session.pk)
    return _form(
        request,
        form,
        heading=_("Add a session"),
        caption=found.title,
        button=_("Add the session"),
        back_url=_url("training:course", request, found.pk),
        back_label=found.title,
    )


def _session_in(request: OrgRequest, session: int) -> Session:
    return object_in(
        request.organisation,
        selectors.with_places(Session.objects.all()),
        via="course__organisation",
        pk=session,
    )


@organisation_view(can.can_keep_training)
def session(request: OrgRequest, session: int):
    found = _session_in(request, session)
    bookings = list(
        Booking.objects.filter(session=found)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("organisation", "group")
        .order_by("booked_at", "pk")
    )
    booked = [b for b in bookings if b.status == BookingStatus.BOOKED]
    started = found.starts_at <= timezone.now()
    return render(
        request,
        "journey/training/session.html",
        {
            "session": found,
            "course": found.course,
            "booked": booked,
            "waiting": [b for b in bookings if b.status == BookingStatus.WAITING],
            "started": started,
            "attendance_form": AttendanceForm(bookings=booked) if started else None,
            "places_left": selectors.places_left(found),
        },
    )


def _where_choices(organisation: Organisation):
    """Where a person booked by the organiser may come from: the organisations on Tenantry and,
    for a network, the tenant groups it follows up."""
    organisations = list(
        Organisation.objects.exclude(kind=Organisation.Kind.NETWORK).order_by("name")
    )
    groups = list(Group.objects.filter(network=organisation, closed_at__isnull=True))
    return organisations, groups


@organisation_view(can.can_keep_training)
def book_for(request: OrgRequest, session: int):
    found = _session_in(request, session)
    organisations, groups = _where_choices(request.organisation)
    form = BookForOtherForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        groups=groups,
    )
    if request.method == "POST" and form.is_valid():
        where_org, where_group = form.where_from()
        try:
            booking = services.book(
                session=found,
                by=request.user,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=where_org,
                group=where_group,
                for_self=False,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if booking.status == BookingStatus.BOOKED:
                messages.success(request, _("%(name)s is booked") % {"name": booking.name})
            else:
                messages.success(
                    request,
                    _("The session is full: %(name)s is on the waiting list")
                    % {"name": booking.name},
                )
            return redirect("training:session", request.organisation.slug, found.pk)
    return _form(
        request,
        form,
        heading=_("Book someone on this session"),
        caption=f"{found.course.title}, {_date(found)}",
        intro=_(
            "They will get an email with the details. When the session is full they go on "
            "the waiting list and get a place when one comes free."
        ),
        button=_("Book"),
        back_url=_url("training:session", request, found.pk),
        back_label=_("The session"),
    )


@organisation_view(can.can_keep_training)
@require_POST
def cancel_booking(request: OrgRequest, booking: int):
    found = object_in(
        request.organisation, Booking, via="session__course__organisation", pk=booking
    )
    try:
        moved_up = services.cancel_booking(booking=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Booking cancelled"))
        if moved_up is not None:
            messages.success(
                request,
                _("%(name)s moved up from the waiting list and has been told by email")
                % {"name": moved_up.name},
            )
    return redirect("training:session", request.organisation.slug, found.session_id)


@organisation_view(can.can_keep_training)
@require_POST
def attendance(request: OrgRequest, session: int):
    found = _session_in(request, session)
    booked = Booking.objects.filter(session=found, status=BookingStatus.BOOKED)
    form = AttendanceForm(request.POST, bookings=booked)
    if form.is_valid():
        try:
            changed = services.mark_attendance(session=found, marks=form.marks(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance saved (%(n)s changed)") % {"n": changed})
    return redirect("training:session", request.organisation.slug, found.pk)


@organisation_view(can.can_see_skills_coverage)
def skills(request: OrgRequest):
    coverage = selectors.skills_coverage(
        organisation=request.organisation, day=timezone.localdate()
    )
    return render(request, "journey/training/skills.html", {"coverage": coverage})


@organisation_view(can.can_keep_training)
def figures(request: OrgRequest):
    return render(
        request,
        "journey/training/figures.html",
        {"figures": selectors.training_figures(organisation=request.organisation)},
    )


def _url(name: str, request: OrgRequest, *args) -> str:
    return reverse(name, args=[request.organisation.slug, *args])


def _date(session: Session) -> str:
    return date_format(timezone.localtime(session.starts_at), "j F Y")
