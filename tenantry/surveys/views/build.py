"""Building a survey: its settings, sections and questions, translations, a preview exactly as
residents see it, whom to invite, and opening and closing it."""

import math

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.surveys import permissions as can

from .. import forms, languages, library, selectors, services
from ..models import Question, Section, Survey
from ..questionnaire import Questionnaire
from ..statistics import required_sample_size
from ..tsm_sample import tsm_samples
from . import survey_in
from .answering import Flow, check_page, first_url, paragraphs, question_page, ui_language_for


def _results_url(survey: Survey) -> str | None:
    """The results pages, once they exist in this installation."""
    try:
        return reverse("surveys:results", args=[survey.organisation.slug, survey.pk])
    except NoReverseMatch:
        return None


# --- Surveys ---------------------------------------------------------------------------------


@organisation_view(can.can_view_surveys)
def surveys(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "surveys/surveys.html",
        {"surveys": selectors.surveys_of(organisation=request.organisation)},
    )


@organisation_view(can.can_build_surveys)
def create_survey(request: OrgRequest) -> HttpResponse:
    form = forms.CreateSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The survey is ready to check and change."))
            return redirect(survey)
    return render(
        request,
        "surveys/create.html",
        {"form": form, "templates": library.TEMPLATES},
        status=form_status(form),
    )


@organisation_view(can.can_view_surveys)
def survey(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    total, by_estate = selectors.invitation_progress(survey=survey)
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "question_count": survey.questions.count(),
            "total": total,
            "by_estate": by_estate,
            "by_mode": selectors.responses_by_mode(survey=survey),
            "response_count": survey.responses.count(),
            "languages": [(code, languages.english_name(code)) for code in survey.languages],
            "viewers": survey.confidential_viewers.all(),
            "results_url": _results_url(survey),
            "public_url": request.build_absolute_uri(
                reverse("survey:enter-code", args=[request.organisation.slug])
            ),
        },
    )


