"""Mystery shopping: the sheet, shoppers' results, the scores worked out by hand, and the
shopper's identity kept from the landlord."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from tenantry.scrutiny import shopping_services as services
from tenantry.scrutiny.models import ShoppingScore
from tenantry.scrutiny.shopping_selectors import exercise_scores

from . import helpers

pytestmark = pytest.mark.django_db

SHEET = (("Answered within a minute?", 1), ("How helpful, 0 to 5?", 5))


def _visit(exercise, scores, by=None, done_on=date(2026, 1, 12), notes=""):
    questions = list(exercise.questions.all())
    return services.record_visit(
        exercise=exercise,
        done_on=done_on,
        points={q.pk: s for q, s in zip(questions, scores, strict=True)},
        notes=notes,
        by=by,
    )


def test_scores_are_the_share_of_the_points_available(cast):
    exercise = helpers.exercise(cast, questions=SHEET)
    for scores in ([1, 4], [0, 2], [1, 5]):
        _visit(exercise, scores)

    found = exercise_scores(exercise)

    # Yes in 2 of 3 visits: 2 of 3 points. Helpfulness 4 + 2 + 5 = 11 of 3 × 5 = 15 points.
    # Overall 13 of 18 points: the 0-to-5 question weighs five times the yes-or-no one.
    assert found.visits == 3
    assert [(q.points, q.possible) for q in found.questions] == [(2, 3), (11, 15)]
    assert round(found.questions[0].percentage, 2) == 66.67
    assert round(found.questions[1].percentage, 2) == 73.33
    assert (found.points, found.possible) == (13, 18)
    assert round(found.percentage, 1) == 72.2


def test_no_visits_have_no_score(cast):
    found = exercise_scores(helpers.exercise(cast, questions=SHEET))

    assert found.percentage is None
    assert [q.percentage for q in found.questions] == [None, None]


def test_every_question_needs_a_score_within_its_range(cast):
    exercise = helpers.exercise(cast, questions=SHEET)
    first, second = exercise.questions.all()

    with pytest.raises(ValidationError) as missing:
        services.record_visit(
            exercise=exercise, done_on=date(2026, 1, 12), points={first.pk: 1}, by=None
        )
    with pytest.raises(ValidationError) as too_high:
        _visit(exercise, [1, 6])
    with pytest.raises(ValidationError) as future:
        _visit(exercise, [1, 3], done_on=date(2099, 1, 1))

    assert f"q{second.pk}" in missing.value.message_dict
    assert f"q{second.pk}" in too_high.value.message_dict
    assert "done_on" in future.value.message_dict


def test_results_wait_for_shopping_to_start_and_then_the_sheet_is_fixed(cast):
    exercise = helpers.exercise(cast, questions=SHEET, opened=False)

    with pytest.raises(ValidationError):
        _visit(exercise, [1, 3])
    services.open_exercise(exercise=exercise, by=None)
    with pytest.raises(ValidationError):
        services.add_question(exercise=exercise, text="Another?", max_points=1, by=None)


def test_a_sheet_with_no_question_cannot_start(cast):
    exercise = helpers.exercise(cast, questions=(), opened=False)

    with pytest.raises(ValidationError):
        services.open_exercise(exercise=exercise, by=None)


def test_one_score_per_question_per_visit(cast):
    exercise = helpers.exercise(cast, questions=SHEET)
    visit = _visit(exercise, [1, 3])

    with pytest.raises(IntegrityError):
        ShoppingScore.objects.create(visit=visit, question=exercise.questions.first(), points=0)


def test_the_landlord_cannot_record_a_visit(cast):
    exercise = helpers.exercise(cast, questions=SHEET)

    with pytest.raises(PermissionDenied):
        _visit(exercise, [1, 3], by=cast.people["landlord_officer"])


def test_a_shopper_enters_results_on_the_page(cast, client_as):
    exercise = helpers.exercise(cast, questions=SHEET)
    first, second = exercise.questions.all()
    client = client_as(cast.panel_member)
    url = reverse("scrutiny:record-visit", args=[cast.panel.slug, exercise.pk])

    refused = client.post(url, {"done_on": "2026-01-12", f"q{first.pk}": "1"})
    sent = client.post(
        url, {"done_on": "2026-01-12", f"q{first.pk}": "1", f"q{second.pk}": "3", "notes": "OK"}
    )

    assert refused.status_code == 400
    assert "How helpful, 0 to 5?" in refused.content.decode()
    assert sent.status_code == 302
    assert exercise.visits.get().shopper == cast.panel_member


def test_the_landlord_never_learns_who_shopped(cast, client_as):
    exercise = helpers.exercise(cast, questions=SHEET)
    shopper = cast.panel_member
    shopper.name = "Shirley Shopper"
    shopper.save()
    client_as(shopper).post(
        reverse("scrutiny:record-visit", args=[cast.panel.slug, exercise.pk]),
        {
            "done_on": "2026-01-12",
            **{f"q{q.pk}": "1" for q in exercise.questions.all()},
            "notes": "Rang from my mobile ending 123",
        },
    )
    landlord = client_as(cast.people["landlord_officer"])

    pages = [
        landlord.get(
            reverse("scrutiny:followed-review", args=[cast.landlord.slug, exercise.review_id])
        ),
        # The panel's history, which the landlord reads: the visit is Tenantry's entry.
        landlord.get(reverse("organisations:history", args=[cast.panel.slug])),
    ]

    assert [page.status_code for page in pages] == [200, 200]
    for page in pages:
        text = page.content.decode()
        assert "Shirley Shopper" not in text
        assert "mobile ending 123" not in text
        assert "12 January 2026" not in text
    assert "2 of 6 points" in pages[0].content.decode()
    # The landlord cannot open the panel's own page of the exercise at all.
    assert (
        landlord.get(reverse("scrutiny:exercise", args=[cast.panel.slug, exercise.pk])).status_code
        == 403
    )


def test_the_exercise_page_reads_in_few_queries(cast, client_as, django_assert_max_num_queries):
    exercise = helpers.exercise(cast, questions=SHEET)
    for n in range(30):
        _visit(exercise, [n % 2, n % 6])
    client = client_as(cast.panel_member)
    url = reverse("scrutiny:exercise", args=[cast.panel.slug, exercise.pk])

    with django_assert_max_num_queries(16):
        response = client.get(url)

    assert len(response.context["visits"].object_list) == 25
