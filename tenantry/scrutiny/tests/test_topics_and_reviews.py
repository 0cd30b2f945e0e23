"""Topics residents ask the panel to review, the panel's decisions, and starting a review."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.organisations.models import AuditEntry, Organisation
from tenantry.organisations.tests.factories import OrganisationFactory, RoleFactory
from tenantry.scrutiny import programme_services as services
from tenantry.scrutiny.models import ScrutinyStage, TermsOfReference, TopicStatus

from . import helpers

pytestmark = pytest.mark.django_db


def test_a_resident_asks_the_landlords_panel(cast):
    topic = helpers.topic(cast, by=cast.people["resident"])

    assert topic.status == TopicStatus.WAITING
    assert topic.residents == 1
    assert topic.asked_from == cast.tmo


def test_residents_together_must_be_as_many_as_the_terms_say(cast):
    TermsOfReference.objects.create(panel=cast.panel, residents_to_request_topic=12)

    with pytest.raises(ValidationError) as refused:
        helpers.topic(cast, asked_as="residents", residents=11, by=cast.people["resident"])
    made = helpers.topic(cast, asked_as="residents", residents=12, by=cast.people["resident"])

    assert "residents" in refused.value.message_dict
    assert made.residents == 12


def test_only_an_associations_committee_asks_in_its_name(cast):
    association = OrganisationFactory(
        kind=Organisation.Kind.RESIDENTS_ASSOCIATION, landlord=cast.landlord
    )
    member = RoleFactory(role=Role.MEMBER, organisation=association).user
    committee = RoleFactory(role=Role.COMMITTEE, organisation=association).user
    ask = dict(panel=cast.panel, asked_from=association, asked_as="association", topic="Bins",
               why="Overflowing.")  # fmt: skip

    with pytest.raises(ValidationError):
        services.ask_for_topic(**ask, by=member)
    with pytest.raises(ValidationError):
        # A TMO is not an association, whoever asks.
        helpers.topic(cast, asked_as="association", by=cast.people["committee"])

    assert services.ask_for_topic(**ask, by=committee).asked_as == "association"


def test_a_resident_cannot_ask_another_landlords_panel(cast):
    other_panel = OrganisationFactory(
        kind=Organisation.Kind.SCRUTINY_PANEL, landlord=cast.other_tmo.landlord
    )
    with pytest.raises(PermissionDenied):
        services.ask_for_topic(
            panel=other_panel, asked_from=cast.tmo, asked_as="resident", topic="x", why="y",
            by=cast.people["resident"],
        )  # fmt: skip


def test_who_asked_is_not_in_the_panels_history(cast, client_as):
    helpers.topic(cast, by=cast.people["resident"])

    entry = AuditEntry.objects.get(organisation=cast.panel)
    history = client_as(cast.people["landlord_officer"]).get(
        reverse("organisations:history", args=[cast.panel.slug])
    )

    assert entry.by is None
    assert cast.people["resident"].name not in history.content.decode()


def test_the_panel_decides_once_and_says_why(cast):
    topic = helpers.topic(cast)

    with pytest.raises(ValidationError):
        services.decide_topic(request=topic, accept=False, reason=" ", by=cast.panel_member)
    decided = services.decide_topic(
        request=topic, accept=False, reason="Outside housing.", by=cast.panel_member
    )
    with pytest.raises(ValidationError):
        services.decide_topic(request=topic, accept=True, reason="Changed our mind", by=None)

    assert decided.status == TopicStatus.DECLINED
    assert decided.reason == "Outside housing."


def test_the_resident_reads_the_panels_answer(cast, client_as):
    topic = helpers.topic(cast, by=cast.people["resident"])
    services.decide_topic(request=topic, accept=False, reason="Outside housing.", by=None)

    page = client_as(cast.people["resident"]).get(reverse("scrutiny:ask", args=[cast.tmo.slug]))

    assert "Outside housing." in page.content.decode()


def test_a_review_started_from_a_topic_accepts_it(cast):
    topic = helpers.topic(cast)

    review = helpers.review(cast, topic=topic)

    topic.refresh_from_db()
    assert topic.status == TopicStatus.ACCEPTED
    assert topic.review == review


def test_a_review_is_of_the_landlord_or_one_of_its_organisations(cast):
    with pytest.raises(ValidationError):
        services.start_review(
            panel=cast.panel, scrutinised=cast.other_tmo, title="x",
            started_on=date(2026, 1, 5), by=None,
        )  # fmt: skip
    assert services.start_review(
        panel=cast.panel, scrutinised=cast.tmo, title="TMO repairs", started_on=date(2026, 1, 5),
        by=cast.panel_member,
    ).scrutinised == cast.tmo  # fmt: skip


def test_the_landlord_cannot_start_a_review_for_the_panel(cast):
    with pytest.raises(PermissionDenied):
        services.start_review(
            panel=cast.panel, scrutinised=cast.landlord, title="x", started_on=date(2026, 1, 5),
            by=cast.people["landlord_officer"],
        )  # fmt: skip


def test_the_panel_moves_a_review_only_between_the_stages_before_its_report(cast):
    review = helpers.review(cast)

    services.change_review(
        review=review, title="T", scope="S", stage=ScrutinyStage.GATHERING, by=None
    )
    with pytest.raises(ValidationError):
        services.change_review(
            review=review, title="T", scope="S", stage=ScrutinyStage.CLOSED, by=None
        )
    review.refresh_from_db()

    assert review.stage == ScrutinyStage.GATHERING


def test_training_is_recorded_only_for_the_panels_members(cast):
    member = cast.panel_member
    with pytest.raises(ValidationError):
        services.record_training(
            panel=cast.panel, member=cast.people["resident"], course="Scrutiny 101",
            completed_on=date(2026, 1, 5), by=member,
        )  # fmt: skip
    made = services.record_training(
        panel=cast.panel, member=member, course="Scrutiny 101", completed_on=date(2026, 1, 5),
        by=member,
    )  # fmt: skip

    assert made.member == member


def test_topic_list_reads_in_few_queries(cast, client_as, django_assert_max_num_queries):
    for n in range(30):
        helpers.topic(cast, topic=f"Topic {n}")
    client = client_as(cast.panel_member)
    url = reverse("scrutiny:topic-requests", args=[cast.panel.slug])

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_review_list_reads_in_few_queries(cast, client_as, django_assert_max_num_queries):
    for n in range(30):
        helpers.review(cast, title=f"Review {n}")
    client = client_as(cast.panel_member)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("scrutiny:programme", args=[cast.panel.slug]))

    assert len(response.context["page"].object_list) == 25
