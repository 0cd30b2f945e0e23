"""The figures of the annual complaints report and the self-assessment, from the complaint
records, worked out by the indicators' own calculators (CH01, CH02) and over the same
complaints those calculators count, so the report and the Tenant Satisfaction Measures never
give two answers for one thing.

The figures are plain numbers and strings (`figures_of`), so the governing body's approval can
keep them as they stood (`ComplaintsYear.figures`); `rows_of` and `provision_evidence` put them
into words for the page and the PDF.
"""

from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.template.defaultfilters import date as date_text
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.deadlines import acknowledged_within_code, complaint_deadlines
from tenantry.core.figures import figure_text
from tenantry.core.periods import Period
from tenantry.core.privacy import groups_to_hide
from tenantry.core.workingdays import working_days_between
from tenantry.indicators.calculators import (
    Subject,
    calculate,
    evidence,
    homes_on,
    records_of,
    snapshot_day,
)
from tenantry.indicators.models import Indicator, Scope
from tenantry.organisations.models import Organisation
from tenantry.records.models import Complaint

INDICATORS = ("CH01-1", "CH01-2", "CH02-1", "CH02-1N", "CH02-2", "CH02-2N")


def subject_of(organisation: Organisation) -> Subject:
    """Whose complaints: a landlord answers for all its homes, those it delegates included (the
    Code binds the landlord); any other organisation for the complaints it handles itself."""
    scope = Scope.LANDLORD_ALL if organisation.is_landlord else Scope.ORGANISATION
    return Subject(scope=scope, organisation=organisation)


def homes_counted(*, organisation: Organisation, year: Period) -> int:
    """The homes the 1,000-home threshold counts: every home of the organisation (all stock
    types, not only the social rented stock the TSM counts) on the year's last day, or today
    while the year is still running."""
    return homes_on(subject_of(organisation), snapshot_day(year, {}), relevant_only=False).count()


def _share(part: int, whole: int) -> str | None:
    if not whole:
        return None
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _integer(value) -> int:
    return int(value or 0)


def _stage(complaints, stage: int, today: date) -> dict:
    """What the records say of one stage's complaints made in the year: acknowledgements within
    the Code's 5 working days, extensions used, answers and their working days."""
    prefix = f"stage{stage}_"
    fields = ("received_on", "escalated_on", f"{prefix}acknowledged_on",
              f"{prefix}responded_on", f"{prefix}extension_days")  # fmt: skip
    acknowledged = late = waiting = extended = escalated = 0
    answered_days = []
    for received, escalated_on, acknowledged_on, responded, extension in complaints.values_list(
        *fields
    ):
        start = received if stage == 1 else escalated_on
        if escalated_on is not None:
            escalated += 1
        if extension:
            extended += 1
        if responded is not None:
            answered_days.append(working_days_between(start, responded))
        if acknowledged_on is not None:
            if acknowledged_within_code(stage, start, acknowledged_on):
                acknowledged += 1
            else:
                late += 1
        elif complaint_deadlines(stage, start).acknowledge_by < today:
            late += 1  # not acknowledged, and its 5 working days are over
        else:
            waiting += 1
    average = (
        str(
            (Decimal(sum(answered_days)) / len(answered_days)).quantize(
                Decimal("0.1"), ROUND_HALF_UP
            )
        )
        if answered_days
        else None
    )
    return {
        "acknowledged_in_time": acknowledged,
        "acknowledged_late": late,
        "acknowledgement_waiting": waiting,
        "acknowledged_share": _share(acknowledged, acknowledged + late),
        "extended": extended,
        "answered": len(answered_days),
        "average_working_days": average,
        "escalated": escalated,
    }


def _measure(measure) -> dict:
    return {
        "top": _integer(measure.numerator),
        "bottom": _integer(measure.denominator),
        "value": None if measure.value is None else str(measure.value),
    }


def _breakdown(counts: Counter) -> list[list]:
    """Rows of [key, count or None]: a small group's count hidden (core/privacy.py). Keys, not
    labels, are kept, so approved figures read in the reader's own language."""
    hidden = groups_to_hide(dict(counts))
    return [
        [key, None if key in hidden else n]
        for key, n in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    ]


def breakdowns_of(figures: dict) -> dict[str, list[list]]:
    """The outcomes, categories and estates of `figures` with their labels, for reading."""
    outcomes, categories = dict(Complaint.Outcome.choices), dict(Complaint.Category.choices)
    return {
        "outcomes": [[str(outcomes.get(key, key)), n] for key, n in figures["outcomes"]],
        "categories": [[str(categories.get(key, key)), n] for key, n in figures["categories"]],
        "estates": [
            [key if key is not None else _("Not tied to a home"), n]
            for key, n in figures["estates"]
        ],
    }


