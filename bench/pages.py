"""How fast every page is, for every demo role, at a landlord's full size, under load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tenantry \\
        .venv/bin/python bench/pages.py [--database-url URL | --homes 125000] [--quick]

Finds every page: walks the site's URL patterns and fills each one's arguments with real
rows of the database (an organisation, a home, a record of each kind, a survey, an
indicator, an agreement's targets, …) for each demo login in turn. Asks each page once
in-process through Django's test client (its status, its database queries, counted with
CaptureQueriesContext), then serves the site with gunicorn (2 workers, 127.0.0.1 only),
signs each role in through the real sign-in page and, for each page the role may see, keeps
--connections keep-alive connections busy for --duration seconds. Prints for each page the
median and 95th-percentile latency, its throughput as a share of /healthz's in the same run,
its queries, and flags those over target: p95 over 300 ms, or, for the pages opened most,
throughput under 30% of /healthz's.

--homes N builds its own database (`tenantry_bench_pages_N`: migrated, `tenantry generate
--homes N`), like bench/import_repairs.py; --database-url uses an existing generated one.
Either way the generated surveys are added if the database has none (tenantry/demo/surveys.py).
--json FILE keeps the figures; --compare FILE prints another run's p95 beside this one's, so
a page whose cost grows with the landlord's size shows.
"""

import argparse
import gc
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
SECRET_KEY = "tenantry-bench-pages-not-a-secret"  # codes of survey letters derive from it
PASSWORD = "tenantry-demo"
TARGET_P95_MS = 300
TARGET_SHARE = 0.30

# The demo logins (tenantry/demo/generate.py) and the organisations each one's pages are
# walked in: the landlord officer at the council (its portfolio, its whole stock) and at the
# organisation it delegates to that the other logins work in.
ROLES = {
    "staff": ("staff@example.org", ["kingsmead-tmo"]),
    "committee": ("committee@example.org", ["kingsmead-tmo"]),
    "landlord": ("landlord@example.org", ["northbrook-council", "kingsmead-tmo"]),
    "panel": ("panel@example.org", ["northbrook-scrutiny-panel"]),
    "inspector": ("inspector@example.org", ["marsh-lane-emb"]),
    "admin": ("admin@example.org", ["northbrook-council"]),
    "resident": ("resident@example.org", ["brookfield-tmc"]),
    "anonymous": (None, ["kingsmead-tmo"]),
}

# The lightest page a signed-in person sees: the second baseline a page's throughput is given
# against (the first, /healthz, reads no session and draws no page).
SIGNED_IN_BASELINE = "/account/email/"
ACCEPT_ENCODING = "gzip, deflate, br"  # what a browser asks for: pages come compressed
# The pages opened most: their throughput must also be at least 30% of /healthz's.
MOST_OPENED = {
    "reports:organisation-home", "services:records", "services:record-list", "services:record",
    "indicators:performance", "indicators:indicator", "indicators:portfolio", "index",
    "reports:public-page",
}  # fmt: skip


# --- What fills each URL's arguments -------------------------------------------------------
#
# A filler takes the walk's context (the organisation, the signed-in user) and returns the
# value, or None when the database has no such row. A list of fillers' values gives a page
# several times (a record of each kind). The organisation's slug fills every <slug> itself.


@dataclass
class Context:
    organisation: object
    user: object


def _first(queryset):
    return queryset.order_by("-pk").values_list("pk", flat=True).first()


def _agreement(ctx):
    from django.db.models import Q

    from tenantry.organisations.models import ManagementAgreement

    org = ctx.organisation
    return _first(ManagementAgreement.objects.filter(Q(organisation=org) | Q(landlord=org)))


def _home(ctx):
    from tenantry.homes.models import Coverage, Home
    from tenantry.records.models import Repair

    org = ctx.organisation
    repairs = Repair.objects.filter(organisation=org, home__isnull=False).order_by("-pk")
    if home := repairs.values_list("home_id", flat=True).first():
        return home
    if agreement := _agreement(ctx):
        return Coverage.objects.filter(agreement_id=agreement).values_list("home_id", flat=True)[0]
    return _first(Home.objects.filter(landlord=org))


def _estate(ctx):
    from tenantry.homes.models import Home

    home = _home(ctx)
    return home and Home.objects.filter(pk=home).values_list("estate_id", flat=True).first()


def _records(ctx):
    """(kind, pk) of the latest record of each kind the organisation keeps."""
    from tenantry.records.kinds import KINDS

    return [
        (slug, pk)
        for slug, kind in KINDS.items()
        if (pk := _first(kind.model.objects.filter(organisation=ctx.organisation)))
    ]


def _model(app_model, **lookups):
    """A filler: the latest row of `app.Model` matching lookups, each a function of ctx."""

    def fill(ctx):
        from django.apps import apps

        model = apps.get_model(app_model)
        values = {key: value(ctx) for key, value in lookups.items()}
        if any(value is None for value in values.values()):
            return None
        return _first(model.objects.filter(**values))

    fill.__name__ = f"latest {app_model}"
    return fill


def _org(ctx):
    return ctx.organisation


def _user(ctx):
    return ctx.user


def _survey(ctx):
    """The organisation's survey with the most responses (the one whose results cost most)."""
    from django.db.models import Count

    from tenantry.surveys.models import Survey

    survey = (
        Survey.objects.filter(organisation=ctx.organisation)
        .annotate(n=Count("responses"))
        .order_by("-n", "-pk")
        .first()
    )
    return survey and survey.pk


def _draft_survey(ctx):
    """A survey still being written: only its questions and sections can be changed."""
    from tenantry.surveys.models import Survey

    return _first(Survey.objects.filter(organisation=ctx.organisation, status="draft"))


def _draft_question(ctx):
    from tenantry.surveys.models import Question

    survey = _draft_survey(ctx)
    return survey and _first(Question.objects.filter(survey_id=survey))


def _draft_section(ctx):
    from tenantry.surveys.models import Section

    survey = _draft_survey(ctx)
    return survey and _first(Section.objects.filter(survey_id=survey))


def _invitation_code(ctx):
    """A personal code of an invitation not yet answered, derived as letters print it."""
    from tenantry.surveys import codes
    from tenantry.surveys.models import Invitation

    invitation = (
        Invitation.objects.filter(survey__organisation=ctx.organisation, responses=0)
        .filter(survey__status="open")
        .order_by("pk")
        .first()
    )
    return invitation and codes.derive(invitation.salt)


def _first_question(ctx):
    from tenantry.surveys.models import Question

    survey = _survey(ctx)
    return survey and _first(Question.objects.filter(survey_id=survey))


def _inspection_with_photo(ctx):
    from tenantry.records.models import EstateInspection

    return _first(EstateInspection.objects.filter(organisation=ctx.organisation).exclude(photo=""))


def _open_survey_question(ctx):
    from tenantry.surveys.models import Question

    return _first(
        Question.objects.filter(survey__organisation=ctx.organisation, survey__status="open")
    )


def _my_survey(ctx):
    from tenantry.surveys.models import Invitation

    if ctx.user is None:
        return None
    return (
        Invitation.objects.filter(household__residents__user=ctx.user, survey__status="open")
        .values_list("survey_id", flat=True)
        .first()
    )


def _meeting(ctx):
    from tenantry.democracy.models import Meeting

    return _first(Meeting.objects.filter(organisation=ctx.organisation))


def _motion_meeting(ctx):
    """The meeting of the organisation's latest motion (with `_motion`, one motion's page)."""
    from tenantry.democracy.models import Motion

    return (
        Motion.objects.filter(meeting__organisation=ctx.organisation)
        .order_by("-pk")
        .values_list("meeting_id", flat=True)
        .first()
    )


def _motion(ctx):
    from tenantry.democracy.models import Motion

    return _first(Motion.objects.filter(meeting__organisation=ctx.organisation))


def _minuted_meeting(ctx):
    from tenantry.democracy.models import Meeting

    return _first(Meeting.objects.filter(organisation=ctx.organisation, minutes__isnull=False))


def _review(ctx):
    from tenantry.reviews.models import Review

    return _first(Review.objects.filter(organisation=ctx.organisation))


