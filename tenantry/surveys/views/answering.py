"""The pages of answering a survey, one question at a time, shared by every way of answering.

A resident with a personal link, an interviewer at the door or on the phone, and a builder
previewing the survey all go through the same question and check-your-answers pages; only
where answers are kept, and what sending does, differ. Each answer is saved when its page is
submitted, so a dropped connection loses nothing, and coming back continues where it stopped.
"""

import re
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation

from tenantry.core import query
from tenantry.core.forms import form_status

from .. import languages
from ..forms import AnswerForm
from ..questionnaire import Answers, Item, Questionnaire, clean_value


@dataclass
class Flow:
    request: HttpRequest
    questionnaire: Questionnaire
    answers: Answers
    language: str
    save: Callable[[Item, object], None]  # keeps one answer
    url: Callable[..., str]  # url("question", pk), url("check"), url("start")
    base_template: str = "surveys/respond/base.html"
    # The site language for buttons and messages; None keeps the person's own (interviews).
    ui_language: str | None = None
    context: dict = field(default_factory=dict)

    @property
    def survey(self):
        return self.questionnaire.survey

    def page(self, template: str, context: dict, status: int = 200) -> HttpResponse:
        context = {
            "survey": self.survey,
            "base_template": self.base_template,
            "language": self.language,
            "text_dir": "rtl" if languages.is_rtl(self.language) else "ltr",
            "survey_title": self.survey.title_in(self.language),
            **self.context,
            **context,
        }
        return render(self.request, template, context, status=status)


def paragraphs(text: str) -> list[str]:
    """Text typed with blank lines between paragraphs, as a list of paragraphs."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def ui_language_for(language: str) -> str:
    """Buttons and messages in the survey's language when the site speaks it, else English."""
    return languages.ui_language(language) or "en-gb"


def question_page(flow: Flow, question_pk: int) -> HttpResponse:
    with translation.override(flow.ui_language) if flow.ui_language else nullcontext():
        return _question_page(flow, question_pk)


def _question_page(flow: Flow, question_pk: int) -> HttpResponse:
    questionnaire, answers = flow.questionnaire, flow.answers
    item = questionnaire.item(question_pk)
    if item is None:
        raise Http404
    if not questionnaire.is_visible(item, answers):
        # An earlier answer hides this question now: go on to the next one that is shown.
        following = questionnaire.next_item(item, answers)
        target = flow.url("question", following.question.pk) if following else flow.url("check")
        return redirect(target)
    key = str(item.question.pk)
    form = AnswerForm(
        flow.request.POST if flow.request.method == "POST" else None,
        item=item,
        language=flow.language,
        initial={"answer": answers.get(key)},
    )
    if flow.request.method == "POST" and form.is_valid():
        value = clean_value(item, form.cleaned_data["answer"])
        flow.save(item, value)
        answers = dict(answers)
        if value is None:
            answers.pop(key, None)
        else:
            answers[key] = value
        following = questionnaire.next_item(item, answers)
        if following is None or flow.request.POST.get("then") == "check":
            return redirect(flow.url("check"))
        return redirect(flow.url("question", following.question.pk))
    previous = questionnaire.previous_item(item, answers)
    return flow.page(
        "surveys/respond/question.html",
        {
            "form": form,
            "item": item,
            "section_title": item.section.title_in(flow.language) if item.section else "",
            "back_url": flow.url("question", previous.question.pk)
            if previous
            else flow.url("start"),
            "then": query.text(flow.request.GET, "then"),
            "visible_count": len(questionnaire.visible(answers)),
        },
        status=form_status(form),
    )


def check_page(flow: Flow, send: Callable[[], HttpResponse]) -> HttpResponse:
    with translation.override(flow.ui_language) if flow.ui_language else nullcontext():
        questionnaire, answers = flow.questionnaire, flow.answers
        missing = questionnaire.missing(answers)
        if flow.request.method == "POST" and not missing:
            return send()
        rows = [
            {
                "item": item,
                "text": item.question.text_in(flow.language),
                "answer": questionnaire.answer_text(
                    item, answers.get(str(item.question.pk)), flow.language
                ),
                "change_url": flow.url("question", item.question.pk) + "?then=check",
                "missing": item in missing,
            }
            for item in questionnaire.visible(answers)
        ]
        return flow.page(
            "surveys/respond/check.html",
            {"rows": rows, "missing": missing, "tried": flow.request.method == "POST"},
            status=400 if flow.request.method == "POST" else 200,
        )


def first_url(flow: Flow) -> str:
    """Where to go from the start page: the first unanswered question, else the check page."""
    item = flow.questionnaire.resume_at(flow.answers) or None
    if item is None and not flow.answers:
        item = flow.questionnaire.next_item(None, flow.answers)
    return flow.url("question", item.question.pk) if item else flow.url("check")
