"""The demo's residents online: reports awaiting triage with a photo, and an open survey."""

import pytest
from django.urls import reverse

from tenantry.demo.online import add_demo_reports, add_demo_resident_survey
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairPriorityFactory
from tenantry.surveys.selectors import open_surveys_for


def test_demo_reports_await_triage_with_access_times_and_a_photo(cast, client_as):
    RepairPriorityFactory(landlord=cast.landlord)

    made = add_demo_reports(slugs=(cast.tmo.slug,))

    repair = Repair.objects.get()
    assert made == 1
    assert repair.awaiting_triage
    assert repair.reported_by == cast.people["resident"]
    assert repair.access_times
    photo = repair.photos.get()
    response = client_as(cast.people["staff"]).get(
        reverse("services:repair-photo", args=[cast.tmo.slug, photo.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_demo_reports_need_the_landlords_priorities(cast):
    with pytest.raises(Exception, match="repair timescales"):
        add_demo_reports(slugs=(cast.tmo.slug,))


def test_the_demo_residents_household_can_answer_a_survey_from_their_account(cast):
    add_demo_resident_survey(slug=cast.tmo.slug)

    surveys = open_surveys_for(organisation=cast.tmo, user=cast.people["resident"])
    assert [s.survey.title for s in surveys] == ["How did we do with your repairs?"]