def _review_of(app_model: str, **lookups):
    """The review of the organisation's latest `app_model` row (with `_review_row`, that row's
    page)."""

    def review(ctx):
        row = _review_row(app_model, **lookups)(ctx)
        if row is None:
            return None
        from django.apps import apps

        return apps.get_model(app_model).objects.get(pk=row).review_id

    return review


def _review_row(app_model: str, **lookups):
    return _model(app_model, review__organisation=_org, **lookups)


_REVIEW = {"pk": _review}


def _plan_review(ctx):
    """The review of the organisation's latest improvement plan."""
    from tenantry.reviews.models import ImprovementPlan

    return (
        ImprovementPlan.objects.filter(review__organisation=ctx.organisation)
        .order_by("-pk")
        .values_list("review_id", flat=True)
        .first()
    )


def _published_plan_review(ctx):
    from tenantry.reviews.models import ImprovementPlan

    return (
        ImprovementPlan.objects.filter(review__organisation=ctx.organisation, stage="published")
        .order_by("-pk")
        .values_list("review_id", flat=True)
        .first()
    )


def _plan_action(ctx):
    from tenantry.reviews.models import PlanAction

    review = _plan_review(ctx)
    return review and _first(PlanAction.objects.filter(plan__review_id=review))


def _plan_milestone(ctx):
    from tenantry.reviews.models import Milestone

    action = _plan_action(ctx)
    return action and _first(Milestone.objects.filter(action_id=action))


def _now(ctx):
    from django.utils import timezone

    return timezone.now()


def _module_slug(ctx):
    from tenantry.journey.models import Module

    return Module.objects.filter(published=True).values_list("slug", flat=True).first()


