"""The public pages stay plain: every page, and the checker's and calculator's answers, read at
Flesch reading ease MIN_READING_EASE or more and Flesch–Kincaid grade MAX_GRADE or less — a
reading age of about 11 (docs/journey.md says why these thresholds)."""

import pytest
import textstat
from django.urls import reverse

from .readability import prose
from .test_views import ELIGIBLE

pytestmark = pytest.mark.django_db

# Flesch reading ease: 60–70 is "plain English", 70–80 "fairly easy"; GOV.UK writes for a
# reading age of 9, the Plain English Campaign for 11. A Flesch–Kincaid grade is a US school
# year; add 5 for a reading age in England.
MIN_READING_EASE = 65
MAX_GRADE = 6
MIN_WORDS = 60  # fewer words than this and the scores say little

ANSWERED = {
    "journey:right-to-manage": [
        ELIGIBLE,
        ELIGIBLE | {"secure_tenancies": "24", "in_favour": "20", "other_agreement": "yes"},
        {},
    ],
    "journey:time-limits": [
        {"notice_served_on": "2020-01-06", "acceptance_date": "2020-03-02"},
        {
            "notice_served_on": "2026-01-06",
            "acceptance_date": "2026-02-02",
            "actions_completed_on": "2027-03-01",
            "assessor_told_on": "2027-03-10",
            "agreement_started_on": "2015-04-01",
        },
    ],
}


def _scores(text: str) -> tuple[float, float]:
    textstat.set_lang("en_GB")
    return textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text)


def _assert_plain(text: str, where: str) -> None:
    assert len(text.split()) >= MIN_WORDS, f"{where}: too little text to score"
    ease, grade = _scores(text)
    assert ease >= MIN_READING_EASE, f"{where}: reading ease {ease:.0f}: {text}"
    assert grade <= MAX_GRADE, f"{where}: grade {grade:.1f}: {text}"


@pytest.mark.parametrize(
    "name",
    [
        "journey:index",
        "journey:forms",
        "journey:services",
        "journey:what-it-takes",
        "journey:right-to-manage",
        "journey:time-limits",
    ],
)
def test_each_page_reads_plainly(client, name):
    _assert_plain(prose(client.get(reverse(name)).text, forms=True), name)


def test_the_directory_reads_plainly(client):
    # Its filter's options are lists of regions, services and kinds of organisation, not
    # sentences: the page's own words are scored. The profiles are each organisation's own.
    _assert_plain(prose(client.get(reverse("journey:directory")).text), "journey:directory")


@pytest.mark.parametrize(
    ("name", "data"),
    [(name, data) for name, answers in ANSWERED.items() for data in answers],
)
def test_each_answer_reads_plainly(client, name, data):
    response = client.post(reverse(name), data)

    assert response.status_code == 200
    _assert_plain(prose(response.text), name)


def test_the_scores_tell_plain_from_dense():
    # The thresholds reject legal drafting: part of reg. 9(4) of the 2008 Regulations.
    dense = (
        "A proposal notice must not contain a proposal relating to houses already included in "
        "an existing management agreement between a tenant management organisation and an "
        "authority unless all of those houses are included in the proposal and the tenant "
        "management organisation which serves the notice is a party to that existing "
        "management agreement, or the number of houses which are the subject of the existing "
        "agreement is greater than two thousand five hundred."
    )
    ease, grade = _scores(dense)
    assert ease < MIN_READING_EASE
    assert grade > MAX_GRADE
