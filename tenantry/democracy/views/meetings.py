"""The meeting pages: the list, a meeting with its notice, agenda, quorum and motions, the door,
proxies, votes, minutes, the decisions log and the criticisms raised."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import background
from .. import meeting_forms as forms
from .. import meeting_selectors as selectors
from .. import meeting_services as services
from .. import permissions as can
from ..models import Attendance, AttendanceMode, Criticism, Meeting, Minutes, Motion, Outcome

PAGE_SIZE = 25


def _meeting(request: OrgRequest, pk: int) -> Meeting:
    return object_in(request.organisation, Meeting, pk=pk)


def _to_meeting(meeting: Meeting, anchor: str = "") -> HttpResponse:
    response = redirect("democracy:meeting", meeting.organisation.slug, meeting.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@organisation_view(can.can_view_meetings)
def meetings(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    every = selectors.meetings_of(request.organisation)
    upcoming = list(every.filter(day__gte=today).order_by("day", "starts_at", "pk"))
    past = page_of(every.filter(day__lt=today), request.GET, per_page=PAGE_SIZE)
    return render(
        request,
        "democracy/meetings/meetings.html",
        {
            "upcoming": upcoming,
            "page": past,
            "waiting": selectors.criticisms_of(request.organisation, answered=False).count(),
        },
    )


@organisation_view(can.can_run_meetings)
def create_meeting(request: OrgRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.organisation = request.organisation
        try:
            services.save_meeting(meeting=meeting, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting is set up. Add its agenda, then send notice."))
            return _to_meeting(meeting)
    return render(
        request, "democracy/meetings/meeting_form.html", {"form": form}, status=form_status(form)
    )


@organisation_view(can.can_run_meetings)
def edit_meeting(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_meeting(meeting=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting's details are saved."))
            return _to_meeting(meeting)
    return render(
        request,
        "democracy/meetings/meeting_form.html",
        {"form": form, "meeting": meeting},
        status=form_status(form),
    )


@organisation_view(can.can_view_meetings)
def meeting(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    constitution = selectors.constitution_of(request.organisation)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    return render(
        request,
        "democracy/meetings/meeting.html",
        {
            "meeting": meeting,
            "constitution": constitution,
            "notice": selectors.notice_status(meeting=meeting, constitution=constitution),
            "agm": selectors.agm_timing(meeting=meeting, constitution=constitution),
            "quorum": selectors.quorum_of(meeting=meeting, constitution=constitution),
            "agenda": list(meeting.agenda.all()),
            "motions": list(
                meeting.motions.select_related("proposer__resident", "seconder__resident", "amends")
            ),
            "minutes": minutes,
            "criticisms": list(meeting.criticisms.all()),
            "to_approve": selectors.previous_meeting_with_draft_minutes(meeting)
            if can.can_run_meetings(request.roles)
            else None,
            "today": timezone.localdate(),
        },
    )


@organisation_view(can.can_run_meetings)
def add_agenda_item(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_agenda_item(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("The item is on the agenda."))
        return _to_meeting(meeting, "agenda")
    return render(
        request,
        "democracy/meetings/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Add an agenda item"),
            "button": _("Add the item"),
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_meetings)
def send_notice(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    constitution = selectors.constitution_of(request.organisation)
    status = selectors.notice_status(meeting=meeting, constitution=constitution)
    members = selectors.current_members(meeting)
    with_email = members.exclude(resident__email="").count()
    form = forms.NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.send_notice(
                meeting=meeting, by=request.user, late_reason=form.cleaned_data["late_reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Notice sent: %(emails)s emails. Print the %(letters)s letters for the others.")
                % {"emails": meeting.notice_emails, "letters": meeting.notice_letters},
            )
            return _to_meeting(meeting, "notice")
    return render(
        request,
        "democracy/meetings/send_notice.html",
        {
            "meeting": meeting,
            "notice": status,
            "late": timezone.localdate() > status.latest,
            "form": form,
            "with_email": with_email,
            "by_letter": members.count() - with_email,
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_meetings)
@require_POST
def notice_letters(request: OrgRequest, pk: int) -> HttpResponse:
    """Ask for the notice letters; they are written in the background and the person is sent
    to the file's page to follow them."""
    meeting = _meeting(request, pk)
    prepared = background.prepare_notice_letters(
        meeting=meeting, by=request.user, language=request.LANGUAGE_CODE
    )
    return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)