def _api_year(ctx):
    """The latest financial year the organisation has yearly figures for, as the open data's
    addresses write it ("2025-26")."""
    from tenantry.core.periods import financial_year_of
    from tenantry.indicators.models import Result

    start = (
        Result.objects.filter(organisation=ctx.organisation, period_kind="year")
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    return start and financial_year_of(start).label.replace("/", "-")


def _const(value):
    def fill(ctx):
        return value

    fill.__name__ = repr(value)
    return fill


def _published_profile(ctx):
    """The slug of the latest organisation to publish its page in the directory."""
    from tenantry.journey.models import Profile

    return (
        Profile.objects.filter(published_at__isnull=False)
        .order_by("-published_at")
        .values_list("organisation__slug", flat=True)
        .first()
    )


_AGREEMENT = {"pk": _agreement}
_VISIT = {"pk": _model("journey.Visit", host=_org)}
_SURVEY = {"pk": _survey}
_DRAFT = {"pk": _draft_survey}
_MY_REPAIR = {"pk": _model("services.Repair", reported_by=_user)}
_MY_COMPLAINT = {"pk": _model("services.Complaint", made_by=_user)}
_MY_ASB = {"pk": _model("services.AsbReport", reported_by=_user)}
_ASB_REPORT = {"pk": _model("services.AsbReport", organisation=_org)}
_MEMBER = {"pk": _model("democracy.Membership", organisation=_org)}
_RECORDS = "records"  # marks a page given once for each kind of record: (kind, pk)
_INDICATORS = ["RP02-2", "CH01-1", "TP01"]  # a calculated, a complaint and a survey measure
_KINDS = ["repairs", "voids", "rent", "complaints", "asb", "safety-checks", "decent-homes",
          "inspections"]  # fmt: skip

_BALLOT = {"pk": _model("democracy.Ballot", organisation=_org)}
_PLAN = {"pk": _plan_review}
_PLAN_ACTION = {"pk": _plan_review, "action": _plan_action}
_OPEN_BALLOT = {"pk": _model("democracy.Ballot", organisation=_org, status=_const("open"))}
_COUNTED_BALLOT = {"pk": _model("democracy.Ballot", organisation=_org, status=_const("counted"))}
_ELECTION = {"pk": _model("democracy.Election", organisation=_org)}
_OPEN_ELECTION = {
    "pk": _model("democracy.Election", organisation=_org, status=_const("nominations"))
}

_PB_ROUND = {"pk": _model("budgets.ParticipatoryRound", organisation=_org)}


def _pb_proposal(ctx):
    from tenantry.budgets.models import Proposal

    return _first(Proposal.objects.filter(round__organisation=ctx.organisation))


def _pb_round_of_proposal(ctx):
    from tenantry.budgets.models import Proposal

    proposal = _pb_proposal(ctx)
    return proposal and Proposal.objects.get(pk=proposal).round_id


def _pb_project(ctx):
    from tenantry.budgets.models import Project

    return _first(Project.objects.filter(proposal__round__organisation=ctx.organisation))


def _pb_round_of_project(ctx):
    from tenantry.budgets.models import Project

    project = _pb_project(ctx)
    return project and Project.objects.get(pk=project).proposal.round_id


_PB_PROPOSAL = {"pk": _pb_round_of_proposal, "proposal": _pb_proposal}
_PB_PROJECT = {"pk": _pb_round_of_project, "project": _pb_project}


def _unmarked_voter(ctx):
    from tenantry.democracy.models import Voter

    return _first(
        Voter.objects.filter(
            ballot__organisation=ctx.organisation, ballot__status="open", mark__isnull=True
        )
    )


def _ballot_of_unmarked_voter(ctx):
    from tenantry.democracy.models import Voter

    voter = _unmarked_voter(ctx)
    return voter and Voter.objects.get(pk=voter).ballot_id


def _budget_of(kind: str):
    return _model("budgets.Budget", organisation=_org, kind=_const(kind))


def _bid_of(**lookups):
    """The estate budget of the organisation's latest bid (with `_bid_row`, that bid)."""

    def budget(ctx):
        from tenantry.budgets.models import Bid

        return (
            Bid.objects.filter(budget__organisation=ctx.organisation, **lookups)
            .order_by("-pk")
            .values_list("budget_id", flat=True)
            .first()
        )

    return budget


def _bid_row(**lookups):
    def bid(ctx):
        from tenantry.budgets.models import Bid

        return _first(Bid.objects.filter(budget__organisation=ctx.organisation, **lookups))

    return bid


def _ledger_entry_pair():
    def entry(ctx):
        from tenantry.budgets.models import LedgerEntry

        return _first(
            LedgerEntry.objects.filter(
                budget__organisation=ctx.organisation, budget__kind="cashback"
            )
        )

    def budget(ctx):
        from tenantry.budgets.models import LedgerEntry

        found = entry(ctx)
        return found and LedgerEntry.objects.get(pk=found).budget_id

    return {"pk": budget, "entry": entry}


_ESTATE_BUDGET = {"pk": _budget_of("estate")}
_ALLOWANCE = {"pk": _budget_of("allowance")}
_CASHBACK = {"pk": _budget_of("cashback")}
_BID = {"pk": _bid_of(), "bid": _bid_row()}
_APPROVED_BID = {"pk": _bid_of(status="approved"), "bid": _bid_row(status="approved")}
_PHOTO_BID = {
    "pk": _bid_of(status="completed"),
    "bid": _bid_row(status="completed"),
}


def _scrutiny_report(ctx):
    """The review of the panel's latest scrutiny report."""
    from tenantry.scrutiny.models import ScrutinyReport

    return (
        ScrutinyReport.objects.filter(review__panel=ctx.organisation)
        .order_by("-pk")
        .values_list("review_id", flat=True)
        .first()
    )


def _scrutiny_recommendation(**lookups):
    """The review and recommendation arguments of the panel's latest recommendation."""

    def pick(ctx):
        from tenantry.scrutiny.models import Recommendation

        return (
            Recommendation.objects.filter(report__review__panel=ctx.organisation, **lookups)
            .order_by("-pk")
            .values_list("report__review_id", "pk")
            .first()
        )

    return {
        "pk": lambda ctx: (pick(ctx) or (None, None))[0],
        "rec": lambda ctx: (pick(ctx) or (None, None))[1],
    }


def _peer_review(ctx):
    from django.db.models import Q

    from tenantry.scrutiny.models import PeerReview

    org = ctx.organisation
    return _first(PeerReview.objects.filter(Q(panel=org) | Q(reviewer=org)))


def _peer_review_to_write(ctx):
    from tenantry.scrutiny.models import PeerReview

    return _first(PeerReview.objects.filter(reviewer=ctx.organisation))


_SCRUTINY_REPORT = {"pk": _scrutiny_report}


def _annual_report_year(ctx):
    """The organisation's newest annual report's year, as its address names it ("2025-26")."""
    from tenantry.reports.models import AnnualReport

    report = AnnualReport.objects.filter(organisation=ctx.organisation).order_by("-year_start")
    found = report.first()
    return found.year_slug if found else None


def _published_annual_report_year(ctx):
    from tenantry.reports.annual_selectors import published_annual_reports

    found = published_annual_reports(ctx.organisation).first()
    return found.year_slug if found else None


_ANNUAL_REPORT = {"year": _annual_report_year}
_PUBLIC_ANNUAL_REPORT = {"year": _published_annual_report_year}


# route name -> its arguments' fillers (besides <slug>); every GET route is here or in SKIP.

# A scrutiny panel's pages (walked by the panel's member) and the landlord's (by its officer).
_PANEL_REVIEW = {"pk": _model("scrutiny.ScrutinyReview", panel=_org)}
_EXERCISE = {"pk": _model("scrutiny.ShoppingExercise", review__panel=_org)}
_SCRUTINY = {
    "scrutiny:panel": {},
    "scrutiny:add-training": {},
    "scrutiny:edit-terms": {},
    "scrutiny:programme": {},
    "scrutiny:topic-requests": {},
    "scrutiny:decide-topic": {"pk": _model("scrutiny.TopicRequest", panel=_org)},
    "scrutiny:new-review": {},
    "scrutiny:evidence": {},
    "scrutiny:evidence-complaints": {},
    "scrutiny:evidence-surveys": {},
    "scrutiny:evidence-survey": {
        "pk": _model(
            "surveys.Survey",
            status=_const("closed"),
            organisation__landlord=lambda ctx: ctx.organisation.landlord_id,
        )
    },
    "scrutiny:evidence-costs": {},
    "scrutiny:review": _PANEL_REVIEW,
    "scrutiny:edit-review": _PANEL_REVIEW,
    "scrutiny:add-fieldwork": _PANEL_REVIEW,
    "scrutiny:ask-for-evidence": _PANEL_REVIEW,
    "scrutiny:new-exercise": _PANEL_REVIEW,
    "scrutiny:exercise": _EXERCISE,
    "scrutiny:add-question": _EXERCISE,
    "scrutiny:record-visit": _EXERCISE,
    "scrutiny:followed-reviews": {},
    "scrutiny:followed-review": {"pk": _model("scrutiny.ScrutinyReview", panel__landlord=_org)},
    "scrutiny:answer-evidence": {
        "pk": _model("scrutiny.EvidenceRequest", review__panel__landlord=_org)
    },
    "scrutiny:ask": {},
}

_NEWSLETTER = {"pk": _model("reports.Newsletter", organisation=_org)}
_DRAFT_NEWSLETTER = {"pk": _model("reports.Newsletter", organisation=_org, status=_const("draft"))}

FILL: dict[str, dict] = {
    "index": {},
    "email-settings": {},
    "reports:organisation-home": {},
    "reports:newsletters": {},
    "reports:newsletter-new": {},
    "reports:newsletter": _NEWSLETTER,
    "reports:newsletter-change": _DRAFT_NEWSLETTER,
    "reports:newsletter-add-item": {**_DRAFT_NEWSLETTER, "kind": _const("figure")},
    "reports:newsletter-email": _NEWSLETTER,
    "reports:newsletter-email-text": _NEWSLETTER,
    "reports:newsletter-letter": _NEWSLETTER,
    "reports:newsletter-send": _DRAFT_NEWSLETTER,
    # The demo approves and publishes 2025/26 (tenantry/demo/complaints_reports.py).
    "reports:complaints-years": {},
    "reports:complaints-self-assessment": {"year": _const(2025)},
    "reports:complaints-provision": {"year": _const(2025), "code": _const("6.2")},
    "reports:complaints-self-assessment-pdf": {"year": _const(2025)},
    "reports:complaints-report": {"year": _const(2025)},
    "reports:complaints-report-edit": {"year": _const(2025)},
    "reports:complaints-report-pdf": {"year": _const(2025)},
    "reports:complaints-approve": {"year": _const(2025)},
    "reports:themes": {},
    "organisations:detail": {},
    "organisations:prepared-file": {"pk": _model("organisations.PreparedFile", requested_by=_user)},
    "organisations:download-prepared-file": {
        "pk": _model("organisations.PreparedFile", requested_by=_user)
    },
    "organisations:edit": {},
    "organisations:create": {},
    "organisations:agreements": {},
    "organisations:create-agreement": {},
    "organisations:agreement": _AGREEMENT,
    "organisations:edit-agreement": _AGREEMENT,
    "organisations:history": {},
    "organisations:people": {},
    "organisations:add-person": {},
    "homes:estates": {},
    "homes:estate": {"pk": _estate},
    "homes:home": {"pk": _home},
    "homes:coverage": _AGREEMENT,
    "services:record-asb-report": {},
    "services:asb-case": {"pk": _model("services.AsbCase", organisation=_org)},
    "services:asb-report": _ASB_REPORT,
    "services:edit-asb-report": _ASB_REPORT,
    "services:link-asb-report": _ASB_REPORT,
    "services:split-asb-report": _ASB_REPORT,
    "services:records": {},
    "services:inspection-photo": {"pk": _inspection_with_photo},
    "services:record-list": {"kind": _KINDS},
    "services:create-record": {"kind": _const("repairs")},
    "services:record": _RECORDS,
    "services:edit-record": _RECORDS,
    "services:triage": {},
    "services:repair-photo": {"pk": _model("services.RepairPhoto", repair__organisation=_org)},
    "services:my-repairs": {},
    "services:report-my-repair": {},
    "services:my-repair": _MY_REPAIR,
    "services:my-repair-reported": _MY_REPAIR,
    "services:rate-my-repair": _MY_REPAIR,
    "services:my-repair-rated": _MY_REPAIR,
    "services:my-complaints": {},
    "services:make-my-complaint": {},
    "services:my-complaint": _MY_COMPLAINT,
    "services:my-complaint-made": _MY_COMPLAINT,
    "services:escalate-my-complaint": _MY_COMPLAINT,
    "services:my-asb-reports": {},
    "services:report-my-asb": {},
    "services:my-asb-report": _MY_ASB,
    "services:my-asb-report-made": _MY_ASB,
    "services:import-runs": {},
    "services:change-import-mapping": {"pk": _model("services.ImportMapping", organisation=_org)},
    "services:import-upload": {},
    "services:import-run": {"pk": _model("services.ImportRun", organisation=_org)},
    "services:import-columns": {"pk": _model("services.ImportRun", organisation=_org)},
    "services:import-template": {"kind": _const("repairs")},
    "services:search": {},
    "indicators:performance": {},
    "indicators:local-indicators": {},
    "indicators:create-local-indicator": {},
    "indicators:edit-local-indicator": {
        "pk": _model("indicators.Indicator", organisation=_org, framework=_const("local"))
    },
    "indicators:export-results": {"fmt": _const("csv")},
    "indicators:export-tsm-return": {"fmt": _const("xlsx")},
    "indicators:enter-result": {"code": _const("TP01")},
    "indicators:indicator": {"code": _INDICATORS},
    "indicators:targets": _AGREEMENT,
    "indicators:set-target": {**_AGREEMENT, "code": _const("RP02-2")},
    "indicators:target-change": {
        **_AGREEMENT,
        "proposal_id": _model("indicators.TargetProposal", agreement_id=_agreement),
    },
    "indicators:plan-trajectory": {**_AGREEMENT, "code": _const("RP02-2")},
    "indicators:monitoring": _AGREEMENT,
    "indicators:add-monitoring-item": _AGREEMENT,
    "indicators:edit-monitoring-item": {
        **_AGREEMENT,
        "item_id": _model("indicators.MonitoringItem", agreement_id=_agreement),
    },
    "indicators:submission": {
        **_AGREEMENT,
        "submission_id": _model("indicators.Submission", agreement_id=_agreement),
    },
    "indicators:portfolio": {},
    "indicators:interventions": _AGREEMENT,
    "indicators:record-intervention": _AGREEMENT,
    "indicators:edit-intervention": {
        **_AGREEMENT,
        "step_id": _model("indicators.Intervention", agreement_id=_agreement),
    },
    "indicators:respond-intervention": {
        **_AGREEMENT,
        "step_id": _model("indicators.Intervention", agreement_id=_agreement),
    },
    "indicators:benchmark": {"code": _const("RP02-2")},
    "indicators:edit-benchmark-note": {"code": _const("RP02-2")},
    "surveys:surveys": {},
    "surveys:create-survey": {},
    "surveys:survey": _SURVEY,
    "surveys:edit-survey": _SURVEY,
    "surveys:delete-survey": _SURVEY,
    "surveys:questions": _SURVEY,
    "surveys:add-question": _DRAFT,
    "surveys:edit-question": {**_DRAFT, "question": _draft_question},
    "surveys:delete-question": {**_DRAFT, "question": _draft_question},
    "surveys:add-section": _DRAFT,
    "surveys:edit-section": {**_DRAFT, "section": _draft_section},
    "surveys:delete-section": {**_DRAFT, "section": _draft_section},
    "surveys:translations": _SURVEY,
    "surveys:translate": {**_SURVEY, "language": _const("cy")},
    "surveys:preview": _SURVEY,
    "surveys:preview-check": _SURVEY,
    "surveys:preview-question": {**_SURVEY, "question": _first_question},
    "surveys:invite": _SURVEY,
    "surveys:households": _SURVEY,
    "surveys:interview": {
        **_SURVEY,
        "invitation": _model("surveys.Invitation", survey_id=_survey, responses=_const(0)),
    },
    "surveys:interview-check": {
        **_SURVEY,
        "invitation": _model("surveys.Invitation", survey_id=_survey, responses=_const(0)),
    },
    "surveys:interview-question": {
        **_SURVEY,
        "invitation": _model("surveys.Invitation", survey_id=_survey, responses=_const(0)),
        "question": _first_question,
    },
    "surveys:paper": _SURVEY,
    "surveys:questionnaire-pdf": _SURVEY,
    "surveys:results": _SURVEY,
    "surveys:results-reach": _SURVEY,
    "surveys:export-results": {**_SURVEY, "fmt": _const("csv")},
    "surveys:export-responses": {**_SURVEY, "fmt": _const("csv")},
    "surveys:import-responses": _SURVEY,
    "surveys:import-responses-template": _SURVEY,
    "surveys:my-surveys": {},
    "surveys:answer-my-survey": {"pk": _my_survey},
    "democracy:democracy": {},
    "democracy:constitution": {},
    "democracy:edit-constitution": {},
    "democracy:register": {},
    "democracy:export-register": {"fmt": _const("csv")},
    "democracy:add-application": {},
    "democracy:member": _MEMBER,
    "democracy:decide-member": _MEMBER,
    "democracy:record-share": _MEMBER,
    "democracy:end-membership": _MEMBER,
    "democracy:my-membership": {},
    "democracy:apply": {},
    "democracy:leave": {},
    "democracy:committee": {},
    "democracy:add-committee-term": {},
    "democracy:end-committee-term": {"pk": _model("democracy.CommitteeTerm", organisation=_org)},
    "survey:enter-code": {},
    "survey:start": {"code": _invitation_code},
    "survey:question": {"code": _invitation_code, "question": _open_survey_question},
    "survey:check": {"code": _invitation_code},
    "survey:done": {"code": _invitation_code},
    "democracy:meetings": {},
    "democracy:create-meeting": {},
    "democracy:decisions": {},
    "democracy:criticisms": {},
    "democracy:answer-criticism": {"pk": _model("democracy.Criticism", organisation=_org)},
    "democracy:meeting": {"pk": _meeting},
    "democracy:edit-meeting": {"pk": _meeting},
    "democracy:add-agenda-item": {"pk": _meeting},
    "democracy:send-notice": {"pk": _meeting},
    "democracy:attendance": {"pk": _meeting},
    "democracy:proxies": {"pk": _meeting},
    "democracy:add-motion": {"pk": _meeting},
    "democracy:motion": {"pk": _motion_meeting, "motion": _motion},
    "democracy:minutes": {"pk": _minuted_meeting},
    "democracy:edit-minutes": {"pk": _minuted_meeting},
    "democracy:raise-criticism": {"pk": _meeting},
    "democracy:ballots": {},
    "democracy:create-ballot": {},
    "democracy:ballot": _BALLOT,
    "democracy:key-paper-vote": _OPEN_BALLOT,
    "democracy:in-person-vote": _OPEN_BALLOT,
    "democracy:in-person-vote-for": {
        "pk": _ballot_of_unmarked_voter,
        "voter_pk": _unmarked_voter,
    },
    "democracy:ballot-scrutiny": _BALLOT,
    "democracy:ballot-results": _COUNTED_BALLOT,
    "democracy:ballot-certificate": _COUNTED_BALLOT,
    "democracy:export-marked-register": {**_BALLOT, "fmt": _const("csv")},
    "democracy:elections": {},
    "democracy:create-election": {},
    "democracy:election": _ELECTION,
    "democracy:key-nomination": _OPEN_ELECTION,
    "democracy:stand": _OPEN_ELECTION,
    "democracy:health": {},
    "democracy:health-across": {},
    "ballot:enter-code": {},
    "ballot:voted": {},
    "reviews:reviews": {},
    "reviews:programme": {},
    "reviews:edit-programme": {},
    "reviews:add-programme-entry": {},
    "reviews:edit-programme-entry": {
        "pk": _model("reviews.ProgrammeEntry", programme__organisation=_org)
    },
    "reviews:respond-to-programme": {},
    "reviews:start-review": {},
    "reviews:review": _REVIEW,
    "reviews:step": {**_REVIEW, "number": _const(5)},
    "reviews:edit-step": {**_REVIEW, "number": _const(5)},
    "reviews:add-decision": _REVIEW,
    "reviews:add-evidence": _REVIEW,
    "reviews:evidence-file": {
        "pk": _review_of("reviews.Evidence", kind=_const("file")),
        "evidence": _review_row("reviews.Evidence", kind=_const("file")),
    },
    "reviews:stakeholders": _REVIEW,
    "reviews:add-stakeholder": _REVIEW,
    "reviews:add-visit": _REVIEW,
    "reviews:add-option": _REVIEW,
    "reviews:edit-option": {
        "pk": _review_of("reviews.Option"),
        "option": _review_row("reviews.Option"),
    },
    "reviews:add-standard": _REVIEW,
    "reviews:create-indicator": _REVIEW,
    "reviews:plan": _PLAN,
    "reviews:edit-plan": _PLAN,
    "reviews:add-plan-action": _PLAN,
    "reviews:plan-action": _PLAN_ACTION,
    "reviews:edit-plan-action": _PLAN_ACTION,
    "reviews:add-milestone": _PLAN_ACTION,
    "reviews:edit-milestone": {**_PLAN_ACTION, "milestone": _plan_milestone},
    "reviews:record-progress": _PLAN_ACTION,
    "reviews:plan-consultation": _PLAN,
    "reviews:comment-on-plan": _PLAN,
    "reviews:revise-plan": _PLAN,
    "reviews:publish-plan": _PLAN,
    "reviews:plan-pdf": _PLAN,
    "reviews:plan-progress-report": _PLAN,
    "reviews:plan-progress-report-pdf": _PLAN,
    "reviews:inspection": _PLAN,
    "reviews:self-assessment": _PLAN,
    "reviews:add-finding": _PLAN,
    "improvement-plan:plan": {"pk": _published_plan_review},
    "improvement-plan:pdf": {"pk": _published_plan_review},
    "journey:index": {},
    "journey:forms": {},
    "journey:services": {},
    "journey:what-it-takes": {},
    "journey:right-to-manage": {},
    "journey:time-limits": {},
    "journey:grants": {},
    "journey:check-grant": {"pk": _model("journey.FundingProgramme", published=_const(True))},
    "journey:register-interest": {},
    "journey:registered": {},
    "journey:directory": {},
    "journey:directory-profile": {"organisation": _published_profile},
    "directory:profile": {},
    "directory:visits": {},
    "directory:visit": _VISIT,
    "directory:accept-visit": _VISIT,
    "directory:decline-visit": _VISIT,
    "directory:cancel-visit": _VISIT,
    "directory:record-visit": _VISIT,
    # Training: an organisation's own (the demo's courses are the network's, so Kingsmead's
    # course and session pages find none), and the public and personal pages.
    "training:courses": {},
    "training:add-course": {},
    "training:skills": {},
    "training:figures": {},
    "training:course": {"course": _model("journey.Course", organisation=_org)},
    "training:edit-course": {"course": _model("journey.Course", organisation=_org)},
    "training:add-session": {"course": _model("journey.Course", organisation=_org)},
    "training:session": {"session": _model("journey.Session", course__organisation=_org)},
    "training:book-for": {"session": _model("journey.Session", course__organisation=_org)},
    "learning:courses": {},
    "learning:mine": {},
    "learning:session": {"session": _model("journey.Session")},
    "learning:book": {"session": _model("journey.Session", starts_at__gt=_now)},
    "learning:module": {"module": _module_slug},
    "learning:module-page": {"module": _module_slug, "page": [1, 2]},
    "learning:quiz": {"module": _module_slug},
    "budgets:budgets": {},
    "budgets:open-budget": {},
    "budgets:budget": _ESTATE_BUDGET,
    "budgets:ledger": _ESTATE_BUDGET,
    "budgets:ledger-workbook": _ESTATE_BUDGET,
    "budgets:spend": _CASHBACK,
    "budgets:money-in": _CASHBACK,
    "budgets:reverse-entry": _ledger_entry_pair(),
    "budgets:allowance-lines": _ALLOWANCE,
    "budgets:actuals": _ALLOWANCE,
    "budgets:add-actual": _ALLOWANCE,
    "budgets:import-actuals": _ALLOWANCE,
    "budgets:landlord-costs": {},
    "budgets:open-estate-budget": {},
    "budgets:estate-rules": _ESTATE_BUDGET,
    "budgets:allocate-year": _ESTATE_BUDGET,
    "budgets:close-year": _ESTATE_BUDGET,
    "budgets:add-bid": _ESTATE_BUDGET,
    "budgets:bid": _BID,
    "budgets:bid-photo": _PHOTO_BID,
    "budgets:decide-bid": _BID,
    "budgets:pay-bid": _APPROVED_BID,
    "budgets:complete-bid": _APPROVED_BID,
    "budgets:add-cashback-service": _CASHBACK,
    "budgets:credit-cashback": {
        "pk": _budget_of("cashback"),
        "service": _model("budgets.CashbackService", budget__organisation=_org),
    },
    "budgets:pb-rounds": {},
    "budgets:pb-new-round": {},
    "budgets:pb-round": _PB_ROUND,
    "budgets:pb-propose": _PB_ROUND,
    "budgets:pb-assess": _PB_PROPOSAL,
    "budgets:pb-start-vote": _PB_ROUND,
    "budgets:pb-project": _PB_PROJECT,
    "budgets:pb-record-spend": _PB_PROJECT,
    "budgets:pb-complete-project": _PB_PROJECT,
    **_SCRUTINY,
    "scrutiny:reports": {},
    "scrutiny:report": _SCRUTINY_REPORT,
    "scrutiny:write-report": _SCRUTINY_REPORT,
    "scrutiny:add-recommendation": _SCRUTINY_REPORT,
    "scrutiny:edit-recommendation": _scrutiny_recommendation(),
    "scrutiny:publish-report": _SCRUTINY_REPORT,
    "scrutiny:answer-recommendation": _scrutiny_recommendation(),
    "scrutiny:interim-reply": _SCRUTINY_REPORT,
    "scrutiny:action-progress": _scrutiny_recommendation(action__isnull=False),
    "scrutiny:sign-off": _scrutiny_recommendation(action__isnull=False),
    "scrutiny:tenant-summary": _SCRUTINY_REPORT,
    "scrutiny:peer-reviews": {},
    "scrutiny:invite-peer-review": {},
    "scrutiny:peer-review": {"pk": _peer_review},
    "scrutiny:write-peer-review": {"pk": _peer_review_to_write},
    "you-said-we-did:panel": {},
    # The open API (docs/api.md): its public lists for everyone, its token lists read here
    # with each login's session (GETs accept it, as they do a token).
    "api-docs": {},
    "api-tokens": {},
    "api:api-root": {},
    "api:openapi-json": {},
    "api:public-organisations": {},
    "api:public-organisation": {},
    "api:public-results": {},
    "api:public-plans": {},
    "api:public-annual-reports": {},
    "api:public-recommendations": {},
    "api:open-data": {},
    "api:open-data-tsm-return": {"year": _api_year},
    "api:open-data-indicator": {"year": _api_year, "code": _const("RP02-2")},
    "api:me": {},
    "api:organisations": {},
    "api:organisation": {},
    "api:results": {},
    "api:plans": {},
    "api:repairs": {},
    "api:submissions": {},
    "api:import-run": {"run_id": _model("services.ImportRun", organisation=_org)},
    "reports:public-page": {},
    "reports:public-performance": {},
    "reports:public-page-settings": {},
    "reports:preview-public-page": {},
    "public-pages:index": {},
    "reports:annual-reports": {},
    "reports:annual-report": _ANNUAL_REPORT,
    "reports:annual-report-easy-read": _ANNUAL_REPORT,
    "reports:annual-report-pdf": {**_ANNUAL_REPORT, "kind": ["report", "large-print", "easy-read"]},
    "reports:edit-annual-report": {**_ANNUAL_REPORT, "section": ["introduction", "quality"]},
    "reports:publish-annual-report": _ANNUAL_REPORT,
    "annual-report:report": _PUBLIC_ANNUAL_REPORT,
    "annual-report:easy-read": _PUBLIC_ANNUAL_REPORT,
    "annual-report:pdf": {**_PUBLIC_ANNUAL_REPORT, "kind": ["report"]},
}

# Routes the benchmark does not ask, each with the reason.
SKIP: dict[str, str] = {
    "reports:newsletter-remove-item": "POST only",
    "reports:newsletter-move-item-up": "POST only",
    "reports:newsletter-letters": "POST only",
    "reports:newsletter-unsubscribe": "no sign-in: a signed link from one newsletter's email",
    "reports:complaints-publish": "POST only",
    "reports:start-annual-report": "POST only",
    "reports:reassemble-annual-report": "POST only",
    "reports:annual-report-languages": "POST only",
    "directory:publish-profile": "POST only",
    "reports:publish-public-page": "POST only",
    "reports:unpublish-public-page": "POST only",
    "directory:unpublish-profile": "POST only",
    "journey:choose-visit-date": "POST only",
    "journey:group-visits": "a tenant group's page: no bench login belongs to a group",
    "journey:ask-visit": "a tenant group's page: no bench login belongs to a group",
    "journey:group-visit": "a tenant group's page: no bench login belongs to a group",
    "journey:group-cancel-visit": "a tenant group's page: no bench login belongs to a group",
    "journey:group-record-visit": "a tenant group's page: no bench login belongs to a group",
    "healthz": "the baseline every page is compared with",
    "journey:confirm-email": "a signed link from an email; it changes the group it names",
    "journey:my-groups": "a group member's page; no bench login is a member of a group",
    "network:groups": "a network's page; no bench login works for a network",
    "network:group": "a network's page; no bench login works for a network",
    "network:grants": "a network's page; no bench login works for a network",
    "network:grant-new": "a network's page; no bench login works for a network",
    "network:grant": "a network's page; no bench login works for a network",
    "network:grant-condition": "a network's page; no bench login works for a network",
    # A tenant group's journey tracker: for the group's members and its network's advisers,
    # neither of whom the bench signs in as.
    "journey:group": "a group's page: its members and network advisers are not in the bench",
    "journey:group-milestone": "a group's page: not in the bench (see journey:group)",
    "journey:group-add-task": "a group's page: not in the bench (see journey:group)",
    "journey:group-task-done": "POST only",
    "journey:group-add-document": "a group's page: not in the bench (see journey:group)",
    "journey:group-document": "a download of a group's file: not in the bench",
    "journey:group-eligibility": "a group's page: not in the bench (see journey:group)",
    "journey:group-make-organisation": "a network adviser's page: not in the bench",
    "journey:group-schedule-ballot": "a group's page: not in the bench (see journey:group)",
    "set-language": "POST only (a GET only redirects)",
    "organisations:remove-role": "POST only",
    "services:set-repair-priority": "POST only",
    "services:delete-import-mapping": "POST only",
    "indicators:recompute-results": "POST only",
    "reports:themes-work-out": "POST only",
    "indicators:retire-local-indicator": "POST only",
    "indicators:remove-monitoring-item": "POST only",
    "indicators:open-submission": "POST only",
    "indicators:send-submission": "POST only",
    "indicators:accept-submission": "POST only",
    "indicators:query-submission": "POST only",
    "indicators:comment-submission": "POST only",
    "surveys:change-status": "POST only",
    "surveys:letters": "POST only (the letters are prepared in the background)",
    "democracy:notice-letters": "POST only (the letters are prepared in the background)",
    "reviews:inspection-pack": "POST only (the pack is prepared in the background)",
    "reviews:freeze-figures": "POST only",
    "scrutiny:open-exercise": "POST only",
    "organisations:prepare-again": "POST only",
    "services:restart-import": "POST only",
    "surveys:move": "POST only",
    "surveys:send-to-indicators": "POST only",
    "democracy:propose-minutes-approval": "POST only",
    "democracy:draft-minutes": "POST only",
    "democracy:freeze-roll": "POST only",
    "democracy:close-ballot": "POST only",
    "democracy:count-ballot": "POST only",
    "democracy:close-nominations": "POST only",
    "democracy:declare-result": "POST only",
    "democracy:ballot-papers": "a PDF of up to 200 printed ballot papers, made when asked for",
    "training:attendance": "POST only",
    "training:cancel-booking": "POST only",
    "learning:cancel": "POST only",
    "learning:session-certificate": "a PDF for one person, made when asked for",
    "learning:module-certificate": "a PDF for one person, made when asked for",
    "api-token-revoke": "POST only",
    "api:import-records": "POST only (an upload)",
    "api:submit-figures": "POST only",
}
# Other libraries' pages (the admin, allauth's account pages): not Tenantry's to make fast.
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "usersessions_")