@organisation_view(can.can_build_surveys)
def edit_survey(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    form = forms.SurveySettingsForm(
        request.POST or None, instance=survey, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_survey(
                survey=form.save(commit=False),
                by=request.user,
                viewers=form.cleaned_data["confidential_viewers"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The survey's settings are saved."))
            return redirect(survey)
    return render(
        request,
        "surveys/edit.html",
        {"form": form, "survey": survey},
        status=form_status(form),
    )


@organisation_view(can.can_build_surveys)
def delete_survey(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.delete_survey(survey=survey, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The survey “%s” is deleted.") % survey.title)
            return redirect("surveys:surveys", request.organisation.slug)
    return render(request, "surveys/delete.html", {"survey": survey, "error": error})


@organisation_view(can.can_build_surveys)
@require_POST
def change_status(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    action = request.POST.get("action")
    try:
        if action == "open":
            services.open_survey(survey=survey, by=request.user)
            messages.success(request, _("The survey is open: people can answer it now."))
        elif action == "close":
            services.close_survey(survey=survey, by=request.user)
            messages.success(request, _("The survey is closed: it takes no more answers."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(survey)


# --- Questions ---------------------------------------------------------------------------------


@organisation_view(can.can_view_surveys)
def questions(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    questionnaire = Questionnaire(survey)
    groups: list[tuple[Section | None, list]] = [(None, [])] + [
        (section, []) for section in questionnaire.sections
    ]
    index = {section.pk if section else None: items for section, items in groups}
    for item in questionnaire:
        index[item.question.section_id].append((item, _condition_text(questionnaire, item)))
    return render(
        request,
        "surveys/questions.html",
        {
            "survey": survey,
            "groups": [(s, items) for s, items in groups if s is not None or items],
            "may_edit": can.can_build_surveys(request.roles) and survey.is_editable,
        },
    )


def _condition_text(questionnaire: Questionnaire, item) -> str:
    """ "question 2 is “Yes”": when a question is shown."""
    question = item.question
    condition = questionnaire.item(question.show_if_question_id or 0)
    if condition is None:
        return ""
    labels = [c.label for c in condition.choices if c.value in question.show_if_values]
    return _("the answer to question %(number)d is %(answers)s") % {
        "number": condition.number,
        "answers": _(" or ").join(f"“{label}”" for label in labels),
    }


def _question_form_page(request, survey, form, question=None) -> HttpResponse:
    show_if_groups = [
        (label, [form["show_if"][i] for i in range(start, start + len(options))])
        for (label, options), start in _starts(form.fields["show_if"].choices)
    ]
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": question, "show_if_groups": show_if_groups},
        status=form_status(form),
    )


def _starts(groups):
    start = 0
    for label, options in groups:
        yield (label, options), start
        start += len(options)


def _editable(request: OrgRequest, survey: Survey) -> HttpResponse | None:
    if not survey.is_editable:
        messages.error(
            request,
            _("This survey is open or closed, so its questions cannot change."),
        )
        return redirect("surveys:questions", request.organisation.slug, survey.pk)
    return None


@organisation_view(can.can_build_surveys)
def add_question(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    section = survey.sections.filter(pk=query.read(request.GET, "section", int, None)).first()
    form = forms.QuestionForm(
        request.POST or None,
        instance=Question(survey=survey),
        survey=survey,
        initial={"section": section, "kind": Question.Kind.SINGLE, "required": True},
    )
    return _save_question(request, survey, form)


@organisation_view(can.can_build_surveys)
def edit_question(request: OrgRequest, pk: int, question: int) -> HttpResponse:
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    question = get_object_or_404(survey.questions, pk=question)
    form = forms.QuestionForm(request.POST or None, instance=question, survey=survey)
    return _save_question(request, survey, form, question)


def _save_question(request, survey, form, question=None) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_question(
                question=form.save(commit=False),
                by=request.user,
                choice_labels=form.choice_labels(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The question is saved."))
            url = reverse("surveys:questions", args=[request.organisation.slug, survey.pk])
            return redirect(f"{url}#question-{saved.pk}")
    return _question_form_page(request, survey, form, question)


@organisation_view(can.can_build_surveys)
def delete_question(request: OrgRequest, pk: int, question: int) -> HttpResponse:
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    question = get_object_or_404(survey.questions, pk=question)
    if request.method == "POST":
        services.delete_question(question=question, by=request.user)
        messages.success(request, _("The question is deleted."))
        return redirect("surveys:questions", request.organisation.slug, survey.pk)
    return render(request, "surveys/delete_question.html", {"survey": survey, "question": question})


@organisation_view(can.can_build_surveys)
@require_POST
def move(request: OrgRequest, pk: int) -> HttpResponse:
    """Move a question or a section one place up or down."""
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    up = request.POST.get("direction") == "up"
    anchor = ""
    if "question" in request.POST:
        question = get_object_or_404(survey.questions, pk=request.POST.get("question"))
        services.move_question(question=question, up=up, by=request.user)
        anchor = f"#question-{question.pk}"
    elif "section" in request.POST:
        section = get_object_or_404(survey.sections, pk=request.POST.get("section"))
        services.move_section(section=section, up=up, by=request.user)
        anchor = f"#section-{section.pk}"
    url = reverse("surveys:questions", args=[request.organisation.slug, survey.pk])
    return redirect(url + anchor)


@organisation_view(can.can_build_surveys)
def add_section(request: OrgRequest, pk: int) -> HttpResponse:
    return _save_section(request, pk, None)


@organisation_view(can.can_build_surveys)
def edit_section(request: OrgRequest, pk: int, section: int) -> HttpResponse:
    return _save_section(request, pk, section)


def _save_section(request: OrgRequest, pk: int, section_pk: int | None) -> HttpResponse:
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    section = (
        get_object_or_404(survey.sections, pk=section_pk) if section_pk else Section(survey=survey)
    )
    form = forms.SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.save_section(section=form.save(commit=False), by=request.user)
        messages.success(request, _("The section is saved."))
        return redirect("surveys:questions", request.organisation.slug, survey.pk)
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "survey": survey, "section": section if section_pk else None},
        status=form_status(form),
    )


@organisation_view(can.can_build_surveys)
def delete_section(request: OrgRequest, pk: int, section: int) -> HttpResponse:
    survey = survey_in(request, pk)
    if refused := _editable(request, survey):
        return refused
    section = get_object_or_404(survey.sections, pk=section)
    error = None
    if request.method == "POST":
        try:
            services.delete_section(section=section, by=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("The section is deleted."))
            return redirect("surveys:questions", request.organisation.slug, survey.pk)
    return render(
        request,
        "surveys/delete_section.html",
        {"survey": survey, "section": section, "error": error},
    )


# --- Translations ------------------------------------------------------------------------------


def _completeness(survey: Survey, questionnaire: Questionnaire, language: str) -> tuple[int, int]:
    texts = [(survey.title, survey.title_translations)]
    if survey.intro:
        texts.append((survey.intro, survey.intro_translations))
    texts += [(s.title, s.title_translations) for s in questionnaire.sections]
    for item in questionnaire:
        texts.append((item.question.text, item.question.text_translations))
        if item.question.help:
            texts.append((item.question.help, item.question.help_translations))
        texts += [(c.label, c.label_translations) for c in item.choices]
    done = sum(1 for _text, translations in texts if translations.get(language, "").strip())
    return done, len(texts)


@organisation_view(can.can_build_surveys)
def translations(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    questionnaire = Questionnaire(survey)
    rows = []
    for code in survey.languages:
        done, total = _completeness(survey, questionnaire, code)
        rows.append(
            {"code": code, "name": languages.english_name(code), "done": done, "total": total}
        )
    return render(request, "surveys/translations.html", {"survey": survey, "rows": rows})


@organisation_view(can.can_build_surveys)
def translate(request: OrgRequest, pk: int, language: str) -> HttpResponse:
    survey = survey_in(request, pk)
    if language not in survey.languages:
        raise Http404
    form = forms.TranslationForm(request.POST or None, survey=survey, language=language)
    if request.method == "POST" and form.is_valid():
        services.save_translations(
            survey=survey, language=language, texts=form.cleaned_data, by=request.user
        )
        messages.success(
            request,
            _("The %(language)s translation is saved.")
            % {"language": languages.english_name(language)},
        )
        return redirect("surveys:translations", request.organisation.slug, survey.pk)
    return render(
        request,
        "surveys/translate.html",
        {
            "survey": survey,
            "form": form,
            "language": language,
            "language_name": languages.english_name(language),
        },
    )


# --- Preview ----------------------------------------------------------------------------------


def _preview_flow(request: OrgRequest, survey: Survey) -> Flow:
    key = f"survey-preview-{survey.pk}"
    stored = request.session.get(key) or {"language": "en", "answers": {}}

    def save(item, value) -> None:
        answers = dict(stored["answers"])
        if value is None:
            answers.pop(str(item.question.pk), None)
        else:
            answers[str(item.question.pk)] = value
        request.session[key] = {**stored, "answers": answers}

    def url(name: str, *args) -> str:
        names = {"question": "preview-question", "check": "preview-check", "start": "preview"}
        return reverse(f"surveys:{names[name]}", args=[request.organisation.slug, survey.pk, *args])

    return Flow(
        request=request,
        questionnaire=Questionnaire(survey),
        answers=stored["answers"],
        language=stored["language"],
        save=save,
        url=url,
        ui_language=ui_language_for(stored["language"]),
        context={
            "preview": True,
            "organisation_name": survey.organisation.name,
            "preview_exit_url": reverse(
                "surveys:questions", args=[request.organisation.slug, survey.pk]
            ),
        },
    )


@organisation_view(can.can_view_surveys)
def preview(request: OrgRequest, pk: int) -> HttpResponse:
    """The start page as a resident sees it; starting clears the previous preview's answers."""
    survey = survey_in(request, pk)
    language = request.POST.get("language") or query.text(request.GET, "language") or "en"
    if language not in survey.language_codes():
        language = "en"
    if request.method == "POST":
        request.session[f"survey-preview-{survey.pk}"] = {"language": language, "answers": {}}
        return redirect(first_url(_preview_flow(request, survey)))
    flow = _preview_flow(request, survey)
    with translation.override(ui_language_for(language)):
        return render(
            request,
            "surveys/respond/start.html",
            {
                **flow.context,
                "survey": survey,
                "form": forms.LanguageForm(survey=survey),
                "language": language,
                "text_dir": "rtl" if languages.is_rtl(language) else "ltr",
                "survey_title": survey.title_in(language),
                "intro": paragraphs(survey.intro_in(language)),
                "languages": [
                    (code, languages.own_name(code), languages.is_rtl(code))
                    for code in survey.language_codes()
                ],
                "question_count": len(flow.questionnaire),
            },
        )


@organisation_view(can.can_view_surveys)
def preview_question(request: OrgRequest, pk: int, question: int) -> HttpResponse:
    return question_page(_preview_flow(request, survey_in(request, pk)), question)


@organisation_view(can.can_view_surveys)
def preview_check(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    flow = _preview_flow(request, survey)

    def finish() -> HttpResponse:
        request.session.pop(f"survey-preview-{survey.pk}", None)
        messages.success(request, _("That was the whole survey. Nothing was saved."))
        return redirect("surveys:questions", request.organisation.slug, survey.pk)

    return check_page(flow, finish)


# --- Whom to invite ----------------------------------------------------------------------------


@organisation_view(can.can_build_surveys)
def invite(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    rows = selectors.population_by_estate(organisation=request.organisation)
    households = sum(row.households for row in rows)
    calculator = forms.CalculatorForm(request.GET or None)
    margin = calculator.cleaned_data["margin"] if calculator.is_valid() else 0.05
    form = forms.InviteForm(request.POST or None, initial={"how": "census"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.invite_households(
                survey=survey,
                by=request.user,
                sample_size=data["sample_size"] if data["how"] == "sample" else None,
                seed=data["seed"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(n)d households are invited.") % {"n": made})
            return redirect(survey)
    needed = math.ceil(required_sample_size(households, margin)) if households else 0
    total, by_estate = selectors.invitation_progress(survey=survey)
    return render(
        request,
        "surveys/invite.html",
        {
            "survey": survey,
            "form": form,
            "calculator": calculator,
            "rows": rows,
            "households": households,
            "margin_percent": round(margin * 100),
            "needed": needed,
            "tsm_samples": tsm_samples(organisation=request.organisation),
            "total": total,
            "by_estate": by_estate,
        },
        status=form_status(form),
    )


urlpatterns = [
    path("surveys/", surveys, name="surveys"),
    path("surveys/new/", create_survey, name="create-survey"),
    path("surveys/<int:pk>/", survey, name="survey"),
    path("surveys/<int:pk>/settings/", edit_survey, name="edit-survey"),
    path("surveys/<int:pk>/delete/", delete_survey, name="delete-survey"),
    path("surveys/<int:pk>/status/", change_status, name="change-status"),
    path("surveys/<int:pk>/questions/", questions, name="questions"),
    path("surveys/<int:pk>/questions/new/", add_question, name="add-question"),
    path("surveys/<int:pk>/questions/move/", move, name="move"),
    path("surveys/<int:pk>/questions/<int:question>/", edit_question, name="edit-question"),
    path(
        "surveys/<int:pk>/questions/<int:question>/delete/",
        delete_question,
        name="delete-question",
    ),
    path("surveys/<int:pk>/sections/new/", add_section, name="add-section"),
    path("surveys/<int:pk>/sections/<int:section>/", edit_section, name="edit-section"),
    path("surveys/<int:pk>/sections/<int:section>/delete/", delete_section, name="delete-section"),
    path("surveys/<int:pk>/translations/", translations, name="translations"),
    path("surveys/<int:pk>/translations/<str:language>/", translate, name="translate"),
    path("surveys/<int:pk>/preview/", preview, name="preview"),
    path("surveys/<int:pk>/preview/check/", preview_check, name="preview-check"),
    path("surveys/<int:pk>/preview/<int:question>/", preview_question, name="preview-question"),
    path("surveys/<int:pk>/invite/", invite, name="invite"),
]
