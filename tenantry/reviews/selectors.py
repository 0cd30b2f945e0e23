"""What a review's pages show: the live comparison at step 5 (from the indicators app's
benchmarks, not worked out again here) and the four Cs panel with its gaps named in words."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.charts import format_value
from tenantry.core.periods import Period, financial_year, financial_year_of
from tenantry.indicators import benchmarks
from tenantry.indicators.models import Indicator
from tenantry.indicators.views.benchmarks import CHART_UNITS
from tenantry.surveys import analysis

from . import appraisal
from .models import EvidenceKind, Review, StakeholderKind, StepStatus

# Stakeholders who are the residents themselves: a review that heard only from them (and, in
# its surveys, only from the groups who always answer) reached "the usual suspects".
RESIDENT_KINDS = frozenset({StakeholderKind.TENANTS, StakeholderKind.MEMBERS})


def indicators_for(review: Review):
    """National indicators and the organisation's own, for choosing what to compare."""
    return Indicator.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=review.organisation), retired_at__isnull=True
    ).order_by("framework", "order", "code")


def _year(organisation, indicator) -> Period:
    """The newest financial year that has ended and has figures (as the benchmark page
    chooses), else this year."""
    years = benchmarks.years_to_compare(organisation=organisation, indicator=indicator)
    today = timezone.localdate()
    finished = [y for y in years if financial_year(y).end < today]
    if finished or years:
        return financial_year((finished or years)[0])
    return financial_year_of(today)


@dataclass
class Comparison:
    indicator: Indicator
    year: Period
    own: str
    groups: list[dict] = field(default_factory=list)
    top_quartile: Decimal | None = None  # the national upper quartile's boundary, best side
    peers: int = 0  # figures of other providers: the landlord's, partners', the platform's

    def frozen(self) -> dict:
        """The figures as kept in evidence."""
        return {
            "year": self.year.label,
            "own": self.own,
            "groups": [
                {k: g[k] for k in ("title", "count", "quartiles", "position", "values")}
                for g in self.groups
            ],
            "peers": self.peers,
        }


def comparison(*, review: Review, indicator: Indicator, roles) -> Comparison:
    """One indicator's figure for the organisation against its landlord, its peers on Tenantry
    and the regulator's national quartiles (`indicators.benchmarks.benchmark`)."""
    year = _year(review.organisation, indicator)
    found = benchmarks.benchmark(
        organisation=review.organisation, indicator=indicator, year=year, roles=roles
    )
    unit = CHART_UNITS.get(indicator.unit, "")
    groups = []
    for group in found.groups:
        values = [(m.label, format_value(m.value, unit)) for m in group.members[:6]]
        groups.append(
            {
                "key": group.key,
                "title": str(group.title),
                "count": group.count,
                "quartiles": [format_value(v, unit) for v in group.quartiles]
                if group.quartiles
                else None,
                "position": group.quartile_name,
                "values": values if group.key != "national" else [],
            }
        )
    national = found.national
    top = None
    if national and national.quartiles:
        top = national.quartiles[2] if indicator.higher_is_better else national.quartiles[0]
    peers = sum(g.count for g in found.groups if g.key in ("landlord", "partners", "platform"))
    return Comparison(
        indicator=indicator,
        year=year,
        own=format_value(found.own_value, unit),
        groups=groups,
        top_quartile=top,
        peers=peers,
    )


def comparisons(*, review: Review, codes: list[str], roles) -> list[Comparison]:
    chosen = {i.code: i for i in indicators_for(review).filter(code__in=codes)}
    return [
        comparison(review=review, indicator=chosen[c], roles=roles) for c in codes if c in chosen
    ]


def gap_to_top_quartile(*, value, top: Decimal | None, higher_is_better: bool) -> Decimal | None:
    """How far a figure is from the national top quarter's boundary: 0 when it is inside."""
    if value is None or top is None:
        return None
    value = Decimal(str(value))
    gap = top - value if higher_is_better else value - top
    return max(gap, Decimal(0))


# --- The four Cs ---------------------------------------------------------------------------------


@dataclass
class C:
    key: str
    title: str
    evidence: list[str]
    gaps: list[str]


def _usual_suspects(review: Review) -> tuple[list[str], list[str]]:
    """Each linked survey's reach: the groups who answered far less than their share."""
    evidence, gaps = [], []
    surveys = [
        e.survey
        for e in review.evidence.filter(kind=EvidenceKind.SURVEY).select_related("survey")
        if e.survey
    ]
    for survey in surveys:
        answered = survey.responses.count()
        evidence.append(
            ngettext(
                "Survey “%(title)s”: %(n)s answer", "Survey “%(title)s”: %(n)s answers", answered
            )
            % {"title": survey.title, "n": answered}
        )
        missed = []
        for characteristic in analysis.reach(survey):
            groups = [characteristic.labels.get(r.group, r.group) for r in characteristic.flagged]
            if groups:
                missed.append(f"{characteristic.label}: {', '.join(str(g) for g in groups)}")
        if missed:
            gaps.append(
                _(
                    "The survey “%(title)s” reached only the usual suspects: these groups gave far "
                    "fewer answers than their share of residents: %(groups)s."
                )
                % {"title": survey.title, "groups": "; ".join(missed)}
            )
    if not surveys:
        gaps.append(_("No survey is linked to the review, so nobody can see who was reached."))
    return evidence, gaps