def url_patterns():
    """(name, {argument: converter name}) of every named route of the site."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, namespace, converters):
        for pattern in resolver.url_patterns:
            found = {**converters, **_converters(pattern)}
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern, inner, found)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}", found

    return [
        (name, arguments)
        for name, arguments in walk(get_resolver(), "", {})
        if not name.startswith(THIRD_PARTY_PREFIXES)
    ]


def _converters(pattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", {})
    return {name: type(converter).__name__ for name, converter in converters.items()}


@dataclass
class Page:
    role: str
    organisation: str
    name: str
    label: str  # the route's name and any argument that tells its variants apart
    path: str


def _variants(spec, ctx) -> list[tuple[str, dict]] | str:
    """Every way to fill a route's arguments: [(label suffix, kwargs)], or why none."""
    if spec == _RECORDS:
        records = _records(ctx)
        return [(f"[{kind}]", {"kind": kind, "pk": pk}) for kind, pk in records] or "no records"
    kwargs: dict = {}
    listed = None
    for key, filler in spec.items():
        if isinstance(filler, list):
            listed = key
            continue
        value = filler(ctx)
        if value is None:
            return f"no {getattr(filler, '__name__', key)} for <{key}>"
        kwargs[key] = value
    if listed is None:
        return [("", kwargs)]
    return [(f"[{value}]", {**kwargs, listed: value}) for value in spec[listed]]


