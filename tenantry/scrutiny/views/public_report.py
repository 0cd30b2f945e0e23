"""'You said, we did' for tenants: no sign-in, plain words."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from tenantry.core.paging import page_of
from tenantry.organisations.models import Organisation

from .. import report_selectors as selectors


def you_said_we_did(request: HttpRequest, slug: str) -> HttpResponse:
    panel = get_object_or_404(Organisation, slug=slug)
    if panel.kind != Organisation.Kind.SCRUTINY_PANEL:
        raise Http404
    page = page_of(selectors.published_reports(panel=panel), request.GET, per_page=10)
    return render(
        request,
        "scrutiny/public/you_said_we_did.html",
        {
            "organisation": panel,
            "page": page,
            "reports": selectors.with_rows(page.object_list, timezone.localdate()),
        },
    )


urlpatterns = [path("<slug:slug>/", you_said_we_did, name="panel")]
