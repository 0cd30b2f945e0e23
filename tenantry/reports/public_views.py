"""An organisation's public page, for everyone, and the committee's page to write and publish
it.

The public pages answer only for an organisation `publication.published_organisations()`
holds; any other address is the same 404, so nothing says whether an organisation exists or
has a page it has not published. Each page's body is kept in the cache per organisation and
language (`PUBLIC_PAGE_CACHE_SECONDS`) and says how current its figures are; the frame around
it (the language switcher, which carries a form token) is drawn for each request.
"""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import Organisation

from . import permissions as can
from . import public, services
from .annual_selectors import published_annual_reports
from .forms import PublicPageForm
from .models import PublicPage
from .publication import published_organisations


def _home(organisation: Organisation, today: date) -> dict:
    return {
        **public.about(organisation=organisation, today=today),
        "figures": public.figures(organisation=organisation, today=today, charts=False),
        "plans": public.plans(organisation=organisation, today=today),
        **public.scrutiny(organisation=organisation, today=today),
        **public.meetings(organisation=organisation, today=today),
        "annual_reports": list(published_annual_reports(organisation)),
    }


def _performance(organisation: Organisation, today: date) -> dict:
    return {"figures": public.figures(organisation=organisation, today=today)}


# Each public page: its title, the template of its body, and what the body reads.
PARTS: dict[str, tuple[str, str, Callable[[Organisation, date], dict]]] = {
    "home": ("", "reports/public/_home.html", _home),
    "performance": ("performance", "reports/public/_performance.html", _performance),
}


def _body(organisation: Organisation, page: PublicPage, part: str, *, keep: bool) -> str:
    """The page's body, from the cache when `keep` and it is there; drawn and kept otherwise."""
    key = public.cache_key(page, part)
    seconds = public.cache_seconds()
    if keep and seconds:
        found = cache.get(key)
        if found is not None:
            return found
    _name, template, read = PARTS[part]
    today = timezone.localdate()
    context = read(organisation, today)
    context.update(organisation=organisation, page=page, as_at=timezone.localtime())
    body = render_to_string(template, context)
    if keep and seconds:
        cache.set(key, body, seconds)
    return body


def _published(slug: str) -> Organisation:
    organisation = (
        published_organisations()
        .select_related("public_page", "landlord")
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def _show(request: HttpRequest, organisation: Organisation, part: str, *, preview=False):
    page = organisation.public_page if not preview else _page_of(organisation)
    return render(
        request,
        "reports/public/page.html",
        {
            "organisation": organisation,
            "organisation_name": organisation.name,
            "page": page,
            "part": part,
            "preview": preview,
            "body": _body(organisation, page, part, keep=not preview),
        },
    )


@require_safe
def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _show(request, _published(slug), "home")


@require_safe
def public_performance(request: HttpRequest, slug: str) -> HttpResponse:
    return _show(request, _published(slug), "performance")


@require_safe
def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/public/index.html",
        {"organisations": published_organisations().select_related("landlord")},
    )


# --- the committee's side --------------------------------------------------------------------


def _page_of(organisation: Organisation) -> PublicPage:
    return PublicPage.objects.filter(organisation=organisation).first() or PublicPage(
        organisation=organisation
    )


FIELDS = (
    "introduction", "how_to_join", "how_to_complain", "contact_email", "contact_phone",
    "contact_address", "show_contact",
)  # fmt: skip


@organisation_view(can.can_keep_public_page)
def public_page_settings(request: OrgRequest) -> HttpResponse:
    page = _page_of(request.organisation)
    form = PublicPageForm(
        request.POST or None, initial={name: getattr(page, name) for name in FIELDS}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_public_page(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your public page is saved. Everyone can read the change now.")
                if page.published
                else _("Your public page is saved. Look at the preview, then publish it."),
            )
            return redirect("reports:public-page-settings", request.organisation.slug)
    return render(
        request,
        "reports/public_page_settings.html",
        {"form": form, "page": page},
        status=form_status(form),
    )


@organisation_view(can.can_keep_public_page)
@require_safe
def preview_public_page(request: OrgRequest) -> HttpResponse:
    return _show(request, request.organisation, "home", preview=True)


@organisation_view(can.can_keep_public_page)
@require_POST
def publish_public_page(request: OrgRequest) -> HttpResponse:
    try:
        services.publish_public_page(organisation=request.organisation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your public page is published. Anyone can read it now."))
    return redirect("reports:public-page-settings", request.organisation.slug)


@organisation_view(can.can_keep_public_page)
@require_POST
def unpublish_public_page(request: OrgRequest) -> HttpResponse:
    services.unpublish_public_page(organisation=request.organisation, by=request.user)
    messages.success(request, _("Your public page is taken down. Its texts are kept."))
    return redirect("reports:public-page-settings", request.organisation.slug)
