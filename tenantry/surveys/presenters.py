"""A survey's results made ready for the pages: tables of formatted figures, and charts.

The figures come from analysis.py, small groups already suppressed there
(tenantry/core/privacy.py); this module only lays them out and formats them.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core import charts

from . import analysis, scoring
from .models import Question, Survey
from .reach import hard_to_reach
from .statistics import margin_of_error

HEADLINE_COLUMNS = {
    Question.Kind.SATISFACTION: gettext_lazy("Satisfied"),
    Question.Kind.AGREEMENT: gettext_lazy("Agree"),
    Question.Kind.YES_NO: gettext_lazy("Said yes"),
}
HIDDEN = "–"  # a figure not shown: none to show, or a group too small to show


def percent(share: float | None) -> str:
    """A share as people read it: 0.642 → "64.2%"; a dash when there is none."""
    return charts.format_value(None if share is None else share * 100)


def points(margin: float | None) -> str:
    """A margin of error in percentage points: 0.052 → "±5.2"."""
    return HIDDEN if margin is None else "±" + charts.format_value(margin * 100, "")


def question_view(result: analysis.QuestionResult, groups: list[analysis.Group]) -> dict:
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
    if headline is not None:
        columns = [_("Answered"), str(HEADLINE_COLUMNS[question.kind]), _("Margin of error")]
    elif question.has_choices:
        columns = [_("Answered"), *[label for _code, label in result.choices]]
    elif question.kind == Question.Kind.NUMBER:
        overall = result.overall
        view["numbers"] = {
            "mean": charts.format_value(overall.mean, ""),
            "smallest": overall.smallest,
            "largest": overall.largest,
        }
        columns = [_("Answered"), _("Average"), _("Smallest"), _("Largest")]
    else:
        columns = [_("Written answers")]
    shown = []
    for group in groups:
        if not group.responses:
            continue
        tally = result.groups.get(group.key, analysis.Tally())
        if tally.suppressed:
            cells = [str(tally.respondents), *[HIDDEN] * (len(columns) - 1)]
            view["suppressed"] = view.get("suppressed", False) or len(columns) > 1
        else:
            cells = _group_cells(result, group.key, tally)
        shown.append((group.label, cells))
    view["group_columns"] = columns
    view["group_rows"] = shown
    return view


def _group_cells(result: analysis.QuestionResult, key: str, tally: analysis.Tally) -> list[str]:
    question = result.question
    score = result.headline(key)
    if score is not None:
        margin = result.headline_margin(key)
        return [str(score.denominator), percent(score.proportion), points(margin)]
    if question.has_choices:
        return [
            str(tally.respondents),
            *[percent(result.cell(code, key).share) for code, _l in result.choices],
        ]
    if question.kind == Question.Kind.NUMBER:
        return [
            str(tally.respondents),
            charts.format_value(tally.mean, ""),
            HIDDEN if tally.smallest is None else str(tally.smallest),
            HIDDEN if tally.largest is None else str(tally.largest),
        ]
    return [str(tally.respondents)]


def scale_chart(results: analysis.SurveyResults, kind: str) -> charts.Chart | None:
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
            label = f"{code or result.number}: {short(result.question.text)}"
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


def short(text: str, limit: int = 70) -> str:
    """`text` cut at a word to at most `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def tsm_view(survey: Survey, measures: dict[str, scoring.Score], population: int | None):
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


def breakdown_chart(
    results: analysis.SurveyResults, groups: list[analysis.Group]
) -> charts.Chart | None:
    """The first question with a headline figure, group by group (a small group has no bar)."""
    first = next((q for q in results.questions if q.headline() is not None), None)
    shown = [g for g in groups if g.responses and g.key != analysis.NOT_RECORDED]
    if first is None or len(shown) < 2:
        return None
    column = HEADLINE_COLUMNS[first.question.kind]
    return charts.bar_chart(
        title=_("%(question)s – %(measure)s, by %(breakdown)s")
        % {
            "question": first.question.code or short(first.question.text, 40),
            "measure": str(column).lower(),
            "breakdown": results.breakdown.label.lower(),
        },
        description=_("For each group, the share answering “%(text)s” who: %(measure)s.")
        % {"text": short(first.question.text, 120), "measure": str(column).lower()},
        rows=[
            {
                "group": g.label,
                "value": s.percentage if (s := first.headline(g.key)) else None,
            }
            for g in shown
        ],
        category="group",
        value="value",
        category_title=results.breakdown.label,
        value_title=str(HEADLINE_COLUMNS[first.question.kind]),
    )


REACH_STATUS = {
    "under_represented": (gettext_lazy("Under-represented"), "red"),
    "represented": (gettext_lazy("Heard"), "green"),
    "too_few_to_judge": (gettext_lazy("Too few to judge"), "grey"),
    "not_known": (gettext_lazy("Not known"), "grey"),
}


def reach_view(characteristics: list[analysis.ReachCharacteristic]) -> dict:
    """The reach page's tables, the groups heard least (fewest answers first) and their chart."""
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
                    "ratio": HIDDEN
                    if row.ratio is None
                    else charts.format_value(row.ratio * 100, ""),
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
    return {"characteristics": sections, "flagged": flagged, "chart": chart}