def discover(roles: dict) -> tuple[list[Page], list[tuple[str, str, str]]]:
    """The pages of each role, and (role or "*", route, why) for those it could not fill."""
    from django.urls import reverse

    from tenantry.core.models import User
    from tenantry.organisations.models import Organisation

    pages, unfilled = [], []
    for name, _arguments in url_patterns():
        if name in SKIP:
            unfilled.append(("*", name, SKIP[name]))
        elif name not in FILL:
            unfilled.append(("*", name, "no filler: add it to FILL or SKIP in bench/pages.py"))
    for role, (email, slugs) in roles.items():
        user = User.objects.filter(email=email).first() if email else None
        if email and user is None:
            unfilled.append((role, "*", f"no user {email}: generated with --no-users?"))
            continue
        for slug in slugs:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                unfilled.append((role, "*", f"no organisation {slug}"))
                continue
            ctx = Context(organisation=organisation, user=user)
            for name, arguments in url_patterns():
                if name not in FILL:
                    continue
                variants = _variants(FILL[name], ctx)
                if isinstance(variants, str):
                    unfilled.append((f"{role}@{slug}", name, variants))
                    continue
                for suffix, kwargs in variants:
                    if "slug" in arguments:
                        kwargs = {"slug": slug, **kwargs}
                    path = reverse(name, kwargs=kwargs)
                    pages.append(Page(role, slug, name, name + suffix, path))
    return pages, unfilled


