"""The newsletter pages: the list, writing one, its preview (the page, the email as it is sent,
a sample letter), sending it and following the sending, and the unsubscribe page a newsletter
links to (no sign-in)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from tenantry.core import email as emails
from tenantry.core.forms import add_errors, form_status
from tenantry.core.paging import page_of
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.organisations.models import Organisation

from . import forms_newsletters as forms
from . import permissions as can
from . import selectors_newsletters as selectors
from . import sending_newsletters as sending
from . import services_newsletters as services
from .newsletters import Newsletter, NewsletterItem, NewsletterPreference

PAGE_SIZE = 25


def _newsletter(request: OrgRequest, pk: int) -> Newsletter:
    return object_in(request.organisation, Newsletter, pk=pk)


def _to(newsletter: Newsletter) -> HttpResponse:
    return redirect("reports:newsletter", newsletter.organisation.slug, newsletter.pk)


def _language(request: HttpRequest) -> str:
    """The language a preview is shown in: `?language=cy` where Tenantry writes it, else the
    page's."""
    asked = request.GET.get("language", "")
    return emails.language_for(None, asked or request.LANGUAGE_CODE)


@organisation_view(can.can_view_newsletters)
def newsletters(request: OrgRequest) -> HttpResponse:
    page = page_of(selectors.newsletters_of(request.organisation), request.GET, per_page=PAGE_SIZE)
    return render(request, "reports/newsletters/list.html", {"page": page})


@organisation_view(can.can_compose_newsletters)
def new_newsletter(request: OrgRequest) -> HttpResponse:
    form = forms.NewsletterForm(
        request.POST or None, instance=Newsletter(organisation=request.organisation)
    )
    if request.method == "POST" and form.is_valid():
        newsletter = services.save_newsletter(newsletter=form.instance, by=request.user)
        return _to(newsletter)
    return render(
        request, "reports/newsletters/form.html", {"form": form}, status=form_status(form)
    )


