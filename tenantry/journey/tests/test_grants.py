"""Grant programmes as data: the conditions a network keeps, which ones a group meets, who may
change them, and the public pages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tenantry.journey import grants, selectors, services
from tenantry.journey.models import ConditionKind, FundingProgramme, GrantCondition
from tenantry.organisations.models import AuditEntry

from .factories import FundingProgrammeFactory, GrantConditionFactory

pytestmark = pytest.mark.django_db


# --- which conditions a group meets -------------------------------------------------------------


def _conditions():
    programme = FundingProgrammeFactory()
    return [
        GrantConditionFactory(programme=programme, question="Has your group met for a year?"),
        GrantConditionFactory(
            programme=programme,
            question="How many homes are in your area?",
            kind=ConditionKind.AT_LEAST,
            minimum=25,
        ),
    ]


def test_a_yes_meets_a_question_and_a_no_does_not():
    met_for_a_year, _homes = _conditions()

    assert grants.conditions_met([met_for_a_year], {met_for_a_year.pk: True})[0].outcome == "passed"
    assert grants.conditions_met([met_for_a_year], {met_for_a_year.pk: False})[0].outcome == (
        "failed"
    )


def test_a_number_meets_its_minimum_exactly():
    _year, homes = _conditions()

    assert grants.conditions_met([homes], {homes.pk: 25})[0].outcome == "passed"
    result = grants.conditions_met([homes], {homes.pk: 24})[0]
    assert result.outcome == "failed"
    assert result.explanation == "You said 24, but at least 25 is needed."


def test_an_unanswered_condition_is_unknown_and_the_whole_follows():
    year, homes = _conditions()

    results = grants.conditions_met([year, homes], {year.pk: True})
    assert [r.outcome for r in results] == ["passed", "unknown"]
    assert grants.overall(results) == "unknown"
    assert grants.overall(grants.conditions_met([year, homes], {year.pk: True, homes.pk: 30})) == (
        "passed"
    )
    assert grants.overall(grants.conditions_met([year, homes], {year.pk: False})) == "failed"


# --- the data: constraints --------------------------------------------------------------------


def test_a_number_condition_needs_a_minimum_in_the_database():
    programme = FundingProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantCondition.objects.create(
            programme=programme, position=1, question="Homes?", kind="at_least", minimum=None
        )


def test_a_yes_no_condition_has_no_minimum_in_the_database():
    programme = FundingProgrammeFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GrantCondition.objects.create(
            programme=programme, position=1, question="Met?", kind="yes_no", minimum=5
        )


def test_a_programme_cannot_close_before_it_opens():
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingProgramme.objects.create(
            organisation=FundingProgrammeFactory().organisation,
            name="Backwards",
            funder="F",
            opens_on=date(2026, 5, 1),
            closes_on=date(2026, 4, 30),
        )


# --- services: who may change them -------------------------------------------------------------


def test_the_committee_keeps_its_programmes_and_the_change_is_recorded(cast):
    committee = cast.people["committee"]
    programme = services.create_programme(
        organisation=cast.tmo, name="Getting started", funder="The Ministry", by=committee
    )
    first = services.add_condition(
        programme=programme, question="Have you met for a year?", kind="yes_no", by=committee
    )
    second = services.add_condition(
        programme=programme,
        question="How many homes?",
        kind="at_least",
        minimum=25,
        advice="Talk to the next estate.",
        by=committee,
    )
    services.publish_programme(programme=programme, by=committee)

    assert (first.position, second.position) == (1, 2)
    programme.refresh_from_db()
    assert programme.published
    assert programme.history.count() == 2
    assert AuditEntry.objects.filter(organisation=cast.tmo, by=committee).count() == 4


@pytest.mark.parametrize("role", ["resident", "inspector", "outsider", "other_landlord_officer"])
def test_others_may_not_keep_the_programmes(cast, role):
    with pytest.raises(PermissionDenied):
        services.create_programme(
            organisation=cast.tmo, name="Mine", funder="F", by=cast.people[role]
        )


def test_a_number_condition_without_a_minimum_is_refused_naming_it(cast):
    programme = FundingProgrammeFactory(organisation=cast.tmo)
    with pytest.raises(ValidationError) as refused:
        services.add_condition(
            programme=programme, question="Homes?", kind="at_least", by=cast.people["committee"]
        )
    assert "minimum" in refused.value.message_dict


def test_a_programme_with_no_condition_is_not_published(cast):
    programme = FundingProgrammeFactory(organisation=cast.tmo, published=False)
    with pytest.raises(ValidationError):
        services.publish_programme(programme=programme, by=cast.people["committee"])


# --- the public pages -------------------------------------------------------------------------


def test_only_open_published_programmes_are_listed(client):
    today = timezone.localdate()
    shown = FundingProgrammeFactory(name="Open now", closes_on=today)
    FundingProgrammeFactory(name="Draft", published=False)
    FundingProgrammeFactory(name="Closed", closes_on=today - timedelta(days=1))
    FundingProgrammeFactory(name="Not yet", opens_on=today + timedelta(days=1))

    assert list(selectors.open_programmes(on=today)) == [shown]
    response = client.get(reverse("journey:grants"))
    assert "Open now" in response.text
    assert "Draft" not in response.text and "Closed" not in response.text


def test_the_list_asks_the_same_queries_for_many_programmes(client, django_assert_max_num_queries):
    FundingProgrammeFactory.create_batch(25)
    client.get(reverse("journey:grants"))
    with django_assert_max_num_queries(2):  # the page's count and its rows
        response = client.get(reverse("journey:grants"))
    assert response.text.count('href="/tenant-control/grants/') == 20  # one page of 20
    assert "?page=2" in response.text


def test_a_group_sees_which_conditions_it_meets(client):
    year, homes = _conditions()
    url = reverse("journey:check-grant", args=[year.programme.pk])

    response = client.post(url, {f"condition_{year.pk}": "yes", f"condition_{homes.pk}": "24"})

    assert response.status_code == 200
    assert "Your group does not meet every condition yet." in response.text
    assert "You said 24, but at least 25 is needed." in response.text


def test_a_bad_number_is_refused_and_kept(client):
    year, homes = _conditions()
    url = reverse("journey:check-grant", args=[year.programme.pk])

    response = client.post(url, {f"condition_{year.pk}": "yes", f"condition_{homes.pk}": "lots"})

    assert response.status_code == 400
    assert "Enter your answer as a whole number" in response.text
    assert 'value="lots"' in response.text


def test_a_draft_or_closed_programme_is_not_found(client):
    draft = FundingProgrammeFactory(published=False)
    closed = FundingProgrammeFactory(closes_on=timezone.localdate() - timedelta(days=1))

    assert client.get(reverse("journey:check-grant", args=[draft.pk])).status_code == 404
    assert client.get(reverse("journey:check-grant", args=[closed.pk])).status_code == 404
    assert client.get(reverse("journey:check-grant", args=[999999])).status_code == 404


def test_the_check_page_asks_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    programme = FundingProgrammeFactory()
    GrantConditionFactory.create_batch(12, programme=programme)
    url = reverse("journey:check-grant", args=[programme.pk])
    client.get(url)
    with django_assert_max_num_queries(2):  # the programme and its conditions
        client.get(url)
