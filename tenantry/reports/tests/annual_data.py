"""A small, hand-worked year for Kingsmead TMO (the cast's organisation), 2025/26.

- Overall satisfaction (TP01) 72.4%, against a target of 80% with no tolerance: off target.
  Satisfaction with repairs (TP02) 81%, no target. One target in all, none met.
- The TSM survey opened on 1 September 2025 and closed on 31 October, sent to a sample of 40:
  19 answers, 12 online, 3 on paper and 4 by phone. Paper (3) and phone (4) are each fewer than
  five, so both are hidden; together they are 7, enough that neither can be worked out from
  the total.
- The management allowance: £12,000.00 for repairs; £9,000.50 spent in June 2025 and £2,500.00
  in January 2026, £11,500.50 in all, £499.50 left. The agreement covers two homes: £5,750.25
  spent for each.
- At the general meeting of 10 September 2025 a tenant asked for the bin store to be cleaned
  weekly; answered on 1 October: "Cleaned every Monday from October."
- The landlord's scrutiny panel published its report on Kingsmead's repairs on 2 March 2026,
  with what tenants said and what was done.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from tenantry.budgets.models import Actual, AllowanceLine, BudgetKind
from tenantry.budgets.tests.factories import BudgetFactory
from tenantry.core.periods import financial_year
from tenantry.democracy.models import Criticism, Meeting
from tenantry.indicators.models import Indicator, Result, Target
from tenantry.scrutiny.tests.factories_report import PublishedReportFactory
from tenantry.surveys.tests.factories import ResponseFactory, SurveyFactory

YEAR = financial_year("2025/26")


def _result(cast, code: str, value: str) -> Result:
    return Result.objects.create(
        indicator=Indicator.objects.get(code=code, organisation__isnull=True),
        organisation=cast.tmo, scope="organisation", period_kind="year",
        period_start=YEAR.start, period_end=YEAR.end, period_label=YEAR.label,
        value=Decimal(value), source="survey", computed_at=timezone.now(),
    )  # fmt: skip


def hand_worked_year(cast) -> None:
    _result(cast, "TP01", "72.4")
    _result(cast, "TP02", "81")
    Target.objects.create(
        agreement=cast.agreement,
        indicator=Indicator.objects.get(code="TP01", organisation__isnull=True),
        year_start=YEAR.start,
        value=Decimal(80),
    )
    survey = SurveyFactory(
        organisation=cast.tmo, title="Tenant satisfaction survey 2025", template="tsm",
        status="closed", opens_on=date(2025, 9, 1), closes_on=date(2025, 10, 31), sample_size=40,
    )  # fmt: skip
    for mode, many in (("web", 12), ("paper", 3), ("phone", 4)):
        for _ in range(many):
            ResponseFactory(
                survey=survey, mode=mode, stock_type="lcra", submitted_on=date(2025, 9, 20)
            )
    budget = BudgetFactory(
        organisation=cast.tmo, kind=BudgetKind.MANAGEMENT_ALLOWANCE, name="Management allowance"
    )
    AllowanceLine.objects.create(budget=budget, year=2025, service="repairs", amount=12000)
    for on, amount in ((date(2025, 6, 3), "9000.50"), (date(2026, 1, 10), "2500.00")):
        Actual.objects.create(
            budget=budget, reference=f"INV-{on:%m}", on=on, service="repairs",
            amount=Decimal(amount),
        )  # fmt: skip
    meeting = Meeting.objects.create(
        organisation=cast.tmo, kind="general", title="General meeting", day=date(2025, 9, 10)
    )
    Criticism.objects.create(
        organisation=cast.tmo, meeting=meeting, text="Please clean the bin store every week.",
        owner="Estate manager", due_on=date(2025, 10, 8), answered_on=date(2025, 10, 1),
        response="Cleaned every Monday from October.", status="answered",
    )  # fmt: skip
    report = PublishedReportFactory(
        review__panel__landlord=cast.landlord, review__scrutinised=cast.tmo,
        review__title="Repairs appointments", tenant_summary="You said appointments were missed. "
        "Kingsmead now offers morning or afternoon slots and texts the day before.",
    )  # fmt: skip
    return report