@organisation_view(can.can_run_meetings)
def attendance(request: OrgRequest, pk: int) -> HttpResponse:
    """The door: find a member, mark them present or sending apologies, add an observer, and
    see the live quorum. Works without JavaScript; the page refreshes itself every 30 seconds
    only while nothing is being typed (a `<meta>` refresh would lose the search)."""
    meeting = _meeting(request, pk)
    members = selectors.current_members(meeting)
    search = forms.DoorSearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    mark = forms.MarkForm(members=members)
    observer = forms.ObserverForm()
    if request.method == "POST":
        action = query.text(request.POST, "action")
        q = query.text(request.POST, "q")
        try:
            if action == "observer":
                observer = forms.ObserverForm(request.POST)
                if observer.is_valid():
                    services.add_observer(meeting=meeting, by=request.user, **observer.cleaned_data)
                    messages.success(request, _("Observer added."))
                    return redirect(request.path)
            elif action == "remove":
                remove = forms.RemoveForm(request.POST)
                if remove.is_valid():
                    found = get_object_or_404(
                        Attendance, meeting=meeting, pk=remove.cleaned_data["attendance"]
                    )
                    services.remove_attendance(attendance=found, by=request.user)
                    messages.success(request, _("Taken off the list."))
                    return redirect(request.path)
            else:
                mark = forms.MarkForm(request.POST, members=members)
                if mark.is_valid():
                    done = services.mark_attendance(
                        meeting=meeting, by=request.user, **mark.cleaned_data
                    )
                    messages.success(
                        request,
                        _("%(name)s: %(mode)s")
                        % {
                            "name": done.membership.resident.name,
                            "mode": done.get_mode_display(),
                        },
                    )
                    return redirect(request.path)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
    constitution = selectors.constitution_of(request.organisation)
    recorded = list(selectors.attendance_of(meeting))
    marked = {a.membership_id: a for a in recorded if a.membership_id}
    found = selectors.members_matching(meeting=meeting, search=q)
    return render(
        request,
        "democracy/meetings/attendance.html",
        {
            "meeting": meeting,
            "search": search,
            "q": q,
            "found": [(m, marked.get(m.pk)) for m in found],
            "searched": bool(q),
            "present": [a for a in recorded if a.membership_id and a.present],
            "apologies": [a for a in recorded if a.mode == AttendanceMode.APOLOGIES],
            "observers": [a for a in recorded if not a.membership_id],
            "quorum": selectors.quorum_of(meeting=meeting, constitution=constitution),
            "observer": observer,
            "modes": AttendanceMode,
            "mark": mark,
        },
        status=400 if observer.errors or mark.errors else 200,
    )