def figures_of(*, organisation: Organisation, year: Period, today: date) -> dict:
    """Every figure from the records for the organisation's year (see the module's docstring)."""
    subject = subject_of(organisation)
    indicators = {
        i.code: i for i in Indicator.objects.filter(code__in=INDICATORS, organisation=None)
    }
    measures = {code: _measure(calculate(indicators[code], subject, year)) for code in INDICATORS}
    # The complaints CH01 counts: stage 1 by the day received, stage 2 by the day escalated.
    made = {
        stage: evidence(indicators[f"CH01-{stage}"], subject, year, measure=False).counted
        for stage in (1, 2)
    }
    stages = {stage: _stage(made[stage], stage, today) for stage in (1, 2)}
    first = made[1]
    outcomes = Counter(dict(first.values_list("outcome").annotate(n=Count("pk")).order_by()))
    categories = Counter(dict(first.values_list("category").annotate(n=Count("pk")).order_by()))
    estates = Counter(
        dict(first.values_list("home__estate__name").annotate(n=Count("pk")).order_by())
    )
    referred = (
        records_of(Complaint, subject, relevant_only=True)
        .filter(referred_to_ombudsman_on__gte=year.start, referred_to_ombudsman_on__lte=year.end)
        .count()
    )
    stage1_made = measures["CH01-1"]["top"]
    return {
        "year": year.label,
        "worked_out_on": today.isoformat(),
        "homes": measures["CH01-1"]["bottom"],
        "measures": measures,
        "stage1": stages[1],
        "stage2": stages[2],
        "escalation_share": _share(stages[1]["escalated"], stage1_made),
        "referred_to_ombudsman": referred,
        "outcomes": [[key, outcomes[key]] for key in Complaint.Outcome.values if outcomes.get(key)],
        "categories": _breakdown(categories),
        "estates": _breakdown(estates),
    }


# --- in words -------------------------------------------------------------------------------


def _of(top: int, bottom: int, share: str | None) -> str:
    if not bottom:
        return _("none to count yet")
    return _("%(top)s of %(bottom)s (%(share)s)") % {
        "top": top,
        "bottom": bottom,
        "share": figure_text(share, "percent"),
    }


def rows_of(figures: dict) -> list[dict]:
    """The report's table: each figure with its value and how it was worked out."""
    m, s1, s2 = figures["measures"], figures["stage1"], figures["stage2"]
    return [
        {
            "label": _("Stage 1 complaints received"),
            "value": str(m["CH01-1"]["top"]),
            "how": _("Complaints received in %(year)s, by the day received (CH01).")
            % {"year": figures["year"]},
        },
        {
            "label": _("Stage 1 complaints per 1,000 homes"),
            "value": figure_text(m["CH01-1"]["value"], "per_1000"),
            "how": _("%(made)s complaints for %(homes)s homes at the year's end (CH01-1).")
            % {"made": m["CH01-1"]["top"], "homes": m["CH01-1"]["bottom"]},
        },
        {
            "label": _("Stage 2 complaints received"),
            "value": str(m["CH01-2"]["top"]),
            "how": _("Complaints escalated to stage 2 in the year, by the day asked for."),
        },
        {
            "label": _("Stage 2 complaints per 1,000 homes"),
            "value": figure_text(m["CH01-2"]["value"], "per_1000"),
            "how": _("%(made)s complaints for %(homes)s homes at the year's end (CH01-2).")
            % {"made": m["CH01-2"]["top"], "homes": m["CH01-2"]["bottom"]},
        },
        {
            "label": _("Stage 1 acknowledged within 5 working days"),
            "value": _of(
                s1["acknowledged_in_time"],
                s1["acknowledged_in_time"] + s1["acknowledged_late"],
                s1["acknowledged_share"],
            ),
            "how": _(
                "Working days Monday to Friday, leaving out bank holidays in England and Wales; "
                "a complaint not yet acknowledged counts as late once its 5 working days are over."
            ),
        },
        {
            "label": _("Stage 1 answered within the Code's timescale, no extension"),
            "value": _of(m["CH02-1N"]["top"], m["CH02-1N"]["bottom"], m["CH02-1N"]["value"]),
            "how": _("Within 10 working days of the acknowledgement (CH02-1N)."),
        },
        {
            "label": _("Stage 1 answered within the Code's timescale, with extensions"),
            "value": _of(m["CH02-1"]["top"], m["CH02-1"]["bottom"], m["CH02-1"]["value"]),
            "how": _("Counting the extension agreed for each complaint, up to 10 working days "
                     "(CH02-1); %(n)s complaints were extended.") % {"n": s1["extended"]},
        },
        {
            "label": _("Stage 2 acknowledged within 5 working days"),
            "value": _of(
                s2["acknowledged_in_time"],
                s2["acknowledged_in_time"] + s2["acknowledged_late"],
                s2["acknowledged_share"],
            ),
            "how": _("From the day stage 2 was asked for."),
        },
        {
            "label": _("Stage 2 answered within the Code's timescale, no extension"),
            "value": _of(m["CH02-2N"]["top"], m["CH02-2N"]["bottom"], m["CH02-2N"]["value"]),
            "how": _("Within 20 working days of the acknowledgement (CH02-2N)."),
        },
        {
            "label": _("Stage 2 answered within the Code's timescale, with extensions"),
            "value": _of(m["CH02-2"]["top"], m["CH02-2"]["bottom"], m["CH02-2"]["value"]),
            "how": _("Counting the extension agreed for each complaint, up to 20 working days "
                     "(CH02-2); %(n)s complaints were extended.") % {"n": s2["extended"]},
        },
        {
            "label": _("Escalated to stage 2"),
            "value": _of(s1["escalated"], m["CH01-1"]["top"], figures["escalation_share"]),
            "how": _("Of the stage 1 complaints received in the year, those taken to stage 2 "
                     "so far."),
        },
        {
            "label": _("Average time to answer at stage 1"),
            "value": _working_days(s1["average_working_days"]),
            "how": _("Working days from receipt to the answer, over the %(n)s complaints "
                     "answered.") % {"n": s1["answered"]},
        },
        {
            "label": _("Average time to answer at stage 2"),
            "value": _working_days(s2["average_working_days"]),
            "how": _("Working days from the request for stage 2 to the answer, over the "
                     "%(n)s complaints answered.") % {"n": s2["answered"]},
        },
        {
            "label": _("Referred to the Housing Ombudsman"),
            "value": str(figures["referred_to_ombudsman"]),
            "how": _("Complaints whose referral to the Ombudsman was recorded in the year."),
        },
    ]  # fmt: skip


