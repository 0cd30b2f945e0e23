"""A survey's results: every question counted, per estate or per group, with margins of error;
response rates; reach; the TSM measures; exports; and a contractor's file imported.

The figures come from analysis.py; these views only choose what to show and format it.
"""

import csv
import io
import math
from collections.abc import Iterator

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenantry.core import charts
from tenantry.core.forms import GovukForm
from tenantry.core.periods import Period, financial_year, financial_year_of
from tenantry.indicators.permissions import can_enter_results
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.surveys import permissions as can

from .. import analysis, contractor_import, handover, scoring
from ..models import Answer, Mode, Question, Survey
from ..questionnaire import Questionnaire
from ..reach import hard_to_reach
from ..statistics import margin_of_error, tsm_margin_for, tsm_required_sample_size

FORMATS = ("csv", "xlsx")
# Groups with fewer answers than this show how many answered but not what they said, so that
# no one's answers can be picked out of a small group (an estate of three households, the one
# respondent of an age). The whole survey's figures are always shown.
SMALLEST_GROUP_SHOWN = 5
HEADLINE_COLUMNS = {
    Question.Kind.SATISFACTION: gettext_lazy("Satisfied"),
    Question.Kind.AGREEMENT: gettext_lazy("Agree"),
    Question.Kind.YES_NO: gettext_lazy("Said yes"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _survey(request: OrgRequest, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.filter(organisation=request.organisation), pk=pk)


def percent(share: float | None) -> str:
    """A share as people read it: 0.642 → "64.2%"; a dash when there is none."""
    return charts.format_value(None if share is None else share * 100)


def points(margin: float | None) -> str:
    """A margin of error in percentage points: 0.052 → "±5.2"."""
    return "–" if margin is None else "±" + charts.format_value(margin * 100, "")


# --- What the pages show ----------------------------------------------------------------------


def _question_view(result: analysis.QuestionResult, groups: list[analysis.Group]) -> dict:
    """One question, ready for the template: the answers table and the breakdown table."""
    question = result.question
    view = {"result": result, "kind": question.kind, "answered": result.overall.respondents}
    if question.has_choices:
        view["rows"] = [
            (label, cell.count, percent(cell.share), points(cell.margin))
            for _code, label, cell in result.cells
        ]
    headline = result.headline()
    if headline is not None:
        view["headline"] = {
            "percent": percent(headline.proportion),
            "margin": points(result.headline_margin()),
            "score": headline,
            "word": result.headline_word,
        }
    columns: list[str] = []
    rows = []
    if headline is not None:
        columns = [_("Answered"), str(HEADLINE_COLUMNS[question.kind]), _("Margin of error")]
        for group in groups:
            score = result.headline(group.key)
            rows.append(
                (
                    group.label,
                    [
                        str(score.denominator),
                        percent(score.proportion),
                        points(result.headline_margin(group.key)),
                    ],
                )
            )
    elif question.has_choices:
        columns = [_("Answered"), *[label for _code, label in result.choices]]
        for group in groups:
            tally = result.groups.get(group.key, analysis.Tally())
            rows.append(
                (
                    group.label,
                    [
                        str(tally.respondents),
                        *[
                            percent(result.cell(code, group.key).share)
                            for code, _l in result.choices
                        ],
                    ],
                )
            )
    elif question.kind == Question.Kind.NUMBER:
        overall = result.overall
        view["numbers"] = {
            "mean": charts.format_value(overall.mean, ""),
            "smallest": overall.smallest,
            "largest": overall.largest,
        }
        columns = [_("Answered"), _("Average"), _("Smallest"), _("Largest")]
        for group in groups:
            tally = result.groups.get(group.key, analysis.Tally())
            rows.append(
                (
                    group.label,
                    [
                        str(tally.respondents),
                        charts.format_value(tally.mean, ""),
                        "–" if tally.smallest is None else str(tally.smallest),
                        "–" if tally.largest is None else str(tally.largest),
                    ],
                )
            )
    else:
        columns = [_("Written answers")]
        for group in groups:
            tally = result.groups.get(group.key, analysis.Tally())
            rows.append((group.label, [str(tally.respondents)]))
    shown = []
    for (label, cells), group in zip(rows, groups, strict=True):
        if not group.responses:
            continue
        people = result.groups.get(group.key, analysis.Tally()).respondents
        if 0 < people < SMALLEST_GROUP_SHOWN and len(cells) > 1:
            # So that nobody's answers can be picked out of a small group.
            cells = [cells[0], *["–"] * (len(cells) - 1)]
            view["suppressed"] = True
        shown.append((label, cells))
    view["group_columns"] = columns
    view["group_rows"] = shown
    return view


def _scale_chart(results: analysis.SurveyResults, kind: str) -> charts.Chart | None:
    """Every question on one scale as a bar split into its five answers (don't know left out)."""
    scale = dict(Question.SCALES[kind])
    levels = [str(label) for label in scale.values()]
    rows = []
    for result in results.questions:
        if result.question.kind != kind:
            continue
        counts = {code: result.overall.counts.get(code, 0) for code in scale}
        total = sum(counts.values())
        code = result.question.code
        if code in scoring.TSM_PERCEPTION:
            label = f"{code} {scoring.TSM_PERCEPTION[code].name}"
        else:
            label = f"{code or result.number}: {_short(result.question.text)}"
        row = {"question": label}
        for code, label in scale.items():
            row[str(label)] = counts[code] / total * 100 if total else None
        rows.append(row)
    if not rows:
        return None
    title = (
        _("How satisfied people are, question by question")
        if kind == Question.Kind.SATISFACTION
        else _("How far people agree, statement by statement")
    )
    return charts.stacked_bar_chart(
        title=title,
        description=_(
            "Each bar is one question, split into the share of people giving each answer, from "
            "the most positive on the left to the most negative on the right."
        ),
        rows=rows,
        category="question",
        levels=levels,
        category_title=_("Question"),
    )


def _short(text: str, limit: int = 70) -> str:
    """`text` cut at a word to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _tsm_view(survey: Survey, measures: dict[str, scoring.Score], population: int | None):
    rows = []
    for code, score in measures.items():
        measure = scoring.TSM_PERCEPTION[code]
        margin = None
        if score.denominator:
            size = population if population and population >= score.denominator else None
            margin = margin_of_error(score.proportion, score.denominator, size)
        rows.append(
            {
                "code": code,
                "name": str(measure.name),
                "score": score,
                "percent": percent(score.proportion),
                "margin": points(margin),
                "agreement": measure.scale == "agreement",
            }
        )
    chart = None
    if any(row["score"].denominator for row in rows):
        chart = charts.bar_chart(
            title=_("Tenant Satisfaction Measures from this survey"),
            description=_(
                "The share of tenants satisfied (TP08: agreeing) for each of the regulator's "
                "perception measures this survey asks."
            ),
            rows=[
                {"measure": f"{row['code']} {row['name']}", "value": row["score"].percentage}
                for row in rows
            ],
            category="measure",
            value="value",
            category_title=_("Measure"),
            value_title=_("Satisfied"),
        )
    return {"rows": rows, "chart": chart}


def _breakdown_chart(
    results: analysis.SurveyResults, groups: list[analysis.Group]
) -> charts.Chart | None:
    """The first question with a headline figure, group by group."""
    first = next((q for q in results.questions if q.headline() is not None), None)
    shown = [g for g in groups if g.responses and g.key != analysis.NOT_RECORDED]
    if first is None or len(shown) < 2:
        return None
    column = HEADLINE_COLUMNS[first.question.kind]
    return charts.bar_chart(
        title=_("%(question)s – %(measure)s, by %(breakdown)s")
        % {
            "question": first.question.code or _short(first.question.text, 40),
            "measure": str(column).lower(),
            "breakdown": results.breakdown.label.lower(),
        },
        description=_("For each group, the share answering “%(text)s” who: %(measure)s.")
        % {"text": _short(first.question.text, 120), "measure": str(column).lower()},
        rows=[
            {
                "group": g.label,
                "value": (
                    s.percentage
                    if (s := first.headline(g.key)) and s.denominator >= SMALLEST_GROUP_SHOWN
                    else None
                ),
            }
            for g in shown
        ],
        category="group",
        value="value",
        category_title=results.breakdown.label,
        value_title=str(HEADLINE_COLUMNS[first.question.kind]),
    )


@organisation_view(can.can_view_survey_results)
def results(request: OrgRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    breakdown = request.GET.get("by", "estate")
    try:
        found = analysis.survey_results(survey, breakdown=breakdown)
    except ValueError:
        found = analysis.survey_results(survey)
    overall = found.overall
    population = overall.households or None
    achieved = None
    if overall.responses:
        size = population if population and population >= overall.responses else None
        achieved = margin_of_error(0.5, overall.responses, size)
    measures = analysis.tsm_perception_results(survey)
    democratic = analysis.democratic_health_results(survey)
    context = {
        "survey": survey,
        "results": found,
        "overall": overall,
        "estates": analysis.response_rates(survey)[1] if breakdown != "estate" else found.groups,
        "questions": [_question_view(q, found.groups) for q in found.questions],
        "achieved": points(achieved),
        "response_rate": percent(overall.response_rate),
        "tsm_required": math.ceil(tsm_required_sample_size(population)) if population else None,
        "tsm_margin": points(tsm_margin_for(population)) if population else None,
        "tsm": _tsm_view(survey, measures, population) if measures else None,
        "tsm_years": _year_choices(survey) if measures else [],
        "democratic": [
            (code, survey.questions.filter(code=code).first(), score, percent(score.proportion))
            for code, score in democratic.items()
        ],
        "charts": [
            c
            for c in (
                _scale_chart(found, Question.Kind.SATISFACTION),
                _scale_chart(found, Question.Kind.AGREEMENT),
                _breakdown_chart(found, found.groups),
            )
            if c is not None
        ],
        "formats": FORMATS,
        "smallest_group": SMALLEST_GROUP_SHOWN,
    }
    return render(request, "surveys/results.html", context)


def _year_choices(survey: Survey) -> list[Period]:
    """The financial year the survey closed in (or is running in), and the one before."""
    day = survey.closes_on or timezone.localdate()
    this = financial_year_of(day)
    return [this, financial_year(this.start.year - 1)]


@organisation_view(can_enter_results)
@require_POST
def send_to_indicators(request: OrgRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
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


REACH_STATUS = {
    "under_represented": (gettext_lazy("Under-represented"), "red"),
    "represented": (gettext_lazy("Heard"), "green"),
    "too_few_to_judge": (gettext_lazy("Too few to judge"), "grey"),
    "not_known": (gettext_lazy("Not known"), "grey"),
}


@organisation_view(can.can_view_survey_results)
def reach(request: OrgRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    characteristics = analysis.reach(survey)
    sections = []
    flagged = []
    for characteristic in characteristics:
        rows = []
        for row in characteristic.rows:
            label = characteristic.labels.get(row.group, row.group)
            status, colour = REACH_STATUS[row.status]
            rows.append(
                {
                    "group": label,
                    "respondents": row.respondents,
                    "respondent_share": percent(row.respondent_share),
                    "residents": row.residents,
                    "resident_share": percent(row.resident_share),
                    "ratio": "–" if row.ratio is None else charts.format_value(row.ratio * 100, ""),
                    "status": status,
                    "colour": colour,
                    "shortfall": row.shortfall,
                }
            )
        sections.append({"characteristic": characteristic, "rows": rows})
        for row in hard_to_reach(characteristic.rows):
            flagged.append((characteristic, characteristic.labels.get(row.group, row.group), row))
    flagged.sort(key=lambda item: item[2].ratio or 0)
    chart = None
    if flagged:
        chart = charts.bar_chart(
            title=_("The groups heard least"),
            description=_(
                "For each under-represented group, how many answers came for every 100 its "
                "share of residents would lead you to expect."
            ),
            rows=[
                {"group": f"{c.label}: {label}", "value": row.ratio * 100}
                for c, label, row in flagged
            ],
            category="group",
            value="value",
            category_title=_("Group"),
            value_title=_("Answers for every 100 expected"),
            unit="",
            domain_max=100,
        )
    return render(
        request,
        "surveys/results_reach.html",
        {
            "survey": survey,
            "characteristics": sections,
            "flagged": flagged,
            "chart": chart,
            "responses": survey.responses.count(),
        },
    )


# --- Exports ------------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_response(rows: Iterator[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    stream = (writer.writerow(row) for row in rows)
    response = StreamingHttpResponse(_with_bom(stream), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _with_bom(stream: Iterator[str]) -> Iterator[str]:
    yield "\ufeff"  # so Excel reads the file as UTF-8
    yield from stream


def _xlsx_response(sheets: list[tuple[str, Iterator[list]]], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([str(value) if isinstance(value, Promise) else value for value in row])
    data = io.BytesIO()
    book.save(data)
    response = HttpResponse(data.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _filename(survey: Survey, what: str) -> str:
    return f"{slugify(survey.title)[:50] or 'survey'}-{what}"


def _answer_rows(results: analysis.SurveyResults) -> Iterator[list]:
    """Every question's answers, for the whole survey and each group: one row each."""
    yield [
        _("Question number"), _("Code"), _("Question"), _("Group"), _("Answer code"), _("Answer"),
        _("Count or value"), _("Answered"), _("Percent"), _("Margin of error (± points)"),
    ]  # fmt: skip
    groups = [(None, _("All"))] + [(g.key, g.label) for g in results.groups if g.responses]
    for result in results.questions:
        question = result.question
        for key, label in groups:
            tally = result.overall if key is None else result.groups.get(key, analysis.Tally())
            head = [result.number, question.code, question.text, label]
            hidden = key is not None and 0 < tally.respondents < SMALLEST_GROUP_SHOWN
            if question.has_choices:
                for code, answer in result.choices:
                    cell = result.cell(code, key)
                    if hidden:
                        yield [*head, code, answer, "", tally.respondents, "", ""]
                        continue
                    yield [
                        *head, code, answer, cell.count, tally.respondents,
                        _round(cell.share), _round(cell.margin),
                    ]  # fmt: skip
            elif question.kind == Question.Kind.NUMBER:
                mean = "" if tally.mean is None or hidden else round(tally.mean, 2)
                for name, value in (
                    (_("Average"), mean),
                    (_("Smallest"), tally.smallest),
                    (_("Largest"), tally.largest),
                ):
                    yield [
                        *head,
                        "",
                        name,
                        "" if value is None or hidden else value,
                        tally.respondents,
                        "",
                        "",
                    ]
            else:
                yield [
                    *head,
                    "",
                    _("Written answers"),
                    tally.respondents,
                    tally.respondents,
                    "",
                    "",
                ]


def _round(share: float | None) -> float | str:
    return "" if share is None else round(share * 100, 1)


def _rate_rows(survey: Survey) -> Iterator[list]:
    overall, estates = analysis.response_rates(survey)
    yield [_("Estate"), _("Responses"), _("Invited"), _("Households"), _("Response rate")]
    for group in [*estates, overall]:
        yield [
            group.label,
            group.responses,
            group.invited if group.invited is not None else "",
            group.households if group.households is not None else "",
            _round(group.response_rate),
        ]


def _tsm_rows(survey: Survey) -> Iterator[list]:
    yield [_("Measure"), _("Name"), _("Numerator"), _("Denominator"), _("Left out"), _("Percent")]
    for code, score in analysis.tsm_perception_results(survey).items():
        yield [
            code,
            str(scoring.TSM_PERCEPTION[code].name),
            score.numerator,
            score.denominator,
            score.excluded,
            "" if score.percentage is None else round(score.percentage, 1),
        ]


def _reach_rows(survey: Survey) -> Iterator[list]:
    yield [
        _("Characteristic"), _("Group"), _("Respondents"), _("Share of respondents"),
        _("Residents"), _("Share of residents"), _("Answers for every 100 expected"),
        _("Status"), _("More answers needed"),
    ]  # fmt: skip
    for characteristic in analysis.reach(survey):
        for row in characteristic.rows:
            yield [
                characteristic.label,
                characteristic.labels.get(row.group, row.group),
                row.respondents,
                _round(row.respondent_share),
                row.residents,
                _round(row.resident_share),
                "" if row.ratio is None else round(row.ratio * 100, 1),
                str(REACH_STATUS[row.status][0]),
                row.shortfall or "",
            ]


@organisation_view(can.can_view_survey_results)
def export_results(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    survey = _survey(request, pk)
    breakdown = request.GET.get("by", "estate")
    try:
        found = analysis.survey_results(survey, breakdown=breakdown)
    except ValueError:
        found = analysis.survey_results(survey)
    filename = _filename(survey, "results")
    if fmt == "csv":
        return _csv_response(_answer_rows(found), filename)
    sheets = [
        (_("Answers"), _answer_rows(found)),
        (_("Response rates"), _rate_rows(survey)),
        (_("Reach"), _reach_rows(survey)),
    ]
    if survey.questions.filter(code__in=list(scoring.TSM_PERCEPTION)).exists():
        sheets.insert(1, (_("TSM measures"), _tsm_rows(survey)))
    return _xlsx_response(sheets, filename)


def _response_rows(survey: Survey, *, with_households: bool) -> Iterator[list]:
    """One row per response: who answered only when the viewer may know; answers as codes,
    the same codes a contractor's file may use, so an export can be imported elsewhere."""
    questionnaire = Questionnaire(survey)
    items = list(questionnaire)
    anonymous = survey.is_anonymous
    head = [_("Response")]
    if not anonymous:
        head.append(_("Reference"))
    head += [_("Date"), _("Mode"), _("Language"), _("Estate"), _("Stock type")]
    if with_households:
        head += [_("Household"), _("Address")]
    head += [item.question.code or f"Q{item.number}" for item in items]
    yield head
    position = {item.question.pk: index for index, item in enumerate(items)}
    multiple = {item.question.pk for item in items if item.question.kind == Question.Kind.MULTIPLE}
    modes = dict(Mode.choices)
    responses = survey.responses.order_by("pk").values_list(
        "pk", "source_reference", "submitted_on", "mode", "language", "estate__name",
        "stock_type", "household__reference", "household__home__address",
    )  # fmt: skip
    answers = (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "pk")
        .values_list("response_id", "question_id", "value", "number", "text")
        .iterator(chunk_size=5000)
    )
    pending = next(answers, None)
    for number, (
        pk,
        reference,
        day,
        mode,
        language,
        estate,
        stock,
        household,
        address,
    ) in enumerate(responses.iterator(chunk_size=2000), start=1):
        cells: list = [""] * len(items)
        while pending is not None and pending[0] <= pk:
            response_id, question_id, value, amount, text = pending
            if response_id == pk and question_id in position:
                index = position[question_id]
                given = value or (amount if amount is not None else text)
                if question_id in multiple and cells[index] != "":
                    cells[index] = f"{cells[index]}; {given}"
                else:
                    cells[index] = given
            pending = next(answers, None)
        # An anonymous survey's rows are numbered afresh: its database numbers are not shown.
        row = [number] if anonymous else [pk, reference]
        row += [day.isoformat(), modes.get(mode, mode), language, estate or "", stock]
        if with_households:
            row += [household or "", address or ""]
        yield row + cells


@organisation_view(can.can_export_survey_responses)
def export_responses(request: OrgRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    survey = _survey(request, pk)
    with_households = can.can_see_respondents(user=request.user, roles=request.roles, survey=survey)
    rows = _response_rows(survey, with_households=with_households)
    filename = _filename(survey, "responses")
    if fmt == "csv":
        return _csv_response(rows, filename)
    return _xlsx_response([(_("Responses"), rows)], filename)


# --- A contractor's file ------------------------------------------------------------------------


class ContractorFileForm(GovukForm, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Upload the contractor's file"),
        help_text=gettext_lazy(
            "A CSV or XLSX file with one row per person who answered and a header row."
        ),
    )
    mapping = forms.CharField(
        label=gettext_lazy("Columns with other names"),
        help_text=gettext_lazy(
            "One per line: the file's column header, an equals sign, then the question's code or "
            "number, or one of reference, estate, mode, language, date, stock_type, household. "
            "For example: Overall satisfaction = TP01"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file: change nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("The file must be a CSV or XLSX file."))
        return upload

    def clean_mapping(self):
        try:
            return contractor_import.parse_mapping(self.cleaned_data["mapping"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


@organisation_view(can.can_import_survey_responses)
def import_responses(request: OrgRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
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
    survey = _survey(request, pk)
    header = ["reference", "estate", "mode", "date"]
    if not survey.is_anonymous:
        header.append("household")
    header += [item.question.code or f"Q{item.number}" for item in Questionnaire(survey)]
    return _csv_response(iter([header]), _filename(survey, "import-template"))


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
