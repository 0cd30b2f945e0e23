"""A survey's downloads as rows: the results (each question, overall and per group), response
rates, the TSM measures, reach, and every response. core/exports.py writes them as CSV or XLSX.

The results rows come from analysis.py with small groups already suppressed there
(tenantry/core/privacy.py): a figure that is None is written as an empty cell.
"""

from collections.abc import Iterator
from itertools import batched

from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.figures import rounded

from . import analysis, scoring
from .models import Answer, Mode, Question, Survey
from .presenters import REACH_STATUS
from .questionnaire import Questionnaire
from .tsm_sample import tsm_samples

CHUNK = 2000  # responses read at once for the responses download


def _blank(value):
    return "" if value is None else value


def _round(share: float | None) -> float | str:
    """A share as a percentage to one place, halves rounded up as the pages show it (13 of 16
    is 81.3, where Python's round gives 81.2)."""
    return "" if share is None else float(rounded(share * 100, 1))


def answer_rows(results: analysis.SurveyResults) -> Iterator[list]:
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
            if question.has_choices:
                for code, answer in result.choices:
                    cell = result.cell(code, key)
                    yield [
                        *head, code, answer, _blank(cell.count), tally.respondents,
                        _round(cell.share), _round(cell.margin),
                    ]  # fmt: skip
            elif question.kind == Question.Kind.NUMBER:
                mean = "" if tally.mean is None else float(rounded(tally.mean, 2))
                for name, value in (
                    (_("Average"), mean),
                    (_("Smallest"), tally.smallest),
                    (_("Largest"), tally.largest),
                ):
                    yield [*head, "", name, _blank(value), tally.respondents, "", ""]
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


def rate_rows(survey: Survey) -> Iterator[list]:
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


def tsm_rows(survey: Survey) -> Iterator[list]:
    yield [_("Measure"), _("Name"), _("Numerator"), _("Denominator"), _("Left out"), _("Percent")]
    for code, score in analysis.tsm_perception_results(survey).items():
        yield [
            code,
            str(scoring.TSM_PERCEPTION[code].name),
            score.numerator,
            score.denominator,
            score.excluded,
            _round(score.proportion),
        ]


def tsm_sample_rows(survey: Survey) -> Iterator[list]:
    """The TSM sample per stock type, as the results page shows it."""
    yield [
        _("Stock type"), _("Households"), _("Margin of error"), _("Answers needed"),
        _("Answers received"), _("Met"),
    ]  # fmt: skip
    for sample in tsm_samples(organisation=survey.organisation, survey=survey):
        yield [
            str(sample.label),
            sample.population,
            sample.margin_percent,
            sample.required,
            sample.received,
            _("Yes") if sample.met else _("No"),
        ]


def reach_rows(survey: Survey) -> Iterator[list]:
    yield [
        _("Characteristic"), _("Group"), _("Respondents"), _("Share of respondents"),
        _("Residents"), _("Share of residents"), _("Answers for every 100 expected"),
        _("Status"), _("More answers needed"),
    ]  # fmt: skip
    # A download says nothing of when residents were counted, so they are counted for it.
    residents = analysis.Residents(analysis.residents_profile(survey), timezone.now())
    for characteristic in analysis.reach(survey, residents=residents):
        for row in characteristic.rows:
            yield [
                characteristic.label,
                characteristic.labels.get(row.group, row.group),
                row.respondents,
                _round(row.respondent_share),
                row.residents,
                _round(row.resident_share),
                _round(row.ratio),
                str(REACH_STATUS[row.status][0]),
                row.shortfall or "",
            ]


def results_sheets(survey: Survey, results: analysis.SurveyResults) -> list[tuple[str, Iterator]]:
    """The results workbook: the answers, the TSM measures and sample if asked, response rates,
    reach."""
    sheets = [
        (_("Answers"), answer_rows(results)),
        (_("Response rates"), rate_rows(survey)),
        (_("Reach"), reach_rows(survey)),
    ]
    if survey.questions.filter(code__in=list(scoring.TSM_PERCEPTION)).exists():
        sheets[1:1] = [
            (_("TSM measures"), tsm_rows(survey)),
            (_("TSM sample"), tsm_sample_rows(survey)),
        ]
    return sheets


def response_rows(survey: Survey, *, with_households: bool) -> Iterator[list]:
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
    # The codes of a "choose any" answer in the order of the question's choices.
    rank = {
        (item.question.pk, choice.value): order
        for item in items
        for order, choice in enumerate(item.choices)
    }
    modes = dict(Mode.choices)
    # By day, then by key: keys are drawn at random (models.random_key), so within a day the
    # order says nothing of the order of sending.
    responses = survey.responses.order_by("submitted_on", "pk").values_list(
        "pk", "source_reference", "submitted_on", "mode", "language", "estate__name",
        "stock_type", "household__reference", "household__home__address",
    )  # fmt: skip
    number = 0
    for chunk in batched(responses.iterator(chunk_size=CHUNK), CHUNK):
        given: dict[int, dict[int, list]] = {}
        if number == 0 and len(chunk) < CHUNK:
            # Every response in one chunk: their answers are read through the survey (an index
            # join), not a list of hundreds of keys (a scan of every survey's answers).
            answers = Answer.objects.filter(response__survey=survey)
        else:
            answers = Answer.objects.filter(response_id__in=[pk for pk, *_rest in chunk])
        # Answers to a question no longer asked are passed over here: asking the database for
        # the questions asked makes it look each response's answers up question by question.
        for response_id, question_id, value, amount, text in answers.values_list(
            "response_id", "question_id", "value", "number", "text"
        ):
            if question_id not in position:
                continue
            cell = value or (amount if amount is not None else text)
            given.setdefault(response_id, {}).setdefault(question_id, []).append(cell)
        for pk, reference, day, mode, language, estate, stock, household, address in chunk:
            number += 1
            cells: list = [""] * len(items)
            for question_id, values in given.get(pk, {}).items():
                if question_id in multiple:
                    values = sorted(values, key=lambda code, q=question_id: rank.get((q, code), 0))
                    cells[position[question_id]] = "; ".join(str(v) for v in values)
                else:
                    cells[position[question_id]] = values[0]
            # An anonymous survey's rows are numbered afresh: its database keys are not shown.
            row = [number] if anonymous else [pk, reference]
            row += [day, modes.get(mode, mode), language, estate or "", stock]
            if with_households:
                row += [household or "", address or ""]
            yield row + cells
