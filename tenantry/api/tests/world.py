"""A small world every API test can ask: the cast's TMO and its panel publishing, the TMO's
hand-worked figures for 2025/26 and 2024/25, a published plan, a published scrutiny report,
an import run, and the monitoring schedule that asks for 2024/25 Q1."""

from dataclasses import dataclass

from tenantry.core.periods import quarter
from tenantry.indicators.tests.performance_data import LAST_YEAR, YEAR, computed
from tenantry.indicators.tests.routes_monitoring import result, schedule
from tenantry.records.models import ImportRun
from tenantry.reviews.tests.plan_factories import ActionFactory, PublishedPlanFactory
from tenantry.scrutiny.tests.factories_report import PublishedReportFactory

from .helpers import expired_secret_for, publish, revoked_secret_for, secret_for

Q1 = quarter("2024/25", "Q1")

# The matrix's columns: who asks. A token for everyone but the anonymous visitor; a revoked
# and an expired token of the TMO's staff member.
ROLES = [
    "anonymous", "resident", "committee", "staff", "landlord_officer", "panel", "outsider",
    "site_admin", "revoked", "expired",
]  # fmt: skip


@dataclass
class World:
    cast: object
    run: ImportRun
    secrets: dict[str, str | None]

    def user(self, role: str):
        if role in ("revoked", "expired"):
            return self.cast.people["staff"]
        if role == "panel":
            return self.cast.panel_member
        return self.cast.people[role]


def build(cast, *, worked_out: bool = False) -> World:
    """The world; `worked_out` works the figures out from hand-worked repairs (slower), else
    the same figures are stored as they are."""
    publish(cast.tmo, cast.panel)
    if worked_out:
        computed(cast)  # RP02-2: 2025/26 4 of 5 = 80%; 2024/25 1 of 2 = 50%
    else:
        result(cast.tmo, "RP02-2", YEAR, "80", numerator=4, denominator=5)
        result(cast.tmo, "RP02-2", LAST_YEAR, "50", numerator=1, denominator=2)
    plan = PublishedPlanFactory(review__organisation=cast.tmo, review__title="Repairs review")
    ActionFactory(plan=plan, title="Book appointments by phone", owner="Repairs manager")
    report = PublishedReportFactory(review__panel=cast.panel, review__title="Appointments")
    recommendation = report.recommendations.get()
    recommendation.response, recommendation.reasons = "accepted", "We will text reminders."
    recommendation.save()
    schedule(cast.agreement, "RP02-2", "quarterly")
    result(cast.tmo, "RP02-2", Q1, "92.5", numerator=37, denominator=40)
    run = ImportRun.objects.create(
        organisation=cast.tmo, kind="repairs", filename="repairs.csv", status="rejected",
        errors=[{"line": 3, "column": "reported_at", "reason": "31/02/2026 is not a date"}],
        error_count=1, by=cast.people["staff"],
    )  # fmt: skip
    secrets = {"anonymous": None}
    for role in ROLES:
        if role == "anonymous":
            continue
        if role == "revoked":
            secrets[role] = revoked_secret_for(cast.people["staff"])
        elif role == "expired":
            secrets[role] = expired_secret_for(cast.people["staff"])
        elif role == "panel":
            secrets[role] = secret_for(cast.panel_member)
        else:
            secrets[role] = secret_for(cast.people[role])
    return World(cast, run, secrets)
