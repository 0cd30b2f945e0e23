"""A review: its nine steps as a task list, each step's page, decisions, evidence, the
stakeholder register, benchmarking visits, options and standards, and the four Cs panel."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status
from tenantry.democracy.models import Meeting
from tenantry.indicators.performance_forms import LocalIndicatorForm
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.surveys.models import Survey

from .. import permissions as can
from .. import review_forms as forms
from .. import selectors, services
from ..models import Evidence, EvidenceKind, Option, Review, Stakeholder, StepStatus
from ..steps import STEPS, step

STEP_CHOICES = [(s.number, f"{s.number}. {s.title}") for s in STEPS]
STATUS_TAGS = {
    StepStatus.NOT_STARTED: "govuk-tag--grey",
    StepStatus.IN_PROGRESS: "govuk-tag--light-blue",
    StepStatus.COMPLETED: "govuk-tag--green",
}


def _review(request: OrgRequest, pk: int) -> Review:
    return object_in(request.organisation, Review, pk=pk)


def _to_step(review: Review, number: int, anchor: str = "") -> HttpResponse:
    response = redirect("reviews:step", review.organisation.slug, review.pk, number)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _plan_url(review: Review) -> str:
    """The improvement plan's page, once that part of the app is there."""
    try:
        return reverse("reviews:plan", args=[review.organisation.slug, review.pk])
    except NoReverseMatch:
        return ""


def _form_page(request, review, form, heading, button, *, number=None, template=None, question=""):
    return render(
        request,
        template or "reviews/review/form.html",
        {
            "review": review,
            "form": form,
            "heading": heading,
            "button": button,
            "number": number,
            "question": question,
        },
        status=form_status(form),
    )


