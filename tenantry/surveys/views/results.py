"""A survey's results: every question counted, per estate or per group, with margins of error;
response rates; reach; the TSM measures; exports; and a contractor's file imported.

The figures come from analysis.py (small groups suppressed there), the tables and charts from
presenters.py, the download rows from exports.py; these views only choose what to show.
"""

import hashlib

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import exports as files
from tenantry.core import privacy, query
from tenantry.core.periods import Period, financial_year, financial_year_of
from tenantry.indicators.permissions import can_enter_results
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.surveys import permissions as can

from .. import analysis, background, contractor_import, exports, handover, presenters
from ..forms import ContractorFileForm
from ..models import Question, Survey
from ..presenters import percent, points
from ..questionnaire import Questionnaire
from ..statistics import margin_of_error
from ..tsm_sample import tsm_samples
from . import survey_in


def _results(request: OrgRequest, survey: Survey) -> analysis.SurveyResults:
    """The results broken down as asked, or by estate when the breakdown is unknown."""
    try:
        return analysis.survey_results(survey, breakdown=query.text(request.GET, "by", "estate"))
    except ValueError:
        return analysis.survey_results(survey)


@organisation_view(can.can_view_survey_results)
def results(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    found = _results(request, survey)
    overall = found.overall
    population = overall.households or None
    achieved = None
    if overall.responses:
        size = population if population and population >= overall.responses else None
        achieved = margin_of_error(0.5, overall.responses, size)
    measures = analysis.tsm_perception_results(survey)
    democratic = analysis.democratic_health_results(survey)
    by_estate = found.breakdown.key == "estate"
    context = {
        "survey": survey,
        "results": found,
        "overall": overall,
        "estates": found.groups if by_estate else analysis.response_rates(survey)[1],
        "questions_html": _questions_html(
            survey, found, may_export=can.can_export_survey_responses(request.roles)
        ),
        "achieved": points(achieved),
        "response_rate": percent(overall.response_rate),
        "tsm_samples": tsm_samples(organisation=request.organisation, survey=survey),
        "tsm": presenters.tsm_view(survey, measures, population) if measures else None,
        "tsm_years": _year_choices(survey) if measures else [],
        "democratic": [
            (code, found.question(code).question, score, percent(score.proportion))
            for code, score in democratic.items()
        ],
        "charts": [
            c
            for c in (
                presenters.scale_chart(found, Question.Kind.SATISFACTION),
                presenters.scale_chart(found, Question.Kind.AGREEMENT),
                presenters.breakdown_chart(found, found.groups),
            )
            if c is not None
        ],
        "formats": files.FORMATS,
        "smallest_group": privacy.SMALLEST_GROUP_SHOWN,
    }
    return render(request, "surveys/results.html", context)


def _questions_html(survey: Survey, found: analysis.SurveyResults, *, may_export: bool) -> str:
    """Each question's tables, drawn once until the survey's next response, for this breakdown
    and language: most of the page's drawing, and the same for everyone who may open it."""

    def draw() -> str:
        return render_to_string(
            "surveys/_results_questions.html",
            {
                "questions": [presenters.question_view(q, found.groups) for q in found.questions],
                "results": found,
                "may_export": may_export,
                "smallest_group": privacy.SMALLEST_GROUP_SHOWN,
            },
        )

    # What the tables show beside the counts is part of the key: the households each margin of
    # error is worked out with (counted afresh: a household moving in draws them again), and
    # the questions' words and choices (an open survey's translations can still be corrected).
    shown = (
        found.overall,
        [(g.key, g.label, g.responses, g.invited, g.households) for g in found.groups],
        [
            (q.question.pk, q.question.code, q.question.text, q.choices, q.population,
             q.group_populations)
            for q in found.questions
        ],
    )  # fmt: skip
    digest = hashlib.blake2b(repr(shown).encode(), digest_size=8).hexdigest()
    what = f"questions-html:{found.breakdown.key}:{get_language()}:{may_export}:{digest}"
    return analysis.kept_until_next_response(survey, what, draw)


def _year_choices(survey: Survey) -> list[Period]:
    """The financial year the survey closed in (or is running in), and the one before."""
    day = survey.closes_on or timezone.localdate()
    this = financial_year_of(day)
    return [this, financial_year(this.start.year - 1)]


@organisation_view(can_enter_results)
@require_POST
def send_to_indicators(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    years = {p.label: p for p in _year_choices(survey)}
    period = years.get(request.POST.get("year", ""))
    if period is None:
        messages.error(request, _("Choose the year these figures are for."))
        return redirect("surveys:results", request.organisation.slug, survey.pk)
    stored = handover.send_tsm_results(survey=survey, period=period, by=request.user)
    if not stored:
        messages.error(request, _("No one has answered a Tenant Satisfaction Measure yet."))
        return redirect("surveys:results", request.organisation.slug, survey.pk)
    messages.success(
        request,
        _("The survey's figures are now the %(year)s Tenant Satisfaction Measures.")
        % {"year": period.label},
    )
    url = reverse("indicators:performance", args=[request.organisation.slug])
    return redirect(f"{url}?period={period.label}")


@organisation_view(can.can_view_survey_results)
def reach(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    residents = analysis.residents_now(survey)
    context = presenters.reach_view(analysis.reach(survey, residents=residents))
    context |= {
        "survey": survey,
        "responses": survey.responses.count(),
        "residents_counted_at": residents.counted_at,
    }
    return render(request, "surveys/results_reach.html", context)


# --- Exports ------------------------------------------------------------------------------------


def _filename(survey: Survey, what: str) -> str:
    return f"{slugify(survey.title)[:50] or 'survey'}-{what}"


@organisation_view(can.can_view_survey_results)
def export_results(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in files.FORMATS:
        raise Http404
    survey = survey_in(request, pk)
    found = _results(request, survey)
    filename = _filename(survey, "results")
    if fmt == "csv":
        return files.csv_response(exports.answer_rows(found), filename)
    return files.xlsx_response(exports.results_sheets(survey, found), filename)


@organisation_view(can.can_export_survey_responses)
def export_responses(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in files.FORMATS:
        raise Http404
    survey = survey_in(request, pk)
    if background.responses_in_background(survey):
        prepared = background.prepare_responses(
            survey=survey, fmt=fmt, by=request.user, language=request.LANGUAGE_CODE
        )
        return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)
    with_households = can.can_see_respondents(user=request.user, roles=request.roles, survey=survey)
    rows = exports.response_rows(survey, with_households=with_households)
    filename = _filename(survey, "responses")
    if fmt == "csv":
        return files.csv_response(rows, filename)
    return files.xlsx_response([(_("Responses"), rows)], filename)


# --- A contractor's file ------------------------------------------------------------------------


@organisation_view(can.can_import_survey_responses)
def import_responses(request: OrgRequest, pk: int) -> HttpResponse:
    survey = survey_in(request, pk)
    form = ContractorFileForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = contractor_import.import_responses(
            survey=survey,
            stream=upload,
            filename=upload.name,
            by=request.user,
            mapping=form.cleaned_data["mapping"],
            dry_run=form.cleaned_data["dry_run"],
        )
        if outcome.accepted and not outcome.dry_run:
            messages.success(
                request,
                _("Imported %(file)s: %(created)s responses added, %(already)s already there.")
                % {"file": upload.name, "created": outcome.created, "already": outcome.already},
            )
            return redirect("surveys:results", request.organisation.slug, survey.pk)
    questions = [
        (item.question.code or f"Q{item.number}", item.question) for item in Questionnaire(survey)
    ]
    return render(
        request,
        "surveys/results_import.html",
        {
            "survey": survey,
            "form": form,
            "outcome": outcome,
            "questions": questions,
        },
        status=400 if form.errors or (outcome and not outcome.accepted) else 200,
    )


@organisation_view(can.can_import_survey_responses)
def import_template(request: OrgRequest, pk: int) -> HttpResponse:
    """A CSV with the header row a contractor's file should have for this survey."""
    survey = survey_in(request, pk)
    header = ["reference", "estate", "mode", "date"]
    if not survey.is_anonymous:
        header.append("household")
    header += [item.question.code or f"Q{item.number}" for item in Questionnaire(survey)]
    return files.csv_response([header], _filename(survey, "import-template"))


urlpatterns = [
    path("surveys/<int:pk>/results/", results, name="results"),
    path("surveys/<int:pk>/results/reach/", reach, name="results-reach"),
    path(
        "surveys/<int:pk>/results/send-to-indicators/",
        send_to_indicators,
        name="send-to-indicators",
    ),
    path(
        "surveys/<int:pk>/results/results.<str:fmt>",
        export_results,
        name="export-results",
    ),
    path(
        "surveys/<int:pk>/results/responses.<str:fmt>",
        export_responses,
        name="export-responses",
    ),
    path("surveys/<int:pk>/results/import/", import_responses, name="import-responses"),
    path(
        "surveys/<int:pk>/results/import/template.csv",
        import_template,
        name="import-responses-template",
    ),
]
