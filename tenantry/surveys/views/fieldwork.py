"""Fieldwork: the invited households, interviews at the door or by phone entered on a phone as
they happen, paper questionnaires keyed in afterwards, and everything to print."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.forms import form_status
from tenantry.homes.models import Estate
from tenantry.homes.permissions import can_view_households
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.surveys import permissions as can

from .. import background, forms, languages, pdf, selectors, services
from ..models import Draft, Invitation, Survey
from ..questionnaire import Questionnaire
from . import survey_in
from .answering import Flow, check_page, first_url, question_page

PAGE_SIZE = 50


def _invitation(survey: Survey, pk: int) -> Invitation:
    return get_object_or_404(survey.invitations.select_related("household__home", "estate"), pk=pk)


def _estates(survey: Survey):
    return Estate.objects.filter(pk__in=survey.invitations.values("estate").distinct()).order_by(
        "name"
    )


@organisation_view(can.can_do_survey_fieldwork)
def households(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    form = forms.FieldworkFilterForm(request.GET or None, estates=_estates(survey))
    chosen = form.cleaned_data if form.is_valid() else {}
    found = selectors.invitations_to_visit(
        survey=survey,
        estate=chosen.get("estate"),
        status=chosen.get("status", ""),
        search=chosen.get("search", ""),
    )
    page = Paginator(found, PAGE_SIZE).get_page(query.text(request.GET, "page"))
    may_see_needs = can_view_households(request.roles)
    needs = selectors.residents_needing_help(invitations=page) if may_see_needs else {}
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "surveys/households.html",
        {
            "survey": survey,
            "form": form,
            "page": page,
            "rows": [(invitation, needs.get(invitation.household_id, [])) for invitation in page],
            "may_see_needs": may_see_needs,
            "query": params.urlencode(),
            "accepting": survey.status == Survey.Status.OPEN,
        },
    )


def _interview_flow(request: OrgRequest, survey: Survey, invitation: Invitation, draft: Draft):
    def url(name: str, *args) -> str:
        names = {
            "question": "interview-question",
            "check": "interview-check",
            "start": "interview",
        }
        return reverse(
            f"surveys:{names[name]}",
            args=[request.organisation.slug, survey.pk, invitation.pk, *args],
        )

    def save(item, value) -> None:
        services.save_answer(draft=draft, question_pk=item.question.pk, value=value)

    home = invitation.household.home
    context = {
        "interview": _("%(mode)s interview at %(address)s. Each answer is saved as you go.")
        % {"mode": draft.get_mode_display(), "address": home.address},
    }
    if survey.is_anonymous and selectors.started_online(invitation=invitation):
        context["started_online"] = True
    return Flow(
        request=request,
        questionnaire=Questionnaire(survey),
        answers=draft.answers,
        language=draft.language,
        save=save,
        url=url,
        base_template="base.html",
        context=context,
    )


def _refuse_if_closed(request: OrgRequest, survey: Survey) -> HttpResponse | None:
    if survey.status != Survey.Status.OPEN:
        messages.error(request, _("The survey is not open, so it cannot take answers."))
        return redirect("surveys:households", request.organisation.slug, survey.pk)
    return None


def _refuse_if_answered(request: OrgRequest, survey: Survey, invitation: Invitation):
    if survey.one_response_per_household and invitation.answered:
        messages.error(request, services.duplicate_message())
        return redirect("surveys:households", request.organisation.slug, survey.pk)
    return None


@organisation_view(can.can_do_survey_fieldwork)
def interview(request: OrgRequest, pk: int, invitation: int) -> HttpResponse:
    survey = survey_in(request, pk)
    invitation = _invitation(survey, invitation)
    if refused := _refuse_if_closed(request, survey) or _refuse_if_answered(
        request, survey, invitation
    ):
        return refused
    draft = selectors.own_draft(invitation=invitation, by=request.user)
    form = forms.InterviewForm(
        request.POST or None,
        survey=survey,
        initial={
            "mode": draft.mode if draft and draft.mode != "web" else "door",
            "language": draft.language if draft else "en",
        },
    )
    if request.method == "POST" and form.is_valid():
        draft = services.start_draft(
            invitation=invitation,
            mode=form.cleaned_data["mode"],
            language=form.cleaned_data["language"],
            by=request.user,
        )
        return redirect(first_url(_interview_flow(request, survey, invitation, draft)))
    return render(
        request,
        "surveys/interview.html",
        {
            "survey": survey,
            "invitation": invitation,
            "form": form,
            "draft": draft,
            "answered_so_far": len(draft.answers) if draft else 0,
            # Anonymous: that the household began online, never what nor how much.
            "started_online": survey.is_anonymous
            and selectors.started_online(invitation=invitation),
        },
        status=form_status(form),
    )


def _interview_draft(request: OrgRequest, pk: int, invitation: int):
    survey = survey_in(request, pk)
    invitation = _invitation(survey, invitation)
    if refused := _refuse_if_closed(request, survey) or _refuse_if_answered(
        request, survey, invitation
    ):
        return survey, invitation, None, refused
    draft = selectors.own_draft(invitation=invitation, by=request.user)
    if draft is None:
        start = redirect("surveys:interview", request.organisation.slug, survey.pk, invitation.pk)
        return survey, invitation, None, start
    return survey, invitation, draft, None


@organisation_view(can.can_do_survey_fieldwork)
def interview_question(request: OrgRequest, pk: int, invitation: int, question: int):
    survey, invitation, draft, instead = _interview_draft(request, pk, invitation)
    if instead:
        return instead
    return question_page(_interview_flow(request, survey, invitation, draft), question)


@organisation_view(can.can_do_survey_fieldwork)
def interview_check(request: OrgRequest, pk: int, invitation: int) -> HttpResponse:
    survey, invitation, draft, instead = _interview_draft(request, pk, invitation)
    if instead:
        return instead
    flow = _interview_flow(request, survey, invitation, draft)

    def send() -> HttpResponse:
        try:
            services.submit_draft(draft=draft, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(flow.url("check"))
        messages.success(
            request,
            _("The answers from %(address)s are sent. Thank you.")
            % {"address": invitation.household.home.address},
        )
        return redirect("surveys:households", request.organisation.slug, survey.pk)

    return check_page(flow, send)


@organisation_view(can.can_do_survey_fieldwork)
def paper(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    questionnaire = Questionnaire(survey)
    form = forms.PaperForm(
        request.POST or None, questionnaire=questionnaire, estates=_estates(survey)
    )
    language = request.POST.get("language", "en")
    if language not in survey.language_codes():
        language = "en"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = None
        if data.get("code"):
            invitation = selectors.find_invitation(
                slug=request.organisation.slug, code=data["code"]
            )
            if invitation is None or invitation.survey_id != survey.pk:
                form.add_error("code", _("No household invited to this survey has that code."))
        if not form.errors:
            try:
                services.enter_paper_response(
                    survey=survey,
                    by=request.user,
                    answers=services.clean_answers(questionnaire, data),
                    language=language,
                    invitation=invitation,
                    estate_id=data["estate"].pk if data.get("estate") else None,
                )
            except ValidationError as error:
                field = "code" if error.code in ("duplicate", "code_needed") else None
                form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("The paper answers are saved. Enter the next one."))
                return redirect("surveys:paper", request.organisation.slug, survey.pk)
    return render(
        request,
        "surveys/paper.html",
        {
            "survey": survey,
            "form": form,
            "language": language,
            "languages": [(code, languages.english_name(code)) for code in survey.language_codes()],
            "accepting": survey.status == Survey.Status.OPEN,
        },
        status=form_status(form),
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@organisation_view(can.can_view_surveys)
def questionnaire_pdf(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    language = query.text(request.GET, "language", "en")
    if language not in survey.language_codes():
        raise Http404
    large = query.text(request.GET, "size") == "large"
    content = pdf.questionnaire_pdf(survey=survey, language=language, large=large)
    name = slugify(survey.title) or "survey"
    return _pdf_response(content, f"{name}-{language}{'-large-print' if large else ''}.pdf")


@organisation_view(can.can_do_survey_fieldwork)
@require_POST
def letters(request: OrgRequest, pk: int) -> HttpResponse:
    """Ask for the letters of the households shown; they are written in the background and
    the person is sent to the file's page to follow them."""
    survey = survey_in(request, pk)
    form = forms.FieldworkFilterForm(request.POST, estates=_estates(survey))
    chosen = form.cleaned_data if form.is_valid() else {}
    status = chosen.get("status") or "waiting"
    search = chosen.get("search", "")
    found = selectors.invitations_to_visit(
        survey=survey, estate=chosen.get("estate"), status=status, search=search
    )
    if not found.exists():
        messages.error(request, _("No households match, so there are no letters to print."))
        return redirect("surveys:households", request.organisation.slug, survey.pk)
    prepared = background.prepare_letters(
        survey=survey,
        estate=chosen.get("estate"),
        status=status,
        search=search,
        site=request.build_absolute_uri("/").rstrip("/"),
        by=request.user,
        language=request.LANGUAGE_CODE,
    )
    return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)


urlpatterns = [
    path("surveys/<int:pk>/households/", households, name="households"),
    path(
        "surveys/<int:pk>/households/<int:invitation>/interview/",
        interview,
        name="interview",
    ),
    path(
        "surveys/<int:pk>/households/<int:invitation>/interview/check/",
        interview_check,
        name="interview-check",
    ),
    path(
        "surveys/<int:pk>/households/<int:invitation>/interview/<int:question>/",
        interview_question,
        name="interview-question",
    ),
    path("surveys/<int:pk>/paper/", paper, name="paper"),
    path("surveys/<int:pk>/questionnaire.pdf", questionnaire_pdf, name="questionnaire-pdf"),
    path("surveys/<int:pk>/letters/", letters, name="letters"),
]
