"""Handing a survey's Tenant Satisfaction Measures to the indicators.

The survey works out TP01–TP12 with the regulator's rules (analysis.tsm_perception_results);
this stores them as the organisation's results for a financial year, for all homes and for
low-cost rental and home-ownership homes separately, as the regulator reports them. The Best
Value overall-satisfaction indicator (BV74) asks the same question as TP01 and takes its figure.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.history import named
from tenantry.core.models import User
from tenantry.core.periods import Period
from tenantry.indicators.models import Indicator, Result, Source, StockType
from tenantry.indicators.permissions import can_enter_results
from tenantry.indicators.services.results import enter_result
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.permissions import require

from . import analysis
from .models import Survey

STOCK_TYPES = (StockType.ALL, StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP)


@transaction.atomic
def send_tsm_results(*, survey: Survey, period: Period, by: User | None) -> list[Result]:
    """Store the survey's TSM perception figures as results for `period`; measures nobody's
    answer counts towards are left alone rather than stored as zero."""
    require(can_enter_results, user=by, organisation=survey.organisation)
    indicators = {i.code: i for i in Indicator.objects.filter(organisation=None, source="survey")}
    # An indicator whose config names a TSM question takes that question's figure (BV74).
    takes = {code: code for code in indicators}
    takes |= {i.code: i.config["question"] for i in indicators.values() if "question" in i.config}
    note = _("From the survey “%(title)s”.") % {"title": survey.title}
    stored = []
    for stock_type in STOCK_TYPES:
        scores = analysis.tsm_perception_results(survey, stock_type=stock_type or None)
        for code, question in takes.items():
            score = scores.get(question)
            if score is None or not score.denominator:
                continue
            if stock_type and not indicators[code].split_by_stock:
                continue
            stored.append(
                enter_result(
                    indicator=indicators[code],
                    organisation=survey.organisation,
                    period=period,
                    value=None,
                    numerator=Decimal(score.numerator),
                    denominator=Decimal(score.denominator),
                    by=by,
                    note=note,
                    source=Source.SURVEY,
                    stock_type=stock_type,
                )
            )
    record_change(
        organisation=survey.organisation,
        by=by,
        action=Action.SENT,
        what=named(survey),
        detail=_("Tenant Satisfaction Measures for %(period)s") % {"period": period.label},
    )
    return stored