@organisation_view(can.can_compose_newsletters)
def change_newsletter(request: OrgRequest, pk: int) -> HttpResponse:
    newsletter = _newsletter(request, pk)
    if newsletter.status != Newsletter.Status.DRAFT:
        return _to(newsletter)
    form = forms.NewsletterForm(request.POST or None, instance=newsletter)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_newsletter(newsletter=form.instance, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _to(newsletter)
    return render(
        request,
        "reports/newsletters/form.html",
        {"form": form, "newsletter": newsletter},
        status=form_status(form),
    )


@organisation_view(can.can_view_newsletters)
def newsletter(request: OrgRequest, pk: int) -> HttpResponse:
    """A draft: its preview and items, to change and send. Sending or sent: how it went."""
    newsletter = _newsletter(request, pk)
    items = selectors.items_of(newsletter)
    progress = None
    letters_file = None
    if newsletter.status != Newsletter.Status.DRAFT:
        progress = selectors.progress_of(newsletter)
        if newsletter.letters_file_id and newsletter.letters_file.requested_by_id == (
            request.user.pk
        ):
            letters_file = newsletter.letters_file
    response = render(
        request,
        "reports/newsletters/newsletter.html",
        {
            "newsletter": newsletter,
            "items": items,
            "blocks": selectors.blocks_of(items),
            "kinds": NewsletterItem.Kind.choices,
            "progress": progress,
            "letters_file": letters_file,
            "may_compose": can.can_compose_newsletters(request.roles),
            "may_send": can.can_send_newsletters(request.roles),
            "stalled": services.is_stalled(newsletter),
        },
    )
    if newsletter.status == Newsletter.Status.SENDING:
        response["Refresh"] = "5"  # the page follows the sending without JavaScript
    return response


@organisation_view(can.can_compose_newsletters)
def add_item(request: OrgRequest, pk: int, kind: str) -> HttpResponse:
    newsletter = _newsletter(request, pk)
    if kind not in NewsletterItem.Kind.values:
        raise Http404
    if newsletter.status != Newsletter.Status.DRAFT:
        return _to(newsletter)
    form = forms.ItemForm(
        request.POST or None,
        kind=kind,
        organisation=request.organisation,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_item(
                newsletter=newsletter,
                kind=kind,
                by=request.user,
                heading=data.get("heading", ""),
                body=data.get("body", ""),
                result=data.get("result"),
                meeting=data.get("meeting"),
                plan=data.get("plan"),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _to(newsletter)
    return render(
        request,
        "reports/newsletters/item_form.html",
        {
            "newsletter": newsletter,
            "form": form,
            "kind_label": NewsletterItem.Kind(kind).label,
        },
        status=form_status(form),
    )


@organisation_view(can.can_compose_newsletters)
@require_POST
def remove_item(request: OrgRequest, pk: int, item: int) -> HttpResponse:
    newsletter = _newsletter(request, pk)
    chosen = get_object_or_404(newsletter.items, pk=item)
    try:
        services.remove_item(item=chosen, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to(newsletter)


@organisation_view(can.can_compose_newsletters)
@require_POST
def move_item_up(request: OrgRequest, pk: int, item: int) -> HttpResponse:
    newsletter = _newsletter(request, pk)
    chosen = get_object_or_404(newsletter.items, pk=item)
    try:
        services.move_item_up(item=chosen, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _to(newsletter)


def _preview_message(request: OrgRequest, newsletter: Newsletter):
    """The email as a member would get it, to someone made up, in the preview's language."""
    language = _language(request)
    unsubscribe = sending.unsubscribe_url(organisation=newsletter.organisation, resident_id=0)
    email = sending.email_for(
        newsletter=newsletter,
        content=sending.Content(newsletter),
        to="sam@example.org",
        name=_("Sam"),
        language=language,
        unsubscribe=unsubscribe,
    )
    return sending.message_for(email, unsubscribe)


@organisation_view(can.can_view_newsletters)
def email_preview(request: OrgRequest, pk: int) -> HttpResponse:
    """The email's HTML part exactly as it is sent."""
    message = _preview_message(request, _newsletter(request, pk))
    html = message.alternatives[0].content
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # The email's own markup has inline styles only; nothing in it runs.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@organisation_view(can.can_view_newsletters)
def email_text(request: OrgRequest, pk: int) -> HttpResponse:
    """The email's headers that matter and its plain-text part, as sent."""
    message = _preview_message(request, _newsletter(request, pk))
    headers = "".join(
        f"{name}: {message.extra_headers[name]}\n"
        for name in ("List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted")
    )
    text = f"{_('Subject')}: {message.subject}\n{headers}\n{message.body}"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@organisation_view(can.can_view_newsletters)
def sample_letter(request: OrgRequest, pk: int) -> HttpResponse:
    """One letter as it would be printed (`?large=1`: in large print)."""
    newsletter = _newsletter(request, pk)
    large = request.GET.get("large") == "1"
    pdf = sending.sample_letter(newsletter=newsletter, large=large, language=_language(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"newsletter-{newsletter.pk}{'-large-print' if large else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@organisation_view(can.can_send_newsletters)
def send(request: OrgRequest, pk: int) -> HttpResponse:
    """GET: who will get it and how. POST: start sending; the work is the task queue's."""
    newsletter = _newsletter(request, pk)
    if request.method == "POST" and newsletter.status == Newsletter.Status.SENDING:
        if services.carry_on_sending(newsletter=newsletter, by=request.user):
            messages.success(request, _("Sending has started again where it stopped."))
        return _to(newsletter)
    if request.method == "POST":
        try:
            started = services.send_newsletter(newsletter=newsletter, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:newsletter-send", request.organisation.slug, newsletter.pk)
        if started:
            messages.success(request, _("Sending has started. This page shows how it goes."))
        else:
            messages.info(request, _("This newsletter was already sent: nothing more was sent."))
        return _to(newsletter)
    if newsletter.status != Newsletter.Status.DRAFT:
        return _to(newsletter)
    audience = selectors.audience_of(newsletter, timezone.localdate())
    return render(
        request,
        "reports/newsletters/send.html",
        {"newsletter": newsletter, "audience": audience},
    )


@organisation_view(can.can_send_newsletters)
@require_POST
def letters(request: OrgRequest, pk: int) -> HttpResponse:
    """Ask for the letters; they are written in the background and the person is sent to the
    file's page to follow them."""
    newsletter = _newsletter(request, pk)
    if newsletter.status == Newsletter.Status.DRAFT:
        return _to(newsletter)
    prepared = services.prepare_letters(
        newsletter=newsletter, by=request.user, language=request.LANGUAGE_CODE
    )
    return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)


# --- Unsubscribing, from the link in a newsletter: no sign-in --------------------------------


@csrf_exempt  # the signed token is the authority; mail providers POST here (RFC 8058)
def unsubscribe(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    organisation = Organisation.objects.filter(slug=slug).first()
    found = services.read_unsubscribe_token(token)
    if organisation is None or found is None or found[0] != organisation.pk:
        return render(request, "reports/newsletters/unsubscribe_bad.html", status=400)
    resident_id = found[1]
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        services.choose_newsletters(
            organisation=organisation,
            resident_id=resident_id,
            choice=NewsletterPreference.Choice.NONE,
        )
        return HttpResponse(_("You will get no more newsletters."), content_type="text/plain")
    form = forms.PreferenceForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        preference = services.choose_newsletters(
            organisation=organisation,
            resident_id=resident_id,
            choice=form.cleaned_data["choice"],
        )
        if preference is None:
            return render(request, "reports/newsletters/unsubscribe_bad.html", status=400)
        done = preference.choice
    return render(
        request,
        "reports/newsletters/unsubscribe.html",
        {"organisation_name": organisation.name, "form": form, "done": done},
        status=form_status(form),
    )
