"""What the API's answers hold: the shapes in its OpenAPI description."""

from datetime import date, datetime

from ninja import Field, Schema


class Link(Schema):
    rel: str
    href: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    landlord: str | None = None  # the landlord's slug
    links: list[Link] = []


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    next: str | None = None


class ResultOut(Schema):
    indicator: str
    indicator_name: str
    unit: str
    stock_type: str
    period: str
    period_kind: str
    period_start: date
    period_end: date
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    source: str
    worked_out_at: datetime


class ResultPage(Schema):
    organisation: str
    scope: str
    items: list[ResultOut]
    next: str | None = None


class PlanActionOut(Schema):
    title: str
    owner: str
    due_on: date | None = None


class PlanOut(Schema):
    review: str
    stage: str
    published_on: date | None = None
    vision: str
    steps: str
    actions: list[PlanActionOut]
    page: str
    pdf: str


class AnnualReportOut(Schema):
    year: str
    published_at: datetime
    languages: list[str]
    page: str
    easy_read: str
    pdf: str
    large_print_pdf: str
    easy_read_pdf: str


class AnnualReportPage(Schema):
    items: list[AnnualReportOut]
    next: str | None = None


class PlanPage(Schema):
    items: list[PlanOut]
    next: str | None = None


class RecommendationOut(Schema):
    title: str
    reason: str
    response: str
    reasons: str
    owner: str
    due_on: date | None = None
    answered_on: date | None = None


class ReportOut(Schema):
    review: str
    published_on: date | None = None
    answers_due_on: date | None = None
    answered_on: date | None = None
    recommendations: list[RecommendationOut]


class ReportPage(Schema):
    items: list[ReportOut]
    next: str | None = None


class OpenDataFile(Schema):
    title: str
    year: str
    indicator: str | None = None
    href: str


class OpenDataOut(Schema):
    organisation: str
    files: list[OpenDataFile]


class RoleOut(Schema):
    organisation: str
    roles: list[str]


class MeOut(Schema):
    email: str
    name: str
    token: str | None = None  # the token's name, when a token was sent
    token_expires_at: datetime | None = None
    organisations: list[RoleOut]


class RepairOut(Schema):
    reference: str
    kind: str
    status: str
    trade: str
    priority: str | None = None
    reported_at: datetime
    due_at: datetime | None = None
    completed_at: datetime | None = None
    appointment_kept: bool | None = None
    right_first_time: bool | None = None
    hazard: str


class RepairPage(Schema):
    items: list[RepairOut]
    next: str | None = None


class SubmissionOut(Schema):
    id: int
    agreement: int
    period: str
    period_start: date
    period_end: date
    status: str
    commentary: str
    figures: list[dict]


class SubmissionPage(Schema):
    items: list[SubmissionOut]
    next: str | None = None


NO_NUL = r"^[^\x00]*$"  # a NUL character cannot be stored in a text column (PostgreSQL)


class SubmissionIn(Schema):
    period: str = Field(
        ..., max_length=40, pattern=NO_NUL, description='"2025/26", "2025/26 Q1" or "April 2025"'
    )
    commentary: str = Field("", max_length=20_000, pattern=NO_NUL)
    agreement: int | None = Field(None, ge=1, le=2**63 - 1)


class ImportProblem(Schema):
    line: int | None = None
    column: str | None = None
    message: str


class ImportRunOut(Schema):
    id: int
    kind: str
    filename: str
    status: str
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    problem_count: int
    problems: list[ImportProblem]
    href: str
