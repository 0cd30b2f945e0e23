"""The review programme: the panel's reviews, the topics residents ask it to look at and its
decisions on them, and starting a review."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from tenantry.core import paging, query
from tenantry.organisations.access import OrgRequest, object_in
from tenantry.organisations.models import Organisation

from .. import panel_forms as forms
from .. import permissions as can
from .. import programme_services as services
from ..evidence_selectors import landlord_side
from ..models import ScrutinyReview, TopicRequest, TopicStatus
from . import panel_view
from .common import form_page

PAGE_SIZE = 25


@panel_view(can.can_run_scrutiny)
def programme(request: OrgRequest) -> HttpResponse:
    reviews = ScrutinyReview.objects.filter(panel=request.organisation).select_related(
        "scrutinised"
    )
    waiting = TopicRequest.objects.filter(
        panel=request.organisation, status=TopicStatus.WAITING
    ).count()
    return render(
        request,
        "scrutiny/programme/programme.html",
        {"page": paging.page_of(reviews, request.GET, per_page=PAGE_SIZE), "waiting": waiting},
    )


@panel_view(can.can_run_scrutiny)
def topic_requests(request: OrgRequest) -> HttpResponse:
    status = query.text(request.GET, "status")
    if status not in TopicStatus.values:
        status = ""
    found = TopicRequest.objects.filter(panel=request.organisation).select_related(
        "asked_from", "review"
    )
    if status:
        found = found.filter(status=status)
    return render(
        request,
        "scrutiny/programme/topics.html",
        {
            "page": paging.page_of(found, request.GET, per_page=PAGE_SIZE),
            "status": status,
            "statuses": TopicStatus.choices,
            "query": f"status={status}" if status else "",
        },
    )


@panel_view(can.can_run_scrutiny)
def decide_topic(request: OrgRequest, pk: int) -> HttpResponse:
    topic = object_in(request.organisation, TopicRequest, via="panel", pk=pk)
    form = forms.DecideForm(request.POST or None)
    back = reverse("scrutiny:topic-requests", args=[request.organisation.slug])
    return form_page(
        request,
        form,
        heading=_("Decide on a topic"),
        caption=topic.topic,
        intro=topic.why,
        button=_("Save the decision"),
        back=(back, _("Topics residents asked for")),
        save=lambda data: services.decide_topic(
            request=topic,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            by=request.user,
        ),
        done=_("The decision is saved. The person who asked can read it."),
    )


@panel_view(can.can_run_scrutiny)
def new_review(request: OrgRequest) -> HttpResponse:
    panel = request.organisation
    topic = None
    if topic_pk := query.read(request.GET, "topic", int, None):
        topic = object_in(panel, TopicRequest, via="panel", pk=topic_pk)
    organisations = Organisation.objects.filter(pk__in=[o.pk for o in landlord_side(panel)])
    initial = {"scrutinised": panel.landlord_id}
    if topic is not None:
        initial |= {"title": topic.topic, "scope": topic.why}
    form = forms.ReviewForm(request.POST or None, organisations=organisations, initial=initial)
    made = {}

    def save(data):
        made["review"] = services.start_review(panel=panel, by=request.user, topic=topic, **data)

    back = reverse("scrutiny:programme", args=[panel.slug])
    response = form_page(
        request,
        form,
        heading=_("Start a scrutiny review"),
        caption=topic.topic if topic else "",
        button=_("Start the review"),
        back=(back, _("Review programme")),
        save=save,
        done=_("The review has started."),
    )
    if "review" in made:
        response["Location"] = reverse("scrutiny:review", args=[panel.slug, made["review"].pk])
    return response


urlpatterns = [
    path("scrutiny/reviews/", programme, name="programme"),
    path("scrutiny/reviews/topics/", topic_requests, name="topic-requests"),
    path("scrutiny/reviews/topics/<int:pk>/decide/", decide_topic, name="decide-topic"),
    path("scrutiny/reviews/new/", new_review, name="new-review"),
]
