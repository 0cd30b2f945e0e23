"""Mystery shopping at the panel's address: an exercise, its scoring sheet, and a shopper's
results entered on a phone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import paging
from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in

from .. import panel_forms as forms
from .. import permissions as can
from .. import shopping_services as services
from ..models import ScrutinyReview, ShoppingExercise, ShoppingScore
from ..shopping_selectors import exercise_scores
from . import panel_view
from .common import form_page

PAGE_SIZE = 25


def _exercise(request: OrgRequest, pk: int) -> ShoppingExercise:
    return object_in(
        request.organisation,
        ShoppingExercise.objects.select_related("review"),
        via="review__panel",
        pk=pk,
    )


@panel_view(can.can_run_scrutiny)
def new_exercise(request: OrgRequest, pk: int) -> HttpResponse:
    review = object_in(request.organisation, ScrutinyReview, via="panel", pk=pk)
    form = forms.ExerciseForm(request.POST or None, instance=ShoppingExercise(review=review))
    made = {}

    def save(data):
        made["exercise"] = services.save_exercise(exercise=form.save(commit=False), by=request.user)

    back = reverse("scrutiny:review", args=[request.organisation.slug, review.pk])
    response = form_page(
        request,
        form,
        heading=_("Plan mystery shopping"),
        caption=review.title,
        button=_("Save and design the scoring sheet"),
        back=(back, review.title),
        save=save,
        done=_("Saved. Now add the questions shoppers score."),
    )
    if "exercise" in made:
        response["Location"] = reverse(
            "scrutiny:exercise", args=[request.organisation.slug, made["exercise"].pk]
        )
    return response


@panel_view(can.can_run_scrutiny)
def exercise(request: OrgRequest, pk: int) -> HttpResponse:
    found = _exercise(request, pk)
    # Each visit's scores in the order of the sheet (two queries for every visit together).
    in_order = ShoppingScore.objects.select_related("question").order_by("question__position")
    visits = paging.page_of(
        found.visits.select_related("shopper").prefetch_related(Prefetch("scores", in_order)),
        request.GET,
        per_page=PAGE_SIZE,
    )
    return render(
        request,
        "scrutiny/shopping/exercise.html",
        {
            "exercise": found,
            "questions": list(found.questions.all()),
            "scores": exercise_scores(found),
            "visits": visits,
        },
    )


@panel_view(can.can_run_scrutiny)
def add_question(request: OrgRequest, pk: int) -> HttpResponse:
    found = _exercise(request, pk)
    form = forms.QuestionForm(request.POST or None, initial={"max_points": 1})
    back = reverse("scrutiny:exercise", args=[request.organisation.slug, found.pk])
    return form_page(
        request,
        form,
        heading=_("Add a question to the scoring sheet"),
        caption=found.title,
        button=_("Add the question"),
        back=(back, found.title),
        save=lambda data: services.add_question(exercise=found, by=request.user, **data),
        done=_("The question is on the sheet."),
    )


@panel_view(can.can_run_scrutiny)
@require_POST
def open_exercise(request: OrgRequest, pk: int) -> HttpResponse:
    found = _exercise(request, pk)
    try:
        services.open_exercise(exercise=found, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Shopping has started. Shoppers can record their results."))
    return redirect("scrutiny:exercise", request.organisation.slug, found.pk)


@panel_view(can.can_run_scrutiny)
def record_visit(request: OrgRequest, pk: int) -> HttpResponse:
    found = _exercise(request, pk)
    back = reverse("scrutiny:exercise", args=[request.organisation.slug, found.pk])
    if found.opened_on is None:
        messages.error(request, _("Shopping has not started yet"))
        return redirect(back)
    form = forms.VisitForm(request.POST or None, questions=list(found.questions.all()))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_visit(
                exercise=found,
                done_on=form.cleaned_data["done_on"],
                notes=form.cleaned_data["notes"],
                points=form.points(),
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your results are saved."))
            return redirect(back)
    return render(
        request,
        "scrutiny/shopping/visit_form.html",
        {"exercise": found, "form": form},
        status=form_status(form),
    )


urlpatterns = [
    path("scrutiny/reviews/<int:pk>/shopping/new/", new_exercise, name="new-exercise"),
    path("scrutiny/reviews/shopping/<int:pk>/", exercise, name="exercise"),
    path("scrutiny/reviews/shopping/<int:pk>/questions/new/", add_question, name="add-question"),
    path("scrutiny/reviews/shopping/<int:pk>/open/", open_exercise, name="open-exercise"),
    path("scrutiny/reviews/shopping/<int:pk>/results/new/", record_visit, name="record-visit"),
]
