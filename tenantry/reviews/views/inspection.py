"""The inspection of a review: the committee's self-assessment against the inspectors' two
judgements, an inspector's findings, and the inspection pack (PDF)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenantry.core.forms import DateInput, GovukForm, Radios, add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from .. import background, inspection
from .. import permissions as can
from ..models import InspectorFinding, Prospects, Review, SelfAssessment, Stars


class JudgementsMixin:
    """The two judgements as radios with no empty choice: each must be given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stars"].choices = list(Stars.choices)
        self.fields["prospects"].choices = list(Prospects.choices)
        self.fields["stars"].error_messages["invalid_choice"] = _(
            "Select how good the service is, from 3 stars to 0 stars"
        )
        self.fields["prospects"].error_messages["invalid_choice"] = _(
            "Select whether it will improve: excellent, promising, uncertain or poor"
        )


class SelfAssessmentForm(JudgementsMixin, GovukForm, forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["stars", "stars_evidence", "prospects", "prospects_evidence", "assessed_on"]
        widgets = {
            "stars": Radios(),
            "prospects": Radios(),
            "stars_evidence": forms.Textarea(attrs={"rows": 5}),
            "prospects_evidence": forms.Textarea(attrs={"rows": 5}),
            "assessed_on": DateInput(),
        }
        help_texts = {
            "stars": gettext_lazy(
                "From 3 stars (excellent) to 0 stars (poor): how well the service meets "
                "residents' needs now, against its standards and against other landlords."
            ),
            "stars_evidence": gettext_lazy(
                "The figures, survey results and comparisons that show it. Name the evidence."
            ),
            "prospects": gettext_lazy(
                "Whether the improvement plan is working: the four Cs were used, the plan has "
                "targets and is on time, failures are put right."
            ),
            "assessed_on": gettext_lazy("For example, 5/12/2026"),
        }


class FindingForm(JudgementsMixin, GovukForm, forms.ModelForm):
    class Meta:
        model = InspectorFinding
        fields = [
            "stars",
            "stars_reasons",
            "prospects",
            "prospects_reasons",
            "recommendations",
            "found_on",
        ]
        widgets = {
            "stars": Radios(),
            "prospects": Radios(),
            "stars_reasons": forms.Textarea(attrs={"rows": 5}),
            "prospects_reasons": forms.Textarea(attrs={"rows": 5}),
            "recommendations": forms.Textarea(attrs={"rows": 5}),
            "found_on": DateInput(),
        }
        help_texts = {"found_on": gettext_lazy("For example, 5/12/2026")}


def _review(request: OrgRequest, pk: int) -> Review:
    return object_in(request.organisation, Review, pk=pk)


def _to_inspection(review: Review) -> HttpResponse:
    return redirect("reviews:inspection", review.organisation.slug, review.pk)


def _form_page(request, form, *, review, heading, button, intro):
    return render(
        request,
        "reviews/inspection/form.html",
        {"form": form, "review": review, "heading": heading, "button": button, "intro": intro},
        status=form_status(form),
    )


@organisation_view(can.can_view_reviews)
def inspection_page(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    return render(
        request,
        "reviews/inspection/inspection.html",
        {
            "review": review,
            "assessment": inspection.self_assessment_of(review),
            "findings": inspection.findings_of(review),
            "may_assess": can.can_assess_reviews(request.roles),
            "may_find": can.can_record_findings(request.roles),
            "may_read_pack": can.can_read_inspection_pack(request.roles),
        },
    )


@organisation_view(can.can_assess_reviews)
def self_assessment(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    instance = inspection.self_assessment_of(review) or SelfAssessment(
        review=review, assessed_on=timezone.localdate()
    )
    form = SelfAssessmentForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            inspection.save_self_assessment(assessment=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The self-assessment is saved."))
            return _to_inspection(review)
    return _form_page(
        request,
        form,
        review=review,
        heading=_("Assess the service as an inspector would"),
        button=_("Save the self-assessment"),
        intro=_(
            "Inspectors make two judgements: how good is the service, and will it improve? "
            "Answer both yourselves, with the evidence for each."
        ),
    )


@organisation_view(can.can_record_findings)
def add_finding(request: OrgRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = FindingForm(
        request.POST or None,
        instance=InspectorFinding(review=review, found_on=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            inspection.record_finding(finding=form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Your findings are recorded. The organisation can read them.")
            )
            return _to_inspection(review)
    return _form_page(
        request,
        form,
        review=review,
        heading=_("Record your findings"),
        button=_("Record the findings"),
        intro=_(
            "Your own judgement on each of the inspectors' two questions, with what led to it. "
            "Read the review and the inspection pack first."
        ),
    )


@organisation_view(can.can_read_inspection_pack)
@require_POST
def pack(request: OrgRequest, pk: int) -> HttpResponse:
    """Ask for the inspection pack; it is laid out in the background and the person is sent to
    the file's page to follow it."""
    review = _review(request, pk)
    prepared = background.prepare_pack(
        review=review, by=request.user, language=request.LANGUAGE_CODE
    )
    return redirect("organisations:prepared-file", request.organisation.slug, prepared.pk)


urlpatterns = [
    path("reviews/<int:pk>/inspection/", inspection_page, name="inspection"),
    path("reviews/<int:pk>/inspection/self-assessment/", self_assessment, name="self-assessment"),
    path("reviews/<int:pk>/inspection/findings/new/", add_finding, name="add-finding"),
    path("reviews/<int:pk>/inspection-pack.pdf", pack, name="inspection-pack"),
]
