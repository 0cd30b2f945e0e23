"""The annual report to tenants: its sections, and the snapshot of figures it is assembled from.

Nothing here works a figure out. Each part of the snapshot is read from the app that keeps it,
by that app's own selector: the Tenant Satisfaction Measures and every other indicator with its
target (`indicators.performance.performance_groups`), how the satisfaction survey was run
(`surveys.tsm_sample.tsm_samples`, `surveys.selectors.responses_by_mode`), "you said, we did"
(published scrutiny reports about the organisation, and criticisms raised at its meetings with
their answers), the management allowance against spend (`budgets.selectors.allowance_report`),
democratic health (`democracy.health.year_health`) and published improvement plans
(`reviews.plan_selectors`). The snapshot holds the words and numbers as shown, in every
language the site offers, so a published report reads the same whatever happens to the
records afterwards.
"""

from datetime import date

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.budgets.selectors import allowance_of, allowance_report
from tenantry.core.figures import money_text, number_text
from tenantry.core.periods import Period
from tenantry.core.privacy import groups_to_hide
from tenantry.democracy.health import percent_text, year_health
from tenantry.democracy.meeting_selectors import criticisms_of
from tenantry.indicators.calculators import Subject
from tenantry.indicators.models import Scope
from tenantry.indicators.performance import performance_groups
from tenantry.organisations.models import DelegatedService, Organisation
from tenantry.reviews.models import ImprovementPlan
from tenantry.reviews.plan_selectors import action_rows, counts
from tenantry.scrutiny.models import ScrutinyReport
from tenantry.surveys.models import Survey
from tenantry.surveys.selectors import responses_by_mode
from tenantry.surveys.tsm_sample import tsm_samples

# The NHF's Together with Tenants charter: six commitments, in the charter's order.
COMMITMENTS = (
    ("relationships", gettext_lazy("Relationships")),
    ("communication", gettext_lazy("Communication")),
    ("voice", gettext_lazy("Voice and influence")),
    ("accountability", gettext_lazy("Accountability")),
    ("quality", gettext_lazy("Quality")),
    ("things_wrong", gettext_lazy("When things go wrong")),
)
COMMITMENT_HINTS = {
    "relationships": gettext_lazy("How we and tenants treat each other with fairness and respect."),
    "communication": gettext_lazy(
        "How we told tenants what matters to them, in ways that suit them."
    ),
    "voice": gettext_lazy("How tenants shaped our decisions, and what they changed."),
    "accountability": gettext_lazy("How tenants held us to account for what we do."),
    "quality": gettext_lazy("How we kept homes good, safe and well maintained."),
    "things_wrong": gettext_lazy("How we handled complaints and put things right."),
}
# The committee's own sections, in the order the report shows them.
SECTIONS = (
    ("introduction", gettext_lazy("Introduction from the chair")),
    ("satisfaction", gettext_lazy("What tenants told us")),
    ("approach", gettext_lazy("How we asked tenants")),
    ("performance", gettext_lazy("How we did against our targets")),
    ("you_said", gettext_lazy("You said, we did")),
    ("money", gettext_lazy("Money: our budget and how we spent it")),
    ("democracy", gettext_lazy("How tenants run the organisation")),
    ("easy_read", gettext_lazy("The year in short sentences (easy read)")),
)
SECTION_KEYS = frozenset(key for key, _label in SECTIONS) | {k for k, _label in COMMITMENTS}


def section_label(key: str) -> str:
    return str(dict(SECTIONS + COMMITMENTS)[key])


def is_commitment(key: str) -> bool:
    return key in dict(COMMITMENTS)


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def assemble(*, organisation: Organisation, year: Period, today: date) -> dict[str, dict]:
    """The report's figures, in each of the site's languages: {"en-gb": {...}, "cy": {...}}."""
    sources = _sources(organisation=organisation, year=year, today=today)
    figures = {}
    for language in site_languages():
        with translation.override(language):
            figures[language] = _in_words(organisation, year, sources)
    return figures