@organisation_view(can.can_run_meetings)
def proxies(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    constitution = selectors.constitution_of(request.organisation)
    members = (
        selectors.current_members(meeting).select_related("resident").order_by("resident__name")
    )
    form = forms.ProxyForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lodged = timezone.make_aware(datetime.combine(data["lodged_on"], data["lodged_time"]))
        try:
            services.lodge_proxy(
                meeting=meeting,
                member=data["member"],
                holder=data["holder"],
                lodged_at=lodged,
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The proxy is recorded."))
            return redirect("democracy:proxies", request.organisation.slug, meeting.pk)
    deadline = selectors.proxy_deadline_of(meeting=meeting, constitution=constitution)
    present = set(
        meeting.attendances.filter(membership__isnull=False)
        .exclude(mode=AttendanceMode.APOLOGIES)
        .values_list("membership_id", flat=True)
    )
    rows = [
        (proxy, proxy.lodged_at <= deadline, proxy.holder_id in present)
        for proxy in meeting.proxies.select_related("member__resident", "holder__resident")
    ]
    return render(
        request,
        "democracy/meetings/proxies.html",
        {
            "meeting": meeting,
            "constitution": constitution,
            "deadline": deadline,
            "rows": rows,
            "form": form,
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_meetings)
def add_motion(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    members = (
        selectors.current_members(meeting).select_related("resident").order_by("resident__name")
    )
    form = forms.MotionForm(request.POST or None, meeting=meeting, members=members)
    if request.method == "POST" and form.is_valid():
        motion = form.save(commit=False)
        motion.meeting = meeting
        try:
            services.add_motion(motion=motion, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The motion is on the list."))
            return _to_meeting(meeting, "motions")
    return render(
        request,
        "democracy/meetings/motion_form.html",
        {"form": form, "meeting": meeting},
        status=form_status(form),
    )


@organisation_view(can.can_run_meetings)
def motion(request: OrgRequest, pk: int, motion: int) -> HttpResponse:
    """Record how a motion was decided: the counts of a show of hands, a poll demanded (a ballot,
    through the ballot engine), or the motion withdrawn."""
    meeting = _meeting(request, pk)
    found = get_object_or_404(
        Motion.objects.select_related("proposer__resident", "seconder__resident"),
        meeting=meeting,
        pk=motion,
    )
    constitution = selectors.constitution_of(request.organisation)
    action = query.text(request.POST, "action") if request.method == "POST" else ""
    form = forms.VoteForm(request.POST if action == "hands" else None)
    if request.method == "POST":
        try:
            if action == "poll":
                services.demand_poll(motion=found, by=request.user)
                messages.success(request, _("A poll is demanded: the motion goes to a ballot."))
                return _to_meeting(meeting, "motions")
            if action == "withdraw":
                services.withdraw_motion(motion=found, by=request.user)
                messages.success(request, _("The motion is withdrawn."))
                return _to_meeting(meeting, "motions")
            if form.is_valid():
                services.record_show_of_hands(
                    motion=found,
                    votes_for=form.cleaned_data["votes_for"],
                    against=form.cleaned_data["against"],
                    abstentions=form.cleaned_data["abstentions"],
                    by=request.user,
                )
                messages.success(request, found.outcome_text)
                return _to_meeting(meeting, "motions")
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "democracy/meetings/motion.html",
        {
            "meeting": meeting,
            "motion": found,
            "form": form,
            "constitution": constitution,
            "pending": found.outcome == Outcome.PENDING,
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_meetings)
@require_POST
def propose_minutes_approval(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        services.propose_minutes_approval(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The approval of the minutes is on the list of motions."))
    return _to_meeting(meeting, "motions")


@organisation_view(can.can_view_meetings)
def minutes(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    found = Minutes.objects.filter(meeting=meeting).select_related("approved_by__meeting").first()
    may_see_draft = can.can_view_draft_minutes(request.roles)
    shown = found if found and (found.locked or may_see_draft) else None
    return render(
        request,
        "democracy/meetings/minutes.html",
        {"meeting": meeting, "minutes": shown, "drafted": found is not None},
    )


@organisation_view(can.can_run_meetings)
@require_POST
def draft_minutes(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    try:
        services.draft_minutes(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are drafted from the meeting's record."))
    return redirect("democracy:minutes", request.organisation.slug, meeting.pk)


@organisation_view(can.can_run_meetings)
def edit_minutes(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    found = get_object_or_404(Minutes, meeting=meeting)
    if found.locked:
        messages.error(request, _("These minutes are approved and can no longer be changed."))
        return redirect("democracy:minutes", request.organisation.slug, meeting.pk)
    form = forms.MinutesForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_minutes(minutes=found, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The draft minutes are saved."))
            return redirect("democracy:minutes", request.organisation.slug, meeting.pk)
    return render(
        request,
        "democracy/meetings/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Edit the draft minutes"),
            "button": _("Save the minutes"),
            "wide": True,
        },
        status=form_status(form),
    )


@organisation_view(can.can_view_meetings)
def decisions(request: OrgRequest) -> HttpResponse:
    page = page_of(selectors.decisions_of(request.organisation), request.GET, per_page=PAGE_SIZE)
    return render(request, "democracy/meetings/decisions.html", {"page": page})


@organisation_view(can.can_view_meetings)
def criticisms(request: OrgRequest) -> HttpResponse:
    waiting = list(selectors.criticisms_of(request.organisation, answered=False))
    answered = page_of(
        selectors.criticisms_of(request.organisation, answered=True),
        request.GET,
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "democracy/meetings/criticisms.html",
        {"waiting": waiting, "page": answered, "today": timezone.localdate()},
    )


@organisation_view(can.can_answer_criticisms)
def raise_criticism(request: OrgRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.CriticismForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criticism = form.save(commit=False)
        criticism.meeting = meeting
        try:
            services.raise_criticism(criticism=criticism, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("It is on the list until it is answered."))
            return _to_meeting(meeting, "criticisms")
    return render(
        request,
        "democracy/meetings/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Record a criticism or question"),
            "button": _("Record it"),
        },
        status=form_status(form),
    )


@organisation_view(can.can_answer_criticisms)
def answer_criticism(request: OrgRequest, pk: int) -> HttpResponse:
    criticism = object_in(request.organisation, Criticism.objects.select_related("meeting"), pk=pk)
    form = forms.AnswerForm(request.POST or None, initial={"response": criticism.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_criticism(
                criticism=criticism, response=form.cleaned_data["response"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The answer is recorded."))
            return redirect("democracy:criticisms", request.organisation.slug)
    return render(
        request,
        "democracy/meetings/answer.html",
        {"form": form, "criticism": criticism, "meeting": criticism.meeting},
        status=form_status(form),
    )


urlpatterns = [
    path("meetings/", meetings, name="meetings"),
    path("meetings/new/", create_meeting, name="create-meeting"),
    path("meetings/decisions/", decisions, name="decisions"),
    path("meetings/criticisms/", criticisms, name="criticisms"),
    path("meetings/criticisms/<int:pk>/answer/", answer_criticism, name="answer-criticism"),
    path("meetings/<int:pk>/", meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", edit_meeting, name="edit-meeting"),
    path("meetings/<int:pk>/agenda/new/", add_agenda_item, name="add-agenda-item"),
    path("meetings/<int:pk>/notice/", send_notice, name="send-notice"),
    path("meetings/<int:pk>/notice/letters.pdf", notice_letters, name="notice-letters"),
    path("meetings/<int:pk>/door/", attendance, name="attendance"),
    path("meetings/<int:pk>/proxies/", proxies, name="proxies"),
    path("meetings/<int:pk>/motions/new/", add_motion, name="add-motion"),
    path("meetings/<int:pk>/motions/<int:motion>/", motion, name="motion"),
    path(
        "meetings/<int:pk>/motions/approve-minutes/",
        propose_minutes_approval,
        name="propose-minutes-approval",
    ),
    path("meetings/<int:pk>/minutes/", minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/draft/", draft_minutes, name="draft-minutes"),
    path("meetings/<int:pk>/minutes/edit/", edit_minutes, name="edit-minutes"),
    path("meetings/<int:pk>/criticisms/new/", raise_criticism, name="raise-criticism"),
]