def four_cs(review: Review) -> list[C]:
    """Challenge, consult, compare, compete: what the review holds for each, and its gaps."""
    steps = {s.number: s for s in review.steps.all()}

    def said(number, key):
        s = steps.get(number)
        return bool(s and s.content.get(key))

    challenge_evidence, challenge_gaps = [], []
    if said(2, "need"):
        challenge_evidence.append(_("Step 2 asks whether the service is needed"))
    else:
        challenge_gaps.append(_("Nobody has yet asked whether the service is needed at all."))
    if said(2, "badly_served"):
        challenge_evidence.append(_("Step 2 names who is badly served"))
    else:
        challenge_gaps.append(_("The review does not yet say who is badly served by the service."))
    if said(7, "outside_people"):
        challenge_evidence.append(_("Outside people took part in the challenge"))
    else:
        challenge_gaps.append(_("No outside people have been involved to challenge the service."))

    consulted = list(review.stakeholders.filter(consulted_on__isnull=False))
    consult_evidence = (
        [
            ngettext("%(n)s stakeholder consulted", "%(n)s stakeholders consulted", len(consulted))
            % {"n": len(consulted)}
        ]
        if consulted
        else []
    )
    consult_gaps = []
    if not consulted:
        consult_gaps.append(_("No stakeholder has been consulted yet."))
    elif all(s.kind in RESIDENT_KINDS for s in consulted):
        consult_gaps.append(
            _(
                "Only tenants and members have been consulted: staff, contractors, community "
                "groups and others in the stakeholder register have not been heard."
            )
        )
    survey_evidence, survey_gaps = _usual_suspects(review)
    consult_evidence += survey_evidence
    consult_gaps += survey_gaps

    visits = review.visits.count()
    figures = list(review.evidence.filter(kind=EvidenceKind.FIGURE))
    compare_evidence, compare_gaps = [], []
    if visits:
        compare_evidence.append(
            ngettext("%(n)s benchmarking visit", "%(n)s benchmarking visits", visits)
            % {"n": visits}
        )
    if figures:
        compare_evidence.append(
            ngettext(
                "%(n)s set of figures kept as evidence",
                "%(n)s sets of figures kept as evidence",
                len(figures),
            )
            % {"n": len(figures)}
        )
    peers = sum(int(f.figures.get("peers", 0)) for f in figures)
    codes = steps[5].content.get("indicators", []) if 5 in steps else []
    if not codes and not figures:
        compare_gaps.append(_("No indicator has been chosen to compare."))
    if not visits and not peers:
        compare_gaps.append(
            _(
                "The comparison has no peer: no benchmarking visit, and no figures of the "
                "landlord or of other organisations kept."
            )
        )

    options = list(review.options.all())
    compete_evidence, compete_gaps = [], []
    if options:
        compete_evidence.append(
            ngettext("%(n)s option appraised", "%(n)s options appraised", len(options))
            % {"n": len(options)}
        )
    if not options:
        compete_gaps.append(_("No option has been appraised."))
    elif len(options) == 1:
        compete_gaps.append(
            _("The option appraisal has only one option: nothing was compared with it.")
        )
    if any(o.cost_score is None or o.quality_score is None for o in options):
        compete_gaps.append(_("Some options have no cost or quality score."))

    return [
        C("challenge", _("Challenge"), challenge_evidence, challenge_gaps),
        C("consult", _("Consult"), consult_evidence, consult_gaps),
        C("compare", _("Compare"), compare_evidence, compare_gaps),
        C("compete", _("Compete"), compete_evidence, compete_gaps),
    ]


def ranked_options(review: Review):
    """(ranked, refusal): the options ranked, or why they cannot be."""
    steps = review.steps.filter(number=6).first()
    weight = steps.content.get("cost_weight") if steps else None
    weight = appraisal.DEFAULT_COST_WEIGHT if weight is None else int(weight)
    options = list(review.options.all())
    try:
        return weight, appraisal.rank(options, cost_weight=weight), ""
    except ValidationError as error:  # a missing score
        return weight, [], " ".join(error.messages)


def progress(review: Review) -> tuple[int, int]:
    steps = list(review.steps.all())
    return sum(s.status == StepStatus.COMPLETED for s in steps), 9