def _subject(organisation: Organisation) -> Subject:
    scope = Scope.LANDLORD_ALL if organisation.is_landlord else Scope.ORGANISATION
    return Subject(scope, organisation)


def _sources(*, organisation: Organisation, year: Period, today: date) -> dict:
    """Everything read from the other apps, once, whatever the language."""
    survey = (
        Survey.objects.filter(
            organisation=organisation, template="tsm", opens_on__range=(year.start, year.end)
        )
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-opens_on", "-pk")
        .first()
    )
    budget = allowance_of(organisation)
    return {
        "today": today,
        "groups": {
            language: _groups_in(language, organisation, year, today)
            for language in site_languages()
        },
        "survey": survey,
        "samples": tsm_samples(organisation=organisation, survey=survey) if survey else [],
        "modes": responses_by_mode(survey=survey) if survey else [],
        "scrutiny": list(
            ScrutinyReport.objects.filter(
                review__scrutinised=organisation,
                published_on__range=(year.start, year.end),
            )
            .exclude(tenant_summary="")
            .select_related("review", "review__panel")
            .order_by("published_on", "pk")
        ),
        "criticisms": list(
            criticisms_of(organisation, answered=True)
            .filter(meeting__day__range=(year.start, year.end))
            .exclude(response="")
            .order_by("meeting__day", "pk")
        ),
        "allowance": allowance_report(budget=budget, year=year.start.year) if budget else None,
        "health": year_health(organisation=organisation, period=year, today=today),
        "plans": [
            (plan, counts(action_rows(plan, today=today, details=False)))
            for plan in ImprovementPlan.objects.filter(
                review__organisation=organisation,
                stage="published",
                published_on__lte=year.end,
            ).select_related("review")
        ],
    }


def _groups_in(language: str, organisation: Organisation, year: Period, today: date):
    """The performance table's groups: their sentences are written in the language active."""
    with translation.override(language):
        return performance_groups(
            organisation=organisation, subject=_subject(organisation), period=year, today=today
        )


def _row(row) -> dict:
    value = row.figure.value
    return {
        "code": row.indicator.code,
        # National indicators' names are stored in English and are msgids (as on the
        # performance pages); an organisation's own are as it wrote them.
        "name": str(_(row.indicator.name)),
        "unit": row.indicator.unit,
        "higher_is_better": row.indicator.higher_is_better,
        "value": float(value) if value is not None else None,
        "figure": str(row.figure.text),
        "sentence": str(row.figure.sentence),
        "target": str(row.target_text),
        "status": str(row.status or ""),
        "status_label": str(row.status.label) if row.status else "",
        "change": str(row.change.words) if row.change else "",
    }


def _in_words(organisation: Organisation, year: Period, sources: dict) -> dict:
    language = translation.get_language()
    groups = {group.key: group for group in sources["groups"][language]}
    rows = {key: [_row(row) for row in group.rows] for key, group in groups.items()}
    with_targets = [row for key in rows for row in rows[key] if row["status"]]
    return {
        "organisation": organisation.name,
        "year": year.label,
        "year_end": date_format(year.end, "j F Y"),
        "satisfaction": rows.get("tsm_perception", []),
        "records": rows.get("tsm_management", []),
        "other": rows.get("best_value", []) + rows.get("local", []),
        "targets": {
            "total": len(with_targets),
            "met": sum(1 for row in with_targets if row["status"] == "green"),
            "near": sum(1 for row in with_targets if row["status"] == "amber"),
            "missed": sum(1 for row in with_targets if row["status"] == "red"),
        },
        "approach": _approach(sources),
        "you_said": _you_said(sources),
        "money": _money(sources),
        "democracy": _democracy(sources),
        "plans": [
            {
                "title": plan.review.title,
                "published": date_format(plan.published_on, "F Y") if plan.published_on else "",
                "slug": organisation.slug,
                "review": plan.review_id,
                "done": found.get("done", 0),
                "actions": sum(found.values()),
            }
            for plan, found in sources["plans"]
        ],
    }


