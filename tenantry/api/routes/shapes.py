"""Model rows as the API's answers (schemas.py)."""

from django.http import HttpRequest

from tenantry.indicators.models import Result
from tenantry.organisations.models import Organisation
from tenantry.reviews.models import ImprovementPlan
from tenantry.scrutiny.models import ScrutinyReport

from ..common import absolute, answers


def _number(value):
    return None if value is None else float(value)


def organisation_out(request: HttpRequest, organisation: Organisation, *, public: bool) -> dict:
    slug = organisation.slug
    if public:
        links = [
            {"rel": "self", "href": absolute(request, "api:public-organisation", slug=slug)},
            {"rel": "results", "href": absolute(request, "api:public-results", slug=slug)},
            {"rel": "plans", "href": absolute(request, "api:public-plans", slug=slug)},
            {
                "rel": "recommendations",
                "href": absolute(request, "api:public-recommendations", slug=slug),
            },
            {"rel": "open-data", "href": absolute(request, "api:open-data", slug=slug)},
            {
                "rel": "annual-reports",
                "href": absolute(request, "api:public-annual-reports", slug=slug),
            },
        ]
    else:
        links = [
            {"rel": "self", "href": absolute(request, "api:organisation", slug=slug)},
            {"rel": "results", "href": absolute(request, "api:results", slug=slug)},
            {"rel": "plans", "href": absolute(request, "api:plans", slug=slug)},
            {"rel": "repairs", "href": absolute(request, "api:repairs", slug=slug)},
            {"rel": "submissions", "href": absolute(request, "api:submissions", slug=slug)},
        ]
    return {
        "slug": slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "landlord": organisation.landlord.slug if organisation.landlord_id else None,
        "links": links,
    }


def result_out(result: Result) -> dict:
    return {
        "indicator": result.indicator.code,
        "indicator_name": result.indicator.name,
        "unit": result.indicator.unit,
        "stock_type": result.stock_type,
        "period": result.period_label,
        "period_kind": result.period_kind,
        "period_start": result.period_start,
        "period_end": result.period_end,
        "numerator": _number(result.numerator),
        "denominator": _number(result.denominator),
        "value": _number(result.value),
        "source": result.source,
        "worked_out_at": result.computed_at,
    }


def plan_out(request: HttpRequest, plan: ImprovementPlan, *, public: bool = True) -> dict:
    """A plan; its `page` and `pdf` are the public ones, or (`public=False`, for a plan not
    published) the organisation's own plan page, for those who may read it there."""
    slug, pk = plan.review.organisation.slug, plan.review_id
    if public:
        page = absolute(request, "improvement-plan:plan", slug=slug, pk=pk)
        pdf = absolute(request, "improvement-plan:pdf", slug=slug, pk=pk)
    else:
        page = pdf = absolute(request, "reviews:plan", slug=slug, pk=pk)
    return {
        "review": plan.review.title,
        "stage": plan.stage,
        "published_on": plan.published_on,
        "vision": plan.vision,
        "steps": plan.steps,
        "actions": [
            {"title": a.title, "owner": a.owner, "due_on": a.due_on} for a in plan.actions.all()
        ],
        "page": page,
        "pdf": pdf,
    }


def report_out(report: ScrutinyReport) -> dict:
    return {
        "review": report.review.title,
        "published_on": report.published_on,
        "answers_due_on": report.answers_due_on,
        "answered_on": report.answered_on,
        "recommendations": [
            {
                "title": r.title,
                "reason": r.reason,
                "response": r.response,
                "reasons": r.reasons,
                "owner": r.owner,
                "due_on": r.due_on,
                "answered_on": r.answered_on,
            }
            for r in report.recommendations.all()
        ],
    }


def import_run_out(request: HttpRequest, run, slug: str) -> dict:
    return {
        "id": run.pk,
        "kind": run.kind,
        "filename": run.filename,
        "status": run.status,
        "dry_run": run.dry_run,
        "rows": run.rows,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "problem_count": run.error_count,
        "problems": [
            {"line": e.get("line"), "column": e.get("column") or None, "message": e["reason"]}
            for e in run.errors or []
        ],
        "href": absolute(request, "api:import-run", slug=slug, run_id=run.pk),
    }


def written(ok) -> dict:
    """The answers of a change: the error shape for every error; no 200 and no 304."""
    found = answers(ok, cached=False)
    del found[200]
    return found
