"""Training for everyone at `/tenant-control/training/…`: the sessions to come and the
e-learning modules (public: tenants browse without an account), booking a place and taking a
module's quiz (signed in), and each person's own training record and certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.organisations.selectors import organisations_of

from .. import certificates
from .. import selectors_training as selectors
from .. import services_training as services
from ..forms_training import BookSelfForm, QuizForm
from ..models import ACTIVE, Attempt, Attendance, Booking, BookingStatus, Module, Session

PER_PAGE = 20


def courses(request):
    page = page_of(selectors.upcoming_sessions(), request.GET, per_page=PER_PAGE)
    return render(
        request,
        "journey/training/public_courses.html",
        {"page": page, "modules": list(selectors.published_modules())},
    )


def _session(pk: int) -> Session:
    return get_object_or_404(selectors.with_places(Session.objects.all()), pk=pk)


def session(request, session: int):
    found = _session(session)
    mine = None
    if request.user.is_authenticated:
        mine = (
            Booking.objects.filter(session=found, status__in=ACTIVE)
            .filter(Q(user=request.user) | Q(email=request.user.email.lower()))
            .first()
        )
    return render(
        request,
        "journey/training/public_session.html",
        {
            "session": found,
            "course": found.course,
            "places_left": selectors.places_left(found),
            "started": found.starts_at <= timezone.now(),
            "mine": mine,
        },
    )


@login_required
def book(request, session: int):
    found = _session(session)
    if found.starts_at <= timezone.now():
        raise Http404
    form = BookSelfForm(
        request.POST if request.method == "POST" else None,
        organisations=[o for o, _roles in organisations_of(user=request.user)],
        groups=selectors.groups_of(request.user),
    )
    if request.method == "POST" and form.is_valid():
        where_org, where_group = form.where_from()
        try:
            booking = services.book(
                session=found,
                by=request.user,
                organisation=where_org,
                group=where_group,
                for_self=True,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if booking.status == BookingStatus.BOOKED:
                messages.success(request, _("You are booked. We have sent you an email."))
            else:
                messages.success(
                    request,
                    _(
                        "The session is full, so you are on the waiting list. We will email you "
                        "if a place comes free."
                    ),
                )
            return redirect("learning:mine")
    return render(
        request,
        "journey/training/book.html",
        {
            "form": form,
            "session": found,
            "course": found.course,
            "places_left": selectors.places_left(found),
        },
        status=form_status(form),
    )


@login_required
@require_POST
def cancel(request, booking: int):
    found = get_object_or_404(
        Booking.objects.filter(user=request.user, status__in=ACTIVE), pk=booking
    )
    try:
        services.cancel_booking(booking=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your booking is cancelled"))
    return redirect("learning:mine")


@login_required
def mine(request):
    return render(
        request,
        "journey/training/mine.html",
        {"record": selectors.training_record(request.user)},
    )


def _module(slug: str) -> Module:
    return get_object_or_404(selectors.published_modules(), slug=slug)


def module(request, module: str, page: int = 1):
    found = _module(module)
    pages = list(found.pages.all())
    if not 1 <= page <= len(pages):
        raise Http404
    return render(
        request,
        "journey/training/module.html",
        {
            "module": found,
            "page": pages[page - 1],
            "number": page,
            "pages": pages,
            "next": page + 1 if page < len(pages) else None,
            "previous": page - 1 if page > 1 else None,
        },
    )


@login_required
def quiz(request, module: str):
    found = _module(module)
    form = QuizForm(request.POST if request.method == "POST" else None, module=found)
    attempt = None
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.take_quiz(module=found, by=request.user, answers=form.answers())
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = QuizForm(module=found)
    passed_before = Attempt.objects.filter(module=found, user=request.user, passed=True).exists()
    return render(
        request,
        "journey/training/quiz.html",
        {
            "module": found,
            "form": form,
            "attempt": attempt,
            "passed_before": passed_before,
            "pages": found.pages.count(),
        },
        status=form_status(form),
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def session_certificate(request, booking: int):
    """Only the person's own attended booking: anyone else's is a 404 like one that does not
    exist."""
    found = get_object_or_404(
        Booking.objects.filter(
            Q(user=request.user) | Q(email=request.user.email.lower()),
            status=BookingStatus.BOOKED,
            attendance=Attendance.ATTENDED,
        ).select_related("session__course__organisation"),
        pk=booking,
    )
    return _pdf(certificates.session_certificate(found), f"certificate-TS-{found.pk:06d}.pdf")


@login_required
def module_certificate(request, attempt: int):
    found = get_object_or_404(
        Attempt.objects.filter(user=request.user, passed=True).select_related(
            "module__organisation", "user"
        ),
        pk=attempt,
    )
    return _pdf(certificates.module_certificate(found), f"certificate-EL-{found.pk:06d}.pdf")