def _approach(sources: dict) -> dict | None:
    """The facts the TSM summary of approach must give: who ran the survey, when, how, how
    many were asked and answered, and whether the answers meet the regulator's accuracy."""
    survey = sources["survey"]
    if survey is None:
        return None
    modes = dict(sources["modes"])
    hidden = groups_to_hide(modes)
    answered = sum(modes.values())
    return {
        "title": survey.title,
        "opened": date_format(survey.opens_on, "j F Y") if survey.opens_on else "",
        "closed": date_format(survey.closes_on, "j F Y") if survey.closes_on else "",
        "invited": survey.sample_size,
        "census": survey.sample_size is None,
        "answered": answered,
        "modes": [
            [str(label), _("fewer than 5") if label in hidden else number_text(n)]
            for label, n in modes.items()
        ],
        "samples": [
            {
                "label": str(sample.label),
                "population": sample.population,
                "required": sample.required,
                "received": sample.received or 0,
                "margin": sample.margin_percent,
                "met": sample.met,
            }
            for sample in sources["samples"]
        ],
    }


def _you_said(sources: dict) -> list[dict]:
    said = [
        {
            "source": _("Scrutiny: %(review)s") % {"review": report.review.title},
            "said": report.summary.strip().split("\n")[0],
            "did": report.tenant_summary.strip(),
            "day": date_format(report.published_on, "F Y"),
        }
        for report in sources["scrutiny"]
    ]
    said += [
        {
            "source": _("Raised at the meeting of %(day)s")
            % {"day": date_format(raised.meeting.day, "j F Y")},
            "said": raised.text.strip(),
            "did": raised.response.strip(),
            "day": date_format(raised.answered_on, "F Y"),
        }
        for raised in sources["criticisms"]
    ]
    return said


def _pounds(value) -> str:
    """ "£1,210.00", or "−£120.00" for less than nothing."""
    if value is None:
        return ""
    if value < 0:
        return f"−£{money_text(-value)}"
    return f"£{money_text(value)}"


def _money(sources: dict) -> dict | None:
    report = sources["allowance"]
    if report is None or not report.rows:
        return None
    return {
        "homes": report.homes,
        "rows": [
            [
                str(DelegatedService(row.service).label),
                _pounds(row.budget),
                _pounds(row.actual),
                _pounds(row.variance),
            ]
            for row in report.rows
        ],
        "total": [
            _("Total"),
            _pounds(report.total.budget),
            _pounds(report.total.actual),
            _pounds(report.total.variance),
        ],
        "budget": float(report.total.budget),
        "actual": float(report.total.actual),
        "per_home": _pounds(report.total.actual_per_home),
    }


def _democracy(sources: dict) -> dict | None:
    health = sources["health"]
    if health is None:
        return None
    lines = [
        [
            _("Households who are members"),
            _("%(n)s of %(of)s (%(share)s)")
            % {
                "n": number_text(health.members.numerator),
                "of": number_text(health.members.denominator),
                "share": percent_text(health.members.percentage),
            },
        ],
        [_("General meetings held"), number_text(len(health.meetings))],
        [
            _("Committee places filled at the year end"),
            _("%(n)s of %(of)s") % {"n": health.filled, "of": health.places},
        ],
        [_("Elections with more candidates than places"), number_text(health.contested)],
        [
            _("Meeting notices sent on time"),
            _("%(n)s of %(of)s")
            % {"n": health.notices.numerator, "of": health.notices.denominator},
        ],
        [
            _("Questions raised at meetings answered on time"),
            _("%(n)s of %(of)s")
            % {
                "n": health.criticisms.answered_on_time,
                "of": health.criticisms.due,
            },
        ],
    ]
    if health.attendance is not None:
        lines.insert(
            2, [_("Average attendance at general meetings"), percent_text(health.attendance)]
        )
    return {
        "lines": lines,
        "members": health.members.numerator,
        "households": health.members.denominator,
        "meetings": len(health.meetings),
        "questionnaire": [
            [label, percent_text(score.percentage)] for label, score in health.questionnaire_rows
        ],
    }