def _working_days(value: str | None) -> str:
    if value is None:
        return "–"
    return _("%(n)s working days") % {"n": figure_text(value, places=1)}


def provision_evidence(evidenced: str | None, figures: dict, complaints_year) -> str | None:
    """What the records say about a provision, in one sentence; None when they say nothing."""
    if evidenced is None:
        return None
    s1, s2, m = figures["stage1"], figures["stage2"], figures["measures"]
    year = figures["year"]
    if evidenced == "stage1_acknowledged":
        return _(
            "%(of)s stage 1 complaints received in %(year)s were acknowledged within 5 working "
            "days."
        ) % {"of": _of(s1["acknowledged_in_time"],
                       s1["acknowledged_in_time"] + s1["acknowledged_late"],
                       s1["acknowledged_share"]), "year": year}  # fmt: skip
    if evidenced == "stage1_answered":
        return _(
            "%(of)s stage 1 complaints were answered within 10 working days of acknowledgement "
            "without an extension."
        ) % {"of": _of(m["CH02-1N"]["top"], m["CH02-1N"]["bottom"], m["CH02-1N"]["value"])}
    if evidenced == "stage1_extended":
        return _(
            "%(n)s stage 1 complaints were extended; with their extensions, %(of)s were "
            "answered in time. Tenantry refuses an extension of more than 10 working days."
        ) % {
            "n": s1["extended"],
            "of": _of(m["CH02-1"]["top"], m["CH02-1"]["bottom"], m["CH02-1"]["value"]),
        }
    if evidenced == "escalated":
        return _(
            "%(n)s complaints were taken to stage 2 in %(year)s; %(answered)s stage 2 answers "
            "were sent."
        ) % {"n": m["CH01-2"]["top"], "year": year, "answered": s2["answered"]}
    if evidenced == "stage2_acknowledged":
        return _("%(of)s requests for stage 2 were acknowledged within 5 working days.") % {
            "of": _of(
                s2["acknowledged_in_time"],
                s2["acknowledged_in_time"] + s2["acknowledged_late"],
                s2["acknowledged_share"],
            )
        }
    if evidenced == "report":
        return _("The annual report below is made from the same records.")
    if evidenced == "approval":
        if complaints_year.approved_on:
            return _("Approved by the governing body on %(day)s (minute %(minute)s).") % {
                "day": date_text(complaints_year.approved_on, "j F Y"),
                "minute": complaints_year.minute_reference or "–",
            }
        return _("Not yet approved by the governing body.")
    return None


EVIDENCE_NOTE = gettext_lazy("From Tenantry's records")
