from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import email as emails
from tenantry.core.figures import number_text
from tenantry.core.permissions import Role
from tenantry.organisations import permissions as can

from . import prepared as prepared_files
from . import services
from .access import OrgRequest, object_in, organisation_view
from .forms import AgreementForm, EmailSettingsForm, OrganisationForm, PersonForm
from .models import ManagementAgreement, Organisation, PreparedFile, RoleAssignment
from .selectors import agreements_of, changes_to, organisations_of, organisations_working_with


@organisation_view(can.can_view_organisation)
def detail(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "organisations/detail.html",
        {"agreements": agreements_of(organisation=request.organisation)},
    )


@organisation_view(can.can_edit_organisation)
def edit(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    form = OrganisationForm(request.POST or None, instance=organisation, kinds=[organisation.kind])
    if request.method == "POST" and form.is_valid():
        services.update_organisation(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Saved the organisation's details."))
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/edit.html", {"form": form})


@organisation_view(can.can_create_organisation)
def create(request: OrgRequest) -> HttpResponse:
    landlord = request.organisation
    if not landlord.is_landlord:
        raise Http404
    kinds = [k for k in Organisation.Kind.values if k not in Organisation.LANDLORD_KINDS]
    form = OrganisationForm(
        request.POST or None, instance=Organisation(landlord=landlord), kinds=kinds
    )
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(
            by=request.user, landlord=landlord, **form.cleaned_data
        )
        messages.success(request, _("Registered %(name)s.") % {"name": organisation.name})
        return redirect("organisations:detail", organisation.slug)
    return render(request, "organisations/create.html", {"form": form})


@organisation_view(can.can_view_agreements)
def agreements(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "organisations/agreements.html",
        {"agreements": agreements_of(organisation=request.organisation)},
    )


@organisation_view(can.can_view_agreements)
def agreement(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_of(organisation=request.organisation), pk=pk)
    return render(request, "organisations/agreement.html", {"agreement": agreement})


@organisation_view(can.can_manage_agreements)
def create_agreement(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    if organisation.is_landlord:
        landlord, choices = organisation, organisations_working_with(landlord=organisation)
        instance = None
    else:
        landlord, choices = organisation.landlord, None
        instance = ManagementAgreement(landlord=landlord, organisation=organisation)
    form = AgreementForm(request.POST or None, instance=instance, organisations=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement = services.create_agreement(
            by=request.user,
            landlord=landlord,
            organisation=data.pop("organisation", organisation),
            **data,
        )
        messages.success(request, _("Recorded the agreement."))
        return redirect("organisations:agreement", organisation.slug, agreement.pk)
    return render(request, "organisations/agreement_form.html", {"form": form, "creating": True})


@organisation_view(can.can_manage_agreements)
def edit_agreement(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(agreements_of(organisation=request.organisation), pk=pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        services.update_agreement(agreement=agreement, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved the agreement."))
        return redirect("organisations:agreement", request.organisation.slug, agreement.pk)
    return render(
        request, "organisations/agreement_form.html", {"form": form, "agreement": agreement}
    )


@organisation_view(can.can_view_history)
def history(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "organisations/history.html",
        {"changes": changes_to(organisation=request.organisation)},
    )


@organisation_view(can.can_view_people)
def people(request: OrgRequest) -> HttpResponse:
    assignments = (
        RoleAssignment.objects.filter(organisation=request.organisation)
        .exclude(role=can.Role.RESIDENT)
        .select_related("user")
        .order_by("role", "user__name")
    )
    residents = RoleAssignment.objects.filter(
        organisation=request.organisation, role=can.Role.RESIDENT
    ).count()
    return render(
        request, "organisations/people.html", {"assignments": assignments, "residents": residents}
    )


@organisation_view(can.can_manage_people)
def add_person(request: OrgRequest) -> HttpResponse:
    organisation = request.organisation
    form = PersonForm(
        request.POST or None, roles=can.roles_grantable_in(is_landlord=organisation.is_landlord)
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.add_person(
                organisation=organisation,
                by=request.user,
                sign_in_url=request.build_absolute_uri(reverse("account_login")),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Added %(name)s as %(role)s and emailed them how to sign in.")
                % {"name": assignment.user.name, "role": assignment.get_role_display().lower()},
            )
            return redirect("organisations:people", organisation.slug)
    return render(request, "organisations/add_person.html", {"form": form})


@organisation_view(can.can_manage_people)
@require_POST
def remove_role(request: OrgRequest, pk: int) -> HttpResponse:
    assignment = object_in(
        request.organisation, RoleAssignment.objects.select_related("user"), pk=pk
    )
    try:
        services.remove_role(assignment=assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer %(role)s.")
            % {"name": assignment.user.name, "role": assignment.get_role_display().lower()},
        )
    return redirect("organisations:people", request.organisation.slug)


@login_required
def email_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    staff_of = [org.name for org, roles in organisations_of(user=user) if Role.STAFF in roles]
    topics = [topic for topic, field in emails.TOPICS.items() if getattr(user, field)]
    form = EmailSettingsForm(
        request.POST or None,
        staff_of=staff_of,
        initial={"language": user.language, "topics": topics},
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["topics"])
        emails.change_email_settings(
            user=user,
            by=user,
            language=form.cleaned_data["language"],
            emails_about_my_cases="my_cases" in chosen,
            # Only staff are offered new reports; anyone else keeps what they had (off).
            emails_about_new_reports="new_reports" in chosen
            if staff_of
            else user.emails_about_new_reports,
        )
        messages.success(request, _("Your email settings have been saved."))
        return redirect("email-settings")
    return render(request, "organisations/email_settings.html", {"form": form})


# --- Files prepared in the background -----------------------------------------------------------


def _prepared(request: OrgRequest, pk: int) -> tuple[PreparedFile, prepared_files.Kind]:
    """The person's own prepared file (anyone else's is a 404), if they may still have it."""
    prepared = object_in(
        request.organisation, PreparedFile.objects.filter(requested_by=request.user), pk=pk
    )
    kind = prepared_files.KINDS.get(prepared.kind)
    if kind is None:
        raise Http404
    if not kind.rule(request.roles):
        raise PermissionDenied
    return prepared, kind


@organisation_view(can.can_view_organisation)
def prepared_file(request: OrgRequest, pk: int) -> HttpResponse:
    prepared, kind = _prepared(request, pk)
    prepared = prepared_files.fail_if_stale(prepared)
    counted = _(kind.counted) % {
        "done": number_text(prepared.done),
        "total": number_text(prepared.total or 0),
    }
    response = render(
        request,
        "organisations/prepared_file.html",
        {
            "prepared": prepared,
            "counted": counted,
            "kept_until": prepared_files.kept_until(prepared),
            "back": prepared.params.get("back", ""),
        },
    )
    if not prepared.is_finished:
        response["Refresh"] = "3"  # the page follows the work without JavaScript
    return response


@organisation_view(can.can_view_organisation)
def download_prepared_file(request: OrgRequest, pk: int) -> FileResponse:
    prepared, kind = _prepared(request, pk)
    if prepared.status != PreparedFile.Status.DONE or not prepared.file:
        raise Http404
    try:
        handle = prepared.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Streamed from the disc a block at a time, whatever the file's size.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=prepared.filename,
        content_type=kind.content_type or None,  # None: guessed from the file's name
    )


@organisation_view(can.can_view_organisation)
@require_POST
def prepare_again(request: OrgRequest, pk: int) -> HttpResponse:
    prepared, _kind = _prepared(request, pk)
    again = prepared_files.prepare_again(prepared=prepared, by=request.user)
    return redirect("organisations:prepared-file", request.organisation.slug, again.pk)
