"""The public pages, the checker and the calculator, as anyone not signed in uses them."""

from datetime import date

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = [
    "journey:index",
    "journey:forms",
    "journey:services",
    "journey:what-it-takes",
    "journey:right-to-manage",
    "journey:time-limits",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_is_open_to_someone_not_signed_in(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert b'href="/tenant-control/right-to-manage/' in response.content


def test_the_welcome_page_links_to_tenant_control(client):
    response = client.get("/")

    assert b'href="/tenant-control/"' in response.content


def test_the_footer_links_to_tenant_control_on_every_page(client):
    response = client.get(reverse("account_login"))

    assert b'href="/tenant-control/"' in response.content


# The index reads the stories of organisations already in control: one query.
QUERIES = {"journey:index": 1}


@pytest.mark.parametrize("name", PAGES)
def test_pages_ask_no_query(client, django_assert_max_num_queries, name):
    client.get(reverse(name))  # the session and language settle on the first visit
    with django_assert_max_num_queries(QUERIES.get(name, 0)):
        client.get(reverse(name))


# --- the eligibility checker -------------------------------------------------------------------

ELIGIBLE = {
    "written_constitution": "yes",
    "names_area": "yes",
    "any_tenant_may_join": "yes",
    "avoids_discrimination": "yes",
    "run_by_members": "yes",
    "secure_tenancies": "40",
    "all_in_area": "yes",
    "other_agreement": "no",
    "copy_delivered": "yes",
    "vote_route": "ballot",
    "members": "60",
    "in_favour": "31",
    "tenants": "100",
    "tenant_members": "25",
}


def test_an_eligible_group_is_told_so(client):
    response = client.post(reverse("journey:right-to-manage"), ELIGIBLE)

    assert response.status_code == 200
    assert "Your group can serve a proposal notice" in response.text
    assert "SI 2012/1821, reg. 4(1)(a)" in response.text


def test_24_secure_tenancies_is_shown_as_one_short(client):
    response = client.post(
        reverse("journey:right-to-manage"), ELIGIBLE | {"secure_tenancies": "24"}
    )

    assert "Not yet: 1 rule is not met." in response.text
    assert "you need 1 more home." in response.text


def test_an_empty_form_asks_for_more(client):
    response = client.post(reverse("journey:right-to-manage"), {})

    assert response.status_code == 200
    assert "answers are still needed" in response.text


def test_a_number_that_is_not_one_is_refused_naming_the_field_and_kept(client):
    response = client.post(
        reverse("journey:right-to-manage"), ELIGIBLE | {"secure_tenancies": "forty"}
    )

    assert response.status_code == 400
    assert "Enter the number of homes let on secure tenancies as a whole number" in response.text
    assert 'href="#id_secure_tenancies"' in response.text  # the error summary links to it
    assert 'value="forty"' in response.text  # what was typed is kept
    assert 'value="60"' in response.text  # and so is everything else
    assert "Your group can serve" not in response.text


def test_a_negative_number_is_refused(client):
    response = client.post(reverse("journey:right-to-manage"), ELIGIBLE | {"members": "-3"})

    assert response.status_code == 400
    assert "The number of members cannot be less than 0" in response.text


def test_more_in_favour_than_members_is_refused(client):
    response = client.post(reverse("journey:right-to-manage"), ELIGIBLE | {"in_favour": "61"})

    assert response.status_code == 400
    assert "cannot be more than the number of members" in response.text
    assert 'value="61"' in response.text


def test_more_at_the_meeting_than_members_is_refused(client):
    data = ELIGIBLE | {"vote_route": "meeting", "attending": "70", "in_favour": "40"}
    response = client.post(reverse("journey:right-to-manage"), data)

    assert response.status_code == 400
    assert "The number of members at the meeting cannot be more than" in response.text


def test_more_tenant_members_than_tenants_is_refused(client):
    response = client.post(reverse("journey:right-to-manage"), ELIGIBLE | {"tenant_members": "101"})

    assert response.status_code == 400
    assert "cannot be more than the number of tenants" in response.text


def test_the_answer_chosen_stays_chosen(client):
    response = client.post(
        reverse("journey:right-to-manage"), ELIGIBLE | {"secure_tenancies": "x", "names_area": "no"}
    )

    assert 'name="names_area" value="no" id="id_names_area_1" checked>' in response.text
    assert 'name="names_area" value="yes" id="id_names_area_0">' in response.text


# --- the time-limit calculator ---------------------------------------------------------------


def test_the_calculator_works_out_each_date(client, settings):
    response = client.post(
        reverse("journey:time-limits"),
        {"notice_served_on": "2026-01-31", "acceptance_date": "2026-11-30"},
    )

    assert response.status_code == 200
    assert "Saturday 28 February 2026" in response.text  # 31 January + 28 days
    assert "Sunday 28 February 2027" in response.text  # 30 November + 3 months
    assert "Tuesday 29 February 2028" in response.text  # 30 November + 15 months
    assert "SI 2012/1821, reg. 13(1)" in response.text


def test_an_impossible_date_is_refused_naming_the_field(client):
    response = client.post(reverse("journey:time-limits"), {"notice_served_on": "2026-02-30"})

    assert response.status_code == 400
    assert "The day you served the proposal notice on the council must be a real date" in (
        response.text
    )
    assert 'value="2026-02-30"' in response.text


def test_dates_out_of_order_are_refused_on_the_later_one(client):
    response = client.post(
        reverse("journey:time-limits"),
        {"notice_served_on": "2026-03-02", "council_answered_on": "2026-03-01"},
    )

    assert response.status_code == 400
    assert (
        "The day the council answered must be the same as or after the day you served the "
        "proposal notice on the council"
    ) in response.text
    assert 'href="#id_council_answered_on"' in response.text


def test_a_date_long_ago_is_refused(client):
    response = client.post(reverse("journey:time-limits"), {"agreement_started_on": "1066-10-14"})

    assert response.status_code == 400
    assert "must be between 1900 and 2199" in response.text


def test_the_calculator_says_what_is_missed_today(client):
    # Served long ago and never answered: the answer is missed, and the page says what to do.
    response = client.post(reverse("journey:time-limits"), {"notice_served_on": "2020-01-06"})

    assert "Missed" in response.text
    assert "arbitration" in response.text
    assert date(2020, 2, 3).strftime("%-d %B %Y") in response.text


def test_a_refusal_is_in_welsh_for_a_welsh_reader(client):
    client.cookies["django_language"] = "cy"
    response = client.post(
        reverse("journey:right-to-manage"), ELIGIBLE | {"secure_tenancies": "forty"}
    )

    assert response.status_code == 400
    assert "Rhowch nifer y cartrefi ar denantiaethau diogel fel rhif cyfan, fel 40" in response.text
    assert "Gwiriwch a all eich grŵp ddefnyddio'r Hawl i Reoli" in response.text
