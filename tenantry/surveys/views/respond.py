"""A resident answering through their household's personal link, without signing in.

The code on the letter is the only key, so a wrong or used code says so plainly, and too many
wrong codes from one place are slowed down.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tenantry.core import query
from tenantry.core.clients import client_address
from tenantry.core.forms import form_status
from tenantry.organisations.models import Organisation

from .. import codes, languages, selectors, services
from ..forms import CodeForm, LanguageForm
from ..models import Draft, Invitation, Mode
from ..questionnaire import Questionnaire
from .answering import Flow, check_page, first_url, paragraphs, question_page, ui_language_for

FAILURES_ALLOWED = 20  # wrong codes per address per quarter hour
FAILURE_WINDOW = 15 * 60


def _too_many_failures(request: HttpRequest) -> bool:
    return cache.get(f"survey-code-failures:{client_address(request)}", 0) >= FAILURES_ALLOWED


def _note_failure(request: HttpRequest) -> None:
    key = f"survey-code-failures:{client_address(request)}"
    cache.add(key, 0, FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, FAILURE_WINDOW)


def _wanted_language(request: HttpRequest, survey) -> str:
    """The survey language that matches the site language the person already uses, if any."""
    current = (translation.get_language() or "en").split("-")[0]
    return current if current in survey.language_codes() else "en"


def _not_found(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    _note_failure(request)
    return render(
        request,
        "surveys/respond/not_found.html",
        {"organisation_name": organisation.name, "slug": organisation.slug, "form": CodeForm()},
        status=404,
    )


@never_cache
def enter_code(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many_failures(request):
            return render(request, "surveys/respond/slow_down.html", status=429)
        code = form.cleaned_data["code"]
        if selectors.find_invitation(slug=slug, code=code) is None:
            _note_failure(request)
            form.add_error(
                "code", _("We cannot find that code. Check it against your letter and try again.")
            )
        else:
            return redirect("survey:start", slug, codes.normalise(code))
    return render(
        request,
        "surveys/respond/enter_code.html",
        {"form": form, "organisation_name": organisation.name},
        status=form_status(form),
    )


def _load(request: HttpRequest, slug: str, code: str) -> Invitation | HttpResponse:
    if _too_many_failures(request):
        return render(request, "surveys/respond/slow_down.html", status=429)
    invitation = selectors.find_invitation(slug=slug, code=code)
    if invitation is None:
        return _not_found(request, get_object_or_404(Organisation, slug=slug))
    return invitation


def _unavailable(request: HttpRequest, invitation: Invitation, language: str):
    """The page to show instead of the questions, if the survey cannot be answered now."""
    survey = invitation.survey
    with translation.override(ui_language_for(language)):
        if survey.one_response_per_household and invitation.answered:
            template = "surveys/respond/already_answered.html"
        elif not survey.is_accepting():
            template = "surveys/respond/closed.html"
        else:
            return None
        return render(
            request,
            template,
            {
                "survey": survey,
                "organisation_name": survey.organisation.name,
                "survey_title": survey.title_in(language),
                "language": language,
                "text_dir": "rtl" if languages.is_rtl(language) else "ltr",
                "today": timezone.localdate(),
            },
        )


def _draft_of(invitation: Invitation) -> Draft | None:
    """The household's own answers so far: never an interviewer's, for an anonymous survey."""
    return selectors.own_draft(invitation=invitation)


def _flow(request: HttpRequest, invitation: Invitation, draft: Draft) -> Flow:
    slug, code = invitation.survey.organisation.slug, request.resolver_match.kwargs["code"]

    def url(name: str, *args) -> str:
        return reverse(f"survey:{name}", args=[slug, code, *args])

    def save(item, value) -> None:
        services.save_answer(draft=draft, question_pk=item.question.pk, value=value)

    return Flow(
        request=request,
        questionnaire=Questionnaire(invitation.survey),
        answers=draft.answers,
        language=draft.language,
        save=save,
        url=url,
        ui_language=ui_language_for(draft.language),
        context={"organisation_name": invitation.survey.organisation.name},
    )


@never_cache
def start(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    invitation = _load(request, slug, code)
    if isinstance(invitation, HttpResponse):
        return invitation
    survey = invitation.survey
    draft = _draft_of(invitation)
    language = request.POST.get("language") or query.text(request.GET, "language")
    if language not in survey.language_codes():
        language = draft.language if draft else _wanted_language(request, survey)
    if unavailable := _unavailable(request, invitation, language):
        return unavailable
    form = LanguageForm(
        request.POST if request.method == "POST" else None,
        survey=survey,
        initial={"language": language},
    )
    if request.method == "POST" and form.is_valid():
        draft = services.start_draft(
            invitation=invitation, mode=Mode.WEB, language=form.cleaned_data["language"]
        )
        return redirect(first_url(_flow(request, invitation, draft)))
    with translation.override(ui_language_for(language)):
        return render(
            request,
            "surveys/respond/start.html",
            {
                "survey": survey,
                "organisation_name": survey.organisation.name,
                "form": form,
                "language": language,
                "text_dir": "rtl" if languages.is_rtl(language) else "ltr",
                "survey_title": survey.title_in(language),
                "intro": paragraphs(survey.intro_in(language)),
                "languages": [
                    (code_, languages.own_name(code_), languages.is_rtl(code_))
                    for code_ in survey.language_codes()
                ],
                "resuming": bool(draft and draft.answers),
                "question_count": survey.questions.count(),
            },
        )


def _answering(request: HttpRequest, slug: str, code: str):
    """The invitation and its draft, or the page to show instead."""
    invitation = _load(request, slug, code)
    if isinstance(invitation, HttpResponse):
        return invitation, None
    draft = _draft_of(invitation)
    language = draft.language if draft else "en"
    if unavailable := _unavailable(request, invitation, language):
        return unavailable, None
    if draft is None:
        return redirect("survey:start", slug, code), None
    return invitation, draft


@never_cache
def question(request: HttpRequest, slug: str, code: str, question: int) -> HttpResponse:
    invitation, draft = _answering(request, slug, code)
    if draft is None:
        return invitation
    return question_page(_flow(request, invitation, draft), question)


@never_cache
def check(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    invitation, draft = _answering(request, slug, code)
    if draft is None:
        return invitation
    flow = _flow(request, invitation, draft)

    def send() -> HttpResponse:
        try:
            services.submit_draft(draft=draft)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(flow.url("check"))
        # The thank-you page's language travels in its address, never in the session: a
        # session saved now would carry the moment of sending beside the person signed in.
        return redirect(f"{flow.url('done')}?{urlencode({'language': draft.language})}")

    return check_page(flow, send)


@never_cache
def done(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    invitation = _load(request, slug, code)
    if isinstance(invitation, HttpResponse):
        return invitation
    if not invitation.answered:
        return redirect("survey:start", slug, code)
    survey = invitation.survey
    language = query.text(request.GET, "language", "en")
    if language not in survey.language_codes():
        language = "en"
    with translation.override(ui_language_for(language)):
        return render(
            request,
            "surveys/respond/done.html",
            {
                "survey": survey,
                "organisation_name": survey.organisation.name,
                "survey_title": survey.title_in(language),
                "language": language,
                "text_dir": "rtl" if languages.is_rtl(language) else "ltr",
                "anonymous": survey.is_anonymous,
            },
        )


urlpatterns = [
    path("<slug:slug>/", enter_code, name="enter-code"),
    path("<slug:slug>/<str:code>/", start, name="start"),
    path("<slug:slug>/<str:code>/questions/<int:question>/", question, name="question"),
    path("<slug:slug>/<str:code>/check/", check, name="check"),
    path("<slug:slug>/<str:code>/thank-you/", done, name="done"),
]