# --- Asking each page once, in-process: status and queries ---------------------------------


@dataclass
class Measure:
    page: Page
    status: int = 0
    queries: int = 0
    alone_ms: float = 0.0  # the second in-process request, start to end
    kb_sent: float = 0.0  # its body as sent to a browser (compressed when it is text)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    per_s: float = 0.0
    share: float = 0.0  # of /healthz's throughput
    share_signed_in: float = 0.0  # of the lightest signed-in page's throughput
    errors: int = 0
    flags: list[str] = field(default_factory=list)


def ask_in_process(
    pages: list[Page], roles: dict, *, max_alone: float, every_role: bool
) -> list[Measure]:
    """Each page asked in-process as its role; unless `every_role`, a page already shown to
    an earlier role at the same address is left out (timed once, for the first role)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tenantry.core.models import User

    clients = {}
    measures = []
    too_slow: dict[str, Measure] = {}  # a path slower than max_alone seconds, once is enough
    shown: set[str] = set()
    for page in pages:
        if not every_role and page.path in shown:
            continue
        if (slow := too_slow.get(page.path)) is not None:
            measures.append(Measure(page, status=0, queries=slow.queries, alone_ms=slow.alone_ms))
            continue
        client = clients.get(page.role)
        if client is None:
            client = clients[page.role] = Client(
                SERVER_NAME="127.0.0.1", HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING
            )
            email = roles[page.role][0]
            if email:
                client.force_login(User.objects.get(email=email))
        measure = Measure(page)
        # The first fills the caches and compiles the templates: asked again, the second time
        # the one kept, unless too slow to be put under load.
        for _asked in range(2):
            # The log keeps the last 9,000 queries: once full, a count taken from its length
            # would read 0. Emptied before each ask, it counts this one's.
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page.path)
                # A streamed download does its work as it is read: read it whole.
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
            measure.alone_ms = (time.perf_counter() - started) * 1000
            measure.kb_sent = len(body) / 1024
            measure.status, measure.queries = response.status_code, len(captured)
            if response.status_code != 200 or measure.alone_ms > max_alone * 1000:
                break
        if measure.status == 200:
            shown.add(page.path)
        if measure.status == 200 and measure.alone_ms > max_alone * 1000:
            too_slow[page.path] = measure
        if measure.alone_ms > 1000:
            print(f"  {page.role} {page.path}: {measure.alone_ms:,.0f} ms alone", file=sys.stderr)
        measures.append(measure)
    return measures


def compression_cost(pages: list[Page], roles: dict, *, times: int = 20) -> None:
    """What compressing costs each page: asked in-process uncompressed and compressed in turn,
    `times` each, so both see the machine alike; prints the medians and the bytes sent."""
    from django.test import Client

    from tenantry.core.models import User

    def client(role, accept_encoding):
        made = Client(SERVER_NAME="127.0.0.1", HTTP_ACCEPT_ENCODING=accept_encoding)
        if roles[role][0]:
            made.force_login(User.objects.get(email=roles[role][0]))
        return made

    def ask(asking, path) -> tuple[float, int, int]:
        started = time.perf_counter()
        response = asking.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return (time.perf_counter() - started) * 1000, len(body), response.status_code

    print("| role | page | KB as it is | KB sent compressed | ms as it is | ms compressed | "
          "ms more |\n|---|---|---:|---:|---:|---:|---:|")  # fmt: skip
    shown: set[str] = set()
    clients: dict = {}
    for page in pages:
        if page.path in shown:
            continue
        if page.role not in clients:
            clients[page.role] = (client(page.role, "identity"), client(page.role, ACCEPT_ENCODING))
        plain, packed = clients[page.role]
        if ask(plain, page.path)[2] != 200:
            continue
        shown.add(page.path)
        ask(packed, page.path)
        timings: dict = {plain: [], packed: []}
        sizes = {}
        for turn in range(times):
            for asking in (plain, packed) if turn % 2 else (packed, plain):
                ms, sizes[asking], _status = ask(asking, page.path)
                timings[asking].append(ms)
        before, after = (statistics.median(timings[each]) for each in (plain, packed))
        print(f"| {page.role} | `{page.label}` | {sizes[plain] / 1024:,.0f} | "
              f"{sizes[packed] / 1024:,.0f} | {before:,.1f} | {after:,.1f} | "
              f"{after - before:+,.1f} |")  # fmt: skip


# --- The load: gunicorn on loopback and threads of keep-alive connections ------------------


def serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "tenantry.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--timeout", "300", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def _cookies(response, jar: dict) -> None:
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _eq, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]


def sign_in(port: int, email: str) -> str:
    """Sign in through the real sign-in page; returns the Cookie header of the session."""
    jar: dict = {}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    html = response.read().decode()
    _cookies(response, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD})
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    _cookies(response, jar)
    if response.status != 302 or "sessionid" not in jar:
        raise SystemExit(f"could not sign in as {email}: {response.status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def load(port: int, path: str, cookie: str, *, connections: int, duration: float, headers=None):
    """Latencies in ms of every request answered in `duration` seconds by `connections`
    keep-alive connections, the requests a second, and how many did not answer 200."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    headers = {"Accept-Encoding": ACCEPT_ENCODING, **({"Cookie": cookie} if cookie else {}),
               **(headers or {})}  # fmt: skip
    started = time.perf_counter()
    deadline = started + duration

    def worker():
        mine, failed = [], 0
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        while time.perf_counter() < deadline:
            begun = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                connection.close()  # reopened by the next request
                failed += 1
                continue
            mine.append((time.perf_counter() - begun) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return latencies, len(latencies) / elapsed, errors[0]


def _set_aside_from_collection() -> None:
    """This process holds Django, every page found and its figures: a full garbage collection
    over all that pauses the page it times, in-process or as the client of the load (every
    thread waits for it). Objects alive now are set aside from later collections (`gc.freeze`),
    so what is timed is the page, not this process's heap."""
    gc.collect()
    gc.freeze()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# --- Setting up a database ------------------------------------------------------------------


def database_url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tenantry"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def build(url: str, *, homes: int, reuse: bool) -> None:
    """A database of its own with a generated landlord of `homes` homes (as import_repairs)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reuse:
            return
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY}
    started = time.monotonic()
    generate = ["generate", "--homes", str(homes), "--no-surveys"]  # surveys: finish() below
    for command in (["migrate", "--verbosity", "0"], generate):
        subprocess.run([str(VENV / "tenantry"), *command], env=env, check=True, cwd=ROOT)
    print(f"generated {homes:,} homes in {time.monotonic() - started:.0f}s", file=sys.stderr)


def finish(progress) -> None:
    """What `tenantry demo` adds to a generated landlord (tenantry/demo/finish.py), then the
    generated surveys, scaled with the landlord (tenantry/demo/surveys.py), their letters'
    codes derived from this benchmark's SECRET_KEY. Once: a database with surveys has them."""
    from django.db import connection

    from tenantry.demo.finish import finish_demo
    from tenantry.demo.surveys import add_generated_surveys
    from tenantry.organisations.models import Organisation
    from tenantry.surveys.models import Survey

    if Survey.objects.exists():
        return
    started = time.monotonic()
    finish_demo(progress=progress)
    landlord = Organisation.objects.get(slug="northbrook-council")
    made = add_generated_surveys(landlord=landlord, progress=progress)
    # Counted and marked visible now, so the server's own autovacuum does not set about the new
    # rows during the timing, and the planner knows the tables as they are.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seconds = time.monotonic() - started
    progress(f"finished the demo and {made:,} survey responses in {seconds:.0f}s")


# --- The run --------------------------------------------------------------------------------


def print_not_asked(unfilled, pages: list[Page], measures: list[Measure]) -> None:
    """Routes skipped, routes no role's walk could fill, and routes no role was shown."""
    print("\nNot asked:\n")
    filled = {page.name for page in pages}
    reasons: dict[str, list[str]] = {}
    for role, name, why in unfilled:
        if role == "*":
            print(f"- `{name}`: {why}")
        elif name == "*":
            print(f"- every page of {role}: {why}")
        elif name not in filled:
            reasons.setdefault(name, []).append(f"{role} {why}")
    for name, why in reasons.items():
        print(f"- `{name}`: could not be filled for any role ({'; '.join(sorted(set(why))[:2])})")
    for m in measures:
        if m.status == 0:
            seconds = m.alone_ms / 1000
            print(f"- {m.page.role} `{m.page.path}`: not asked again ({seconds:,.0f} s alone)")
    shown = {m.page.name for m in measures if m.status == 200}
    for name in sorted({m.page.name for m in measures if m.status} - shown):
        statuses = sorted({m.status for m in measures if m.page.name == name})
        print(f"- `{name}`: shown to no role walked (answered {statuses})")


def _flags(measure: Measure) -> list[str]:
    flags = []
    if measure.p95_ms > TARGET_P95_MS:
        flags.append("p95")
    if measure.page.name in MOST_OPENED and measure.share < TARGET_SHARE:
        flags.append("throughput")
    if measure.errors:
        flags.append(f"{measure.errors} not 200")
    return flags


def table(measures: list[Measure], compare: dict | None) -> str:
    header = ["role", "organisation", "page", "queries", "alone ms", "KB sent", "p50 ms",
              "p95 ms"]  # fmt: skip
    if compare is not None:
        header.append(f"p95 ms at {compare['homes']:,} homes")
    header += ["× healthz", "× signed-in page", "over target"]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---|" + "---:|" * (len(header) - 4)
             + "---|"]  # fmt: skip
    before = (compare or {}).get("pages", [])
    other = {(m["role"], m["organisation"], m["label"]): m for m in before}
    for m in measures:
        page = m.page
        cells = [page.role, page.organisation, f"`{page.label}`", str(m.queries),
                 f"{m.alone_ms:,.0f}", f"{m.kb_sent:,.0f}" if m.kb_sent else "–",
                 f"{m.p50_ms:,.0f}", f"{m.p95_ms:,.0f}"]  # fmt: skip
        if compare is not None:
            before = other.get((page.role, page.organisation, page.label))
            cells.append(f"{before['p95_ms']:,.0f}" if before else "–")
        signed_in = f"{m.share_signed_in:.0%}" if m.share_signed_in else "–"
        cells += [f"{m.share:.0%}", signed_in, ", ".join(f"**{f}**" for f in m.flags)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def print_from_json(path: Path, compare_path: Path | None) -> None:
    figures = json.loads(path.read_text())
    compare = json.loads(compare_path.read_text()) if compare_path else None
    page_fields = set(Page.__dataclass_fields__)
    measures = [
        Measure(
            Page(**{k: v for k, v in row.items() if k in page_fields}),
            **{k: v for k, v in row.items() if k in Measure.__dataclass_fields__ and k != "page"},
        )
        for row in figures["pages"]
        if row["status"] == 200
    ]
    signed_in = figures.get("signed_in_per_s")
    print(f"{figures['homes']:,} homes; /healthz {figures['healthz_per_s']:,.0f} a second; "
          + (f"{SIGNED_IN_BASELINE} {signed_in:,.0f} a second; " if signed_in else "")
          + f"load average {' then '.join(figures['load_average'])}\n")  # fmt: skip
    print(table(measures, compare))
    over = [m for m in measures if m.flags]
    print(f"\n{len(over)} of {len(measures)} pages over target.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="an existing generated database")
    parser.add_argument("--homes", type=int, default=12_500, help="build a database this size")
    parser.add_argument("--reuse", action="store_true", help="keep a database built before")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds of load a page")
    parser.add_argument(
        "--max-alone",
        type=float,
        default=5.0,
        help="seconds: a page slower than this asked alone is not put under load",
    )
    parser.add_argument("--port", type=int, default=8035)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--roles", help="comma-separated, of " + ", ".join(ROLES))
    parser.add_argument("--pages", help="only routes whose name matches this expression")
    parser.add_argument(
        "--every-role",
        action="store_true",
        help="time a page at the same address for each role that sees it, not the first only",
    )
    parser.add_argument(
        "--quick", action="store_true", help="the most-opened pages only, one second each"
    )
    parser.add_argument(
        "--compression-cost",
        action="store_true",
        help="only time each page in-process uncompressed and compressed in turn",
    )
    parser.add_argument(
        "--uncompressed",
        action="store_true",
        help="ask for pages uncompressed, to measure what compressing them costs",
    )
    parser.add_argument(
        "--setup-only", action="store_true", help="build or finish the database, then stop"
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--from-json", type=Path, help="print the table of a run's --json instead of running"
    )
    parser.add_argument("--compare", type=Path, help="another run's --json, its p95 beside")
    args = parser.parse_args()
    global ACCEPT_ENCODING
    if args.uncompressed:
        ACCEPT_ENCODING = "identity"
    if args.from_json:
        print_from_json(args.from_json, args.compare)
        return
    if args.quick:
        args.duration = min(args.duration, 1.0)

    url = args.database_url or database_url(f"tenantry_bench_pages_{args.homes}")
    if not args.database_url:
        build(url, homes=args.homes, reuse=args.reuse)
    if urlsplit(url).path.lstrip("/") == "tenantry_big":
        raise SystemExit("tenantry_big is a template: copy it with createdb -T and use the copy")
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET_KEY, "DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "tenantry.settings", "TASKS_BACKEND": "immediate",
           # The load comes from one address: the API's rate limits would answer it with 429s.
           "API_REQUESTS_PER_MINUTE_PER_ADDRESS": "0",
           "API_REQUESTS_PER_MINUTE_PER_TOKEN": "0"}  # fmt: skip
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # refusals are expected
    from tenantry.homes.models import Home

    def progress(message):
        print(message, file=sys.stderr, flush=True)

    finish(progress)
    if args.setup_only:
        return
    homes = Home.objects.count()
    roles = {r: ROLES[r] for r in args.roles.split(",")} if args.roles else ROLES
    found, unfilled = discover(roles)
    pages = found
    if args.pages:
        pages = [p for p in pages if re.search(args.pages, p.name)]
    if args.quick:
        pages = [p for p in pages if p.name in MOST_OPENED]
    progress(f"{homes:,} homes; {len(pages)} pages of {len(roles)} roles; asking each once")
    _set_aside_from_collection()
    if args.compression_cost:
        compression_cost(pages, roles)
        return
    measures = ask_in_process(pages, roles, max_alone=args.max_alone, every_role=args.every_role)
    shown = [m for m in measures if m.status == 200]

    _set_aside_from_collection()
    with open("/proc/loadavg") as loadavg:
        load_at_start = loadavg.read().split()[0]
    # Served as deployed (docs/background-jobs.md): background work is queued in the database
    # for a worker, never run inside a page's request (an indicator's ten-minute check would).
    server = serve({**env, "TASKS_BACKEND": "database"}, args.port, args.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # and the server with it
    try:
        cookies = {role: sign_in(args.port, roles[role][0]) if roles[role][0] else ""
                   for role in {m.page.role for m in shown}}  # fmt: skip
        load(args.port, "/healthz", "", connections=args.connections, duration=1)  # warm-up
        latencies, trivial, _errors = load(
            args.port, "/healthz", "", connections=args.connections, duration=args.duration
        )
        progress(f"/healthz: {trivial:,.0f} a second, p95 {percentile(latencies, 0.95):.1f} ms")
        # The second baseline: the lightest page a signed-in person sees (their email settings:
        # the session, the person, the site's layout and a small form), so a page's share of it
        # is what the page costs beyond being a page of the site at all.
        someone = next((c for c in cookies.values() if c), "") or sign_in(
            args.port, ROLES["staff"][0]
        )  # anonymous pages only: the baseline is still a signed-in page
        load(args.port, SIGNED_IN_BASELINE, someone, connections=args.workers * 2, duration=0.3)
        latencies, signed_in, _errors = load(
            args.port, SIGNED_IN_BASELINE, someone, connections=args.connections,
            duration=args.duration,
        )  # fmt: skip
        progress(f"{SIGNED_IN_BASELINE}: {signed_in:,.0f} a second, "
                 f"p95 {percentile(latencies, 0.95):.1f} ms")  # fmt: skip
        for n, measure in enumerate(shown, 1):
            page = measure.page
            if measure.alone_ms > args.max_alone * 1000:
                # Under load it would take minutes: its time alone is its figure.
                measure.p50_ms = measure.p95_ms = measure.alone_ms
                measure.flags = [*_flags(measure), "not loaded: too slow alone"]
                progress(f"[{n}/{len(shown)}] {page.role} {page.path}: not loaded, "
                         f"{measure.alone_ms:,.0f} ms alone")  # fmt: skip
                continue
            cookie = cookies[page.role]
            # Warm-up: every worker draws the page once (its charts, its compiled queries) before
            # the page is timed, as it has long since been on a server that has been running.
            load(args.port, page.path, cookie, connections=args.workers * 2, duration=0.3)
            latencies, per_s, errors = load(
                args.port, page.path, cookie, connections=args.connections, duration=args.duration
            )
            measure.p50_ms = percentile(latencies, 0.50)
            measure.p95_ms = percentile(latencies, 0.95)
            measure.per_s, measure.share, measure.errors = per_s, per_s / trivial, errors
            measure.share_signed_in = per_s / signed_in
            measure.flags = _flags(measure)
            progress(
                f"[{n}/{len(shown)}] {page.role} {page.path}: {measure.queries} queries, "
                f"alone {measure.alone_ms:,.0f} ms, p50 {measure.p50_ms:,.0f} ms, "
                f"p95 {measure.p95_ms:,.0f} ms, {measure.share:.0%} of /healthz {measure.flags}"
            )
    finally:
        server.terminate()
        server.wait()

    with open("/proc/loadavg") as loadavg:
        load_average = loadavg.read().split()[0]
    compare = json.loads(args.compare.read_text()) if args.compare else None
    print(f"\n{homes:,} homes; /healthz {trivial:,.0f} requests a second and "
          f"{SIGNED_IN_BASELINE} {signed_in:,.0f} with "
          f"{args.connections} connections; {args.workers} gunicorn workers; {args.duration:g} s "
          f"a page; load average {load_at_start} at the start, {load_average} at the end "
          f"({os.cpu_count()} cores)\n")  # fmt: skip
    print(table(shown, compare))
    over = [m for m in shown if m.flags]
    print(f"\n{len(over)} of {len(shown)} pages over target.")
    print_not_asked(unfilled, found, measures)
    if args.json:
        figures = {
            "homes": homes,
            "healthz_per_s": trivial,
            "signed_in_per_s": signed_in,
            "load_average": [load_at_start, load_average],
            "pages": [
                {**{k: v for k, v in asdict(m).items() if k != "page"}, **asdict(m.page)}
                for m in measures
            ],
        }
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