@organisation_view(can.can_run_reviews)
def start_review(request: OrgRequest) -> HttpResponse:
    form = forms.StartReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.start_review(
                organisation=request.organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The review has started. Begin with step 1."))
            return redirect("reviews:review", request.organisation.slug, review.pk)
    return _form_page(request, None, form, _("Start a Best Value review"), _("Start the review"))


@organisation_view(can.can_view_reviews)
def review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    steps = services.steps_of(found)
    return render(
        request,
        "reviews/review/review.html",
        {
            "review": found,
            "tasks": [(step(s.number), s, STATUS_TAGS[s.status]) for s in steps],
            "completed": sum(s.status == StepStatus.COMPLETED for s in steps),
            "four_cs": selectors.four_cs(found),
            "decisions": list(found.decisions.select_related("meeting")),
            "evidence": list(found.evidence.select_related("survey", "indicator")),
            "stakeholders": found.stakeholders.count(),
            "plan_url": _plan_url(found),
        },
    )


@organisation_view(can.can_view_reviews)
def step_page(request: OrgRequest, pk: int, number: int) -> HttpResponse:
    found = _review(request, pk)
    if number not in range(1, 10):
        raise Http404
    definition = step(number)
    the_step = next(s for s in services.steps_of(found) if s.number == number)
    context = {
        "review": found,
        "step": definition,
        "the_step": the_step,
        "tag": STATUS_TAGS[the_step.status],
        "answers": [(f.label, the_step.content.get(f.key, "")) for f in definition.fields],
        "decisions": list(found.decisions.filter(step=number).select_related("meeting")),
        "evidence": list(found.evidence.filter(step=number).select_related("survey")),
        "history": list(the_step.history.select_related("history_user")[:5]),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < 9 else None,
    }
    if number == 5:
        codes = the_step.content.get("indicators", [])
        context["comparisons"] = selectors.comparisons(
            review=found, codes=codes, roles=request.roles
        )
        context["visits"] = list(found.visits.all())
    if number == 6:
        weight, ranked, refusal = selectors.ranked_options(found)
        context.update(
            cost_weight=weight,
            quality_weight=100 - weight,
            ranked=ranked,
            refusal=refusal,
            options=list(found.options.all()),
        )
    if number == 8:
        context["standards"] = _standards(found, request.roles)
        context["first_year"] = found.started_on.year + 1
    if number == 9:
        context["plan_url"] = _plan_url(found)
    return render(request, "reviews/review/step.html", context)


def _figure(value) -> str:
    """A standard written without trailing zeros: 71.40 is 71.4, 85.00 is 85."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}"


def _standards(review: Review, roles) -> list[dict]:
    rows = []
    for standard in review.standards.select_related("indicator"):
        compared = selectors.comparison(review=review, indicator=standard.indicator, roles=roles)
        top = compared.top_quartile
        rows.append(
            {
                "standard": standard,
                "current": _figure(standard.current),
                "proposed": _figure(standard.proposed),
                "trajectory": [_figure(v) for v in standard.trajectory],
                "top": top,
                "gap_now": selectors.gap_to_top_quartile(
                    value=standard.current,
                    top=top,
                    higher_is_better=standard.indicator.higher_is_better,
                ),
                "gap_after": selectors.gap_to_top_quartile(
                    value=standard.trajectory[-1] if standard.trajectory else None,
                    top=top,
                    higher_is_better=standard.indicator.higher_is_better,
                ),
            }
        )
    return rows


@organisation_view(can.can_run_reviews)
def edit_step(request: OrgRequest, pk: int, number: int) -> HttpResponse:
    found = _review(request, pk)
    if number not in range(1, 10):
        raise Http404
    definition = step(number)
    the_step = next(s for s in services.steps_of(found) if s.number == number)
    initial = {**the_step.content, "status": the_step.status}
    if number == 6:
        initial.setdefault("cost_weight", selectors.appraisal.DEFAULT_COST_WEIGHT)
    indicators = selectors.indicators_for(found) if number == 5 else None
    form = forms.step_form(
        definition, indicators=indicators, data=request.POST or None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_step(
                review_step=the_step,
                content=form.cleaned_data,
                status=form.cleaned_data["status"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Step %(number)s is saved.") % {"number": number})
            return _to_step(found, number)
    return _form_page(
        request,
        found,
        form,
        _("Step %(number)s: %(title)s") % {"number": number, "title": definition.title},
        _("Save the step"),
        number=number,
        question=definition.question,
    )


def _step_from_query(request) -> int | None:
    try:
        number = int(request.GET.get("step", ""))
    except ValueError:
        return None
    return number if number in range(1, 10) else None


@organisation_view(can.can_run_reviews)
def add_decision(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    meetings = Meeting.objects.filter(organisation=request.organisation).order_by("-day")[:50]
    form = forms.DecisionForm(
        request.POST or None,
        steps=STEP_CHOICES,
        meetings=meetings,
        initial={"step": _step_from_query(request), "decided_by": _("The committee")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = (
            Meeting.objects.filter(organisation=request.organisation, pk=data["meeting"]).first()
            if data["meeting"]
            else None
        )
        try:
            services.record_decision(
                review=found,
                step=data["step"],
                what=data["what"],
                decided_by=data["decided_by"],
                decided_on=data["decided_on"],
                meeting=meeting,
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return _to_step(found, data["step"], "decisions")
    return _form_page(request, found, form, _("Record a decision"), _("Record the decision"))


@organisation_view(can.can_run_reviews)
def add_evidence(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    surveys = Survey.objects.filter(organisation=request.organisation).order_by("-pk")[:50]
    form = forms.EvidenceForm(
        request.POST or None,
        request.FILES or None,
        steps=STEP_CHOICES,
        surveys=surveys,
        initial={"step": _step_from_query(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["survey"]:
                survey = object_in(request.organisation, Survey, pk=data["survey"])
                services.add_survey_evidence(
                    review=found, step=data["step"], survey=survey, by=request.user
                )
            else:
                services.add_evidence_file(
                    review=found,
                    step=data["step"],
                    title=data["title"],
                    upload=data["file"],
                    by=request.user,
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The evidence is added."))
            return _to_step(found, data["step"], "evidence")
    return _form_page(
        request,
        found,
        form,
        _("Add evidence"),
        _("Add the evidence"),
        template="reviews/review/upload_form.html",
    )


@organisation_view(can.can_download_review_evidence)
def evidence_file(request: OrgRequest, pk: int, evidence: int) -> FileResponse:
    found = object_in(
        request.organisation,
        Evidence,
        via="review__organisation",
        review_id=pk,
        pk=evidence,
        kind=EvidenceKind.FILE,
    )
    if not found.file:
        raise Http404
    name = found.file.name.rsplit("/", 1)[-1]
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=name)


@organisation_view(can.can_run_reviews)
@require_POST
def freeze_figures(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    code = request.POST.get("indicator", "")
    indicator = selectors.indicators_for(found).filter(code=code).first()
    if indicator is None:
        raise Http404
    compared = selectors.comparison(review=found, indicator=indicator, roles=request.roles)
    services.freeze_figures(
        review=found, step=5, indicator=indicator, figures=compared.frozen(), by=request.user
    )
    messages.success(request, _("The figures are kept as evidence, as they are today."))
    return _to_step(found, 5, "evidence")


@organisation_view(can.can_view_reviews)
def stakeholders(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    return render(
        request,
        "reviews/review/stakeholders.html",
        {
            "review": found,
            "stakeholders": list(found.stakeholders.all()),
            "kinds": Stakeholder._meta.get_field("kind").choices,
        },
    )


@organisation_view(can.can_run_reviews)
def add_stakeholder(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    form = forms.StakeholderForm(request.POST or None, instance=Stakeholder(review=found))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_stakeholder(stakeholder=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The stakeholder is in the register."))
            return redirect("reviews:stakeholders", request.organisation.slug, found.pk)
    return _form_page(request, found, form, _("Add a stakeholder"), _("Add the stakeholder"))


@organisation_view(can.can_run_reviews)
def add_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = form.save(commit=False)
        visit.review = found
        try:
            services.add_visit(visit=visit, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The benchmarking visit is recorded."))
            return _to_step(found, 5, "visits")
    return _form_page(
        request, found, form, _("Record a benchmarking visit"), _("Record the visit"), number=5
    )


def _option_form(request: OrgRequest, found: Review, option: Option, heading: str):
    form = forms.OptionForm(request.POST or None, instance=option)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_option(option=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The option is saved."))
            return _to_step(found, 6, "options")
    return _form_page(request, found, form, heading, _("Save the option"), number=6)


@organisation_view(can.can_run_reviews)
def add_option(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    return _option_form(request, found, Option(review=found), _("Add an option"))


@organisation_view(can.can_run_reviews)
def edit_option(request: OrgRequest, pk: int, option: int) -> HttpResponse:
    found = _review(request, pk)
    chosen = object_in(
        request.organisation, Option, via="review__organisation", review=found, pk=option
    )
    return _option_form(request, found, chosen, _("Change an option"))


@organisation_view(can.can_run_reviews)
def add_standard(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    indicators = selectors.indicators_for(found)
    form = forms.StandardForm(
        request.POST or None, indicators=indicators, first_year=timezone.localdate().year
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_standard(
                review=found,
                indicator=indicators.get(pk=data["indicator"]),
                current=data["current"],
                proposed=data["proposed"],
                trajectory=form.trajectory(),
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The standard and its targets are saved."))
            return _to_step(found, 8, "standards")
    return _form_page(
        request, found, form, _("Add a standard and its targets"), _("Save the standard"), number=8
    )


@organisation_view(can.can_create_review_indicator)
def create_indicator(request: OrgRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    form = LocalIndicatorForm(request.POST or None, initial={"decimals": 1})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            indicator = services.create_review_indicator(
                review=found,
                by=request.user,
                name=data["name"],
                meaning=data["meaning"],
                unit=data["unit"],
                higher_is_better=data["higher_is_better"],
                source=data["source"],
                config=form.config(),
                decimals=data["decimals"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "“%(name)s” is added to the organisation's indicators. Set its standard "
                    "and targets here."
                )
                % {"name": indicator.name},
            )
            return _to_step(found, 8, "standards")
    return _form_page(
        request, found, form, _("Create a local indicator"), _("Create the indicator"), number=8
    )


urlpatterns = [
    path("reviews/new/", start_review, name="start-review"),
    path("reviews/<int:pk>/", review, name="review"),
    path("reviews/<int:pk>/steps/<int:number>/", step_page, name="step"),
    path("reviews/<int:pk>/steps/<int:number>/edit/", edit_step, name="edit-step"),
    path("reviews/<int:pk>/decisions/new/", add_decision, name="add-decision"),
    path("reviews/<int:pk>/evidence/new/", add_evidence, name="add-evidence"),
    path("reviews/<int:pk>/evidence/<int:evidence>/file/", evidence_file, name="evidence-file"),
    path("reviews/<int:pk>/figures/keep/", freeze_figures, name="freeze-figures"),
    path("reviews/<int:pk>/stakeholders/", stakeholders, name="stakeholders"),
    path("reviews/<int:pk>/stakeholders/new/", add_stakeholder, name="add-stakeholder"),
    path("reviews/<int:pk>/visits/new/", add_visit, name="add-visit"),
    path("reviews/<int:pk>/options/new/", add_option, name="add-option"),
    path("reviews/<int:pk>/options/<int:option>/", edit_option, name="edit-option"),
    path("reviews/<int:pk>/standards/new/", add_standard, name="add-standard"),
    path("reviews/<int:pk>/indicators/new/", create_indicator, name="create-indicator"),
]
