"""A survey's questions in the order people meet them, and the rules for moving through them.

Answers travel as a dict keyed by question pk (as a string, the way JSON keeps it): a choice
code for one choice, a list of codes for several, an int for a number, a str for words. The
same rules serve a resident on a phone, an interviewer at the door, a paper form keyed in and
the builder's preview, so all four see exactly the same questions.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Choice, Question, Section, Survey

Answer = str | int | list[str]
Answers = dict[str, Answer]


def is_answered(value) -> bool:
    return value not in (None, "", [])


@dataclass(frozen=True)
class Item:
    """A question with its number in the survey and its section."""

    question: Question
    number: int
    section: Section | None
    choices: tuple[Choice, ...]


class Questionnaire:
    """All of one survey's questions, loaded once (three queries), in display order."""

    def __init__(self, survey: Survey):
        self.survey = survey
        sections = list(survey.sections.all())
        section_rank = {section.pk: rank for rank, section in enumerate(sections, start=1)}
        questions = sorted(
            survey.questions.prefetch_related("choices").select_related("section"),
            key=lambda q: (section_rank.get(q.section_id, 0), q.order, q.pk),
        )
        self.sections = sections
        self.items = [
            Item(q, number, q.section, tuple(q.choices.all()))
            for number, q in enumerate(questions, start=1)
        ]
        self._by_pk = {item.question.pk: item for item in self.items}

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def item(self, pk: int) -> Item | None:
        return self._by_pk.get(pk)

    # --- which questions a person sees ---------------------------------------------------------

    def is_visible(self, item: Item, answers: Answers) -> bool:
        """Shown unless its "show only if" answer was not given (or was itself hidden)."""
        question = item.question
        if question.show_if_question_id is None:
            return True
        condition = self._by_pk.get(question.show_if_question_id)
        if condition is None or not self.is_visible(condition, answers):
            return False
        given = answers.get(str(condition.question.pk))
        given = set(given) if isinstance(given, list) else {given}
        return bool(given & set(question.show_if_values))

    def visible(self, answers: Answers) -> list[Item]:
        return [item for item in self.items if self.is_visible(item, answers)]

    def next_item(self, after: Item | None, answers: Answers) -> Item | None:
        """The next question to show after `after` (the first when None)."""
        start = 0 if after is None else self.items.index(after) + 1
        return next((item for item in self.items[start:] if self.is_visible(item, answers)), None)

    def previous_item(self, before: Item, answers: Answers) -> Item | None:
        index = self.items.index(before)
        return next(
            (item for item in reversed(self.items[:index]) if self.is_visible(item, answers)),
            None,
        )

    def resume_at(self, answers: Answers) -> Item | None:
        """Where someone coming back continues: the first shown question still unanswered."""
        return next(
            (
                item
                for item in self.visible(answers)
                if not is_answered(answers.get(str(item.question.pk)))
            ),
            None,
        )

    def missing(self, answers: Answers) -> list[Item]:
        """Questions shown and needing an answer that have none."""
        return [
            item
            for item in self.visible(answers)
            if item.question.required and not is_answered(answers.get(str(item.question.pk)))
        ]

    def final(self, answers: Answers) -> Answers:
        """Only the answers to questions that are shown: a changed filter drops stale ones."""
        return {
            key: value
            for item in self.visible(answers)
            if is_answered(value := answers.get(key := str(item.question.pk)))
        }

    # --- answers as words ------------------------------------------------------------------------

    def answer_text(self, item: Item, value: Answer, language: str) -> str:
        if not is_answered(value):
            return ""
        if item.question.has_choices:
            labels = {choice.value: choice.label_in(language) for choice in item.choices}
            codes = value if isinstance(value, list) else [value]
            return ", ".join(labels.get(code, code) for code in codes)
        return str(value)


def clean_value(item: Item, value) -> Answer | None:
    """An answer from a form, normalised for storage; None when blank."""
    question = item.question
    if question.kind == Question.Kind.MULTIPLE:
        codes = [code for code in (value or []) if code]
        order = [choice.value for choice in item.choices]
        return sorted(set(codes), key=order.index) or None
    if question.kind == Question.Kind.NUMBER:
        return None if value in (None, "") else int(value)
    value = (value or "").strip() if isinstance(value, str) else value
    return value or None


def codes_of(item: Item) -> Iterable[str]:
    return (choice.value for choice in item.choices)
