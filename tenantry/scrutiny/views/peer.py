"""Peer reviews: the invitations a panel sent and received, inviting another panel, and, for
the invited panel, the inviting panel's record to read and the peer review to write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import Organisation

from .. import peer_services as services
from .. import permissions as can
from .. import report_forms as forms
from .. import report_selectors as selectors
from ..models import PeerReview


def _panel(request: OrgRequest) -> None:
    if request.organisation.kind != Organisation.Kind.SCRUTINY_PANEL:
        raise Http404


def _peer(request: OrgRequest, pk: int) -> PeerReview:
    """A peer review the panel asked for or was asked to write; any other is a 404."""
    _panel(request)
    found = (
        PeerReview.objects.select_related("panel", "reviewer")
        .filter(Q(panel=request.organisation) | Q(reviewer=request.organisation), pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@organisation_view(can.can_read_scrutiny_record)
def peer_reviews(request: OrgRequest) -> HttpResponse:
    _panel(request)
    page = page_of(selectors.peer_reviews_of(panel=request.organisation), request.GET, per_page=25)
    return render(request, "scrutiny/peer/list.html", {"page": page})


@organisation_view(can.can_run_peer_reviews)
def invite(request: OrgRequest) -> HttpResponse:
    _panel(request)
    form = forms.InviteForm(
        request.POST or None, panels=selectors.panels_to_invite(panel=request.organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            peer = services.invite_peer_review(
                panel=request.organisation,
                reviewer=form.cleaned_data["reviewer"],
                request=form.cleaned_data["request"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(panel)s is invited: its members can now read your record.")
                % {"panel": peer.reviewer.name},
            )
            return redirect("scrutiny:peer-review", request.organisation.slug, peer.pk)
    return render(request, "scrutiny/peer/invite.html", {"form": form}, status=form_status(form))


@organisation_view(can.can_read_scrutiny_record)
def peer_review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _peer(request, pk)
    invited = found.reviewer_id == request.organisation.pk
    context = {"peer": found, "invited": invited}
    if invited:
        # The invited panel reads the inviting panel's record, its members only, until they
        # have sent their peer review.
        if not can.can_run_peer_reviews(request.roles):
            raise PermissionDenied
        if not found.is_reported:
            context["record"] = selectors.with_rows(
                selectors.published_reports(panel=found.panel), timezone.localdate()
            )
    return render(request, "scrutiny/peer/peer.html", context)


@organisation_view(can.can_run_peer_reviews)
def write_peer_review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _peer(request, pk)
    if found.reviewer_id != request.organisation.pk:
        raise Http404
    if found.is_reported:
        messages.info(request, _("Your peer review has already been sent."))
        return redirect("scrutiny:peer-review", request.organisation.slug, found.pk)
    form = forms.PeerReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.write_peer_review(
                peer=found, report=form.cleaned_data["report"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your peer review is sent to %(panel)s.") % {"panel": found.panel.name},
            )
            return redirect("scrutiny:peer-review", request.organisation.slug, found.pk)
    return render(
        request, "scrutiny/peer/write.html", {"form": form, "peer": found}, status=form_status(form)
    )


urlpatterns = [
    path("scrutiny/peer-reviews/", peer_reviews, name="peer-reviews"),
    path("scrutiny/peer-reviews/invite/", invite, name="invite-peer-review"),
    path("scrutiny/peer-reviews/<int:pk>/", peer_review, name="peer-review"),
    path("scrutiny/peer-reviews/<int:pk>/write/", write_peer_review, name="write-peer-review"),
]
