"""Mystery shopping scores: per question and overall, as the share of the points available.

A question's score is the points shoppers gave it over the points they could have given
(visits × its highest score); the exercise's is the same over every question, so a question
scored out of 5 weighs five times a yes-or-no one, as the panel designed the sheet. Worked
example in tests/test_shopping.py."""

from dataclasses import dataclass

from django.db.models import Count, Sum

from .models import ShoppingExercise, ShoppingScore


@dataclass(frozen=True)
class QuestionScore:
    text: str
    max_points: int
    points: int
    possible: int

    @property
    def percentage(self) -> float | None:
        return self.points * 100 / self.possible if self.possible else None


@dataclass(frozen=True)
class ExerciseScores:
    visits: int
    questions: list[QuestionScore]

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)

    @property
    def possible(self) -> int:
        return sum(q.possible for q in self.questions)

    @property
    def percentage(self) -> float | None:
        return self.points * 100 / self.possible if self.possible else None


def exercise_scores(exercise: ShoppingExercise) -> ExerciseScores:
    """Each question's share of the points available, and the whole sheet's (two queries)."""
    totals = {
        row["question"]: (row["points"], row["n"])
        for row in ShoppingScore.objects.filter(question__exercise=exercise)
        .values("question")
        .annotate(points=Sum("points"), n=Count("pk"))
        .order_by()
    }
    questions = []
    for question in exercise.questions.all():
        points, scored = totals.get(question.pk, (0, 0))
        questions.append(
            QuestionScore(question.text, question.max_points, points, scored * question.max_points)
        )
    return ExerciseScores(visits=exercise.visits.count(), questions=questions)
