"""Importing a survey contractor's respondent-level results: one row per respondent.

The file is a CSV or XLSX workbook (read by the same reader as the service-record imports).
Its header row names each column. A column is matched to:

- a question of the survey, by its code ("TP01"), its number ("Q3" or "3") or its full
  wording; or by a mapping the person importing gives ("Overall sat = TP01");
- or one of the columns Tenantry knows: `reference` (the contractor's own reference for the
  respondent: required, so importing the same file twice adds nothing the second time),
  `estate` (the landlord's estate reference or the estate's name), `mode` (how the answers
  were collected: telephone, internet, face to face, postal, SMS, other), `language` (a code
  such as en or cy), `date` (when the answers were given), `stock_type` (lcra or lcho) and,
  for a named or confidential survey only, `household` (the tenancy reference).

Answers may be the answer codes (`very_satisfied`) or the answers as worded (`Very
satisfied`), in English or a translation the survey holds. Several answers to a "choose any"
question are separated by ";". "Don't know", "not applicable" and "refused" written against a
question that does not offer them are left blank: the TSM rules count them nowhere.

All or nothing, as every import: each row is checked first; if any row has a problem, nothing
is saved and every problem is reported with its line number, column and reason. Answers to a
question the respondent's earlier answers skip (a TP02 answer from someone who had no repair)
are left out, exactly as the survey itself would have skipped the question, and counted.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.homes.models import StockType
from tenantry.homes.selectors import estates_of
from tenantry.organisations.permissions import require
from tenantry.records.imports.limits import MAX_PROBLEMS
from tenantry.records.imports.readers import FileProblem, open_table
from tenantry.records.imports.values import Bad, integer_parser, normalise, parse_date

from . import permissions as can
from . import selectors
from .models import Answer, Invitation, Mode, Question, Response, Survey
from .questionnaire import Item, Questionnaire

ANSWER_SEPARATORS = re.compile(r"\s*[;|]\s*")

# Tenantry's own columns, and the headers taken to mean them.
SPECIAL = {
    "reference": {"reference", "respondent", "respondent id", "respondent reference", "id",
                  "serial", "unique id", "urn"},
    "estate": {"estate", "estate reference", "estate name", "scheme"},
    "mode": {"mode", "method", "survey method", "collection method"},
    "language": {"language", "language code"},
    "date": {"date", "interview date", "completed", "date completed", "completed on"},
    "stock_type": {"stock type", "stock"},
    "household": {"household", "tenancy", "tenancy reference", "account", "household reference"},
}  # fmt: skip
SPECIAL_NAMES = {name: name for name in SPECIAL} | {
    header: name for name, headers in SPECIAL.items() for header in headers
}

MODES = {
    "web": Mode.WEB, "online": Mode.WEB, "internet": Mode.WEB, "website": Mode.WEB,
    "email": Mode.WEB, "door": Mode.DOOR, "face to face": Mode.DOOR, "facetoface": Mode.DOOR,
    "in person": Mode.DOOR, "doorstep": Mode.DOOR, "phone": Mode.PHONE,
    "telephone": Mode.PHONE, "tel": Mode.PHONE, "paper": Mode.PAPER, "postal": Mode.PAPER,
    "post": Mode.PAPER, "sms": Mode.SMS, "text": Mode.SMS, "text message": Mode.SMS,
    "other": Mode.OTHER,
}  # fmt: skip
STOCK_TYPES = {
    "lcra": StockType.LOW_COST_RENTAL, "low cost rental": StockType.LOW_COST_RENTAL,
    "rent": StockType.LOW_COST_RENTAL, "lcho": StockType.LOW_COST_HOME_OWNERSHIP,
    "low cost home ownership": StockType.LOW_COST_HOME_OWNERSHIP,
    "shared ownership": StockType.LOW_COST_HOME_OWNERSHIP,
}  # fmt: skip
YES_NO_WORDS = {"y": "yes", "true": "yes", "1": "yes", "n": "no", "false": "no", "0": "no"}
NOT_AN_ANSWER = {"don't know", "dont know", "don’t know", "dk", "not applicable", "n a", "n/a",
                 "na", "refused", "prefer not to say", "not applicable or don't know"}  # fmt: skip
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)?")


@dataclass(frozen=True)
class Problem:
    line: int | None  # the spreadsheet's line: the header is line 1
    column: str
    reason: str


@dataclass
class Outcome:
    """What an import did, or (when checking only, or refused) would have done."""

    rows: int = 0
    created: int = 0
    already: int = 0  # rows whose reference was imported before: left as they are
    skipped_answers: int = 0  # answers to questions the respondent's answers skip
    blanked: int = 0  # "don't know" and the like where the question does not offer it
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    columns: list[tuple[str, str]] = field(default_factory=list)  # (header, what it is)
    dry_run: bool = False

    @property
    def accepted(self) -> bool:
        return self.problem_count == 0

    def add(self, line: int | None, column: str, reason: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, column, reason))


@dataclass
class _Row:
    line: int
    reference: str
    estate_id: int | None
    mode: str
    language: str
    submitted_on: date
    stock_type: str
    household_id: int | None
    answers: dict[str, object]


def parse_mapping(text: str) -> dict[str, str]:
    """Lines "header = code" as {header: code}; raises ValueError naming a line without "="."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        header, sep, target = line.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise ValueError(
                _("Line %(number)s of the mapping is not “column header = question code”.")
                % {"number": number}
            )
        mapping[header.strip()] = target.strip()
    return mapping


class _Columns:
    """Which column holds what: a question or one of Tenantry's own columns."""

    def __init__(self, questionnaire: Questionnaire, header: list[str], mapping, outcome):
        items = list(questionnaire)
        by_key: dict[str, Item] = {}
        for item in items:
            question = item.question
            for key in (question.code, f"q{item.number}", str(item.number), question.text):
                if key:
                    by_key.setdefault(normalise(key), item)
        mapped = {normalise(h): t for h, t in (mapping or {}).items()}
        self.questions: dict[int, Item] = {}  # column index → question
        self.special: dict[str, int] = {}  # Tenantry's column name → column index
        taken: dict[str, str] = {}  # what a column is → the header that holds it
        for index, heading in enumerate(header):
            if not heading.strip():
                continue
            key = normalise(mapped.get(normalise(heading), heading))
            item = by_key.get(key)
            special = SPECIAL_NAMES.get(key)
            if item is None and special is None:
                if normalise(heading) in mapped:
                    reason = _("is mapped to %(target)s, which is not a question of this survey")
                    reason %= {"target": mapped[normalise(heading)]}
                else:
                    reason = _(
                        "is not a question of this survey (by code, number or wording) nor a "
                        "column Tenantry knows: map it to a question, or remove it"
                    )
                outcome.add(1, heading, reason)
                continue
            what = f"question {item.question.pk}" if item else special
            if what in taken:
                outcome.add(
                    1,
                    heading,
                    _("holds the same thing as the column “%(other)s”") % {"other": taken[what]},
                )
                continue
            taken[what] = heading
            if item is not None:
                self.questions[index] = item
                name = item.question.code or _("question %(number)s") % {"number": item.number}
                outcome.columns.append((heading, name))
            else:
                self.special[special] = index
                outcome.columns.append((heading, special))
        if "reference" not in self.special:
            outcome.add(
                1,
                "reference",
                _(
                    "is missing: the file needs a column of the contractor's reference for each "
                    "respondent, so that importing it again adds nothing twice"
                ),
            )
        if not self.questions:
            outcome.add(1, "", _("No column is a question of this survey."))


def _choice_lookup(item: Item) -> tuple[dict[str, str], str]:
    lookup: dict[str, str] = {}
    for choice in item.choices:
        for label in (choice.label, *choice.label_translations.values()):
            if label:
                lookup.setdefault(normalise(label), choice.value)
    for choice in item.choices:
        lookup[normalise(choice.value)] = choice.value
    if "dont_know" in lookup.values():
        for word in NOT_AN_ANSWER:
            lookup.setdefault(normalise(word), "dont_know")
    if item.question.kind == Question.Kind.YES_NO:
        for word, value in YES_NO_WORDS.items():
            lookup.setdefault(word, value)
    return lookup, ", ".join(choice.value for choice in item.choices)


class _Reader:
    """Turns one row's cells into a response's values, or problems."""

    def __init__(
        self, survey: Survey, questionnaire: Questionnaire, columns: _Columns, header: list[str]
    ):
        self.survey = survey
        self.header = header
        self.questionnaire = questionnaire
        self.columns = columns
        self.lookups = {index: _choice_lookup(item) for index, item in columns.questions.items()}
        self.numbers = {
            index: integer_parser(
                minimum=item.question.number_min, maximum=item.question.number_max
            )
            for index, item in columns.questions.items()
            if item.question.kind == Question.Kind.NUMBER
        }
        self.estates: dict[str, int] = {}
        for estate in estates_of(organisation=survey.organisation):
            self.estates.setdefault(normalise(estate.name), estate.pk)
            self.estates[normalise(estate.reference)] = estate.pk
        self.households: dict[str, tuple[int, int, str]] = {}
        if "household" in columns.special:
            for pk, reference, estate_id, stock_type in selectors.current_households(
                organisation=survey.organisation
            ).values_list("pk", "reference", "home__estate_id", "home__stock_type"):
                self.households[normalise(reference)] = (pk, estate_id, stock_type)
        self.today = timezone.localdate()

    def cell(self, cells: list[str], name: str) -> str:
        index = self.columns.special.get(name)
        if index is None or index >= len(cells):
            return ""
        return (cells[index] or "").strip()

    def read(self, line: int, cells: list[str], outcome: Outcome) -> _Row | None:
        problems_before = outcome.problem_count
        header = self.columns

        def bad(name: str, reason: str) -> None:
            index = header.special.get(name)
            outcome.add(line, name if index is None else self.heading(index), reason)

        reference = self.cell(cells, "reference")
        if not reference:
            bad("reference", _("is empty: every respondent needs the contractor's reference"))
        elif len(reference) > Response._meta.get_field("source_reference").max_length:
            bad("reference", _("is longer than 60 characters"))

        estate_id = household_id = None
        stock_type = ""
        if text := self.cell(cells, "household"):
            found = self.households.get(normalise(text))
            if found is None:
                reason = _("%(value)s is not a household living in the homes now")
                bad("household", reason % {"value": text})
            else:
                household_id, estate_id, stock_type = found
        if text := self.cell(cells, "estate"):
            estate_id = self.estates.get(normalise(text))
            if estate_id is None:
                reason = _("%(value)s is not one of this organisation's estates")
                bad("estate", reason % {"value": text})
        mode = Mode.OTHER
        if text := self.cell(cells, "mode"):
            mode = MODES.get(normalise(text)) or MODES.get(normalise(text).replace(" ", ""))
            if mode is None:
                reason = _(
                    "%(value)s is not a way of answering: use telephone, internet, face to "
                    "face, postal, SMS or other"
                )
                bad("mode", reason % {"value": text})
        language = "en"
        if text := self.cell(cells, "language"):
            language = text.lower()
            if not LANGUAGE_CODE.fullmatch(language):
                reason = _("%(value)s is not a language code such as en or cy")
                bad("language", reason % {"value": text})
        submitted_on = self.today
        if text := self.cell(cells, "date"):
            try:
                submitted_on = parse_date(text)
            except Bad as error:
                bad("date", str(error))
            else:
                if submitted_on > self.today:
                    bad("date", _("%(value)s is in the future") % {"value": text})
        if text := self.cell(cells, "stock_type"):
            stock_type = STOCK_TYPES.get(normalise(text), "")
            if not stock_type:
                bad("stock_type", _("%(value)s is not lcra or lcho") % {"value": text})

        answers: dict[str, object] = {}
        for index, item in header.questions.items():
            text = (cells[index] if index < len(cells) else "").strip()
            if not text:
                continue
            question = item.question
            try:
                value = self._answer(index, item, text, outcome)
            except Bad as error:
                outcome.add(line, self.heading(index), str(error))
                continue
            if value is not None:
                answers[str(question.pk)] = value
        if outcome.problem_count > problems_before:
            return None
        return _Row(
            line=line,
            reference=reference,
            estate_id=estate_id,
            mode=mode,
            language=language,
            submitted_on=submitted_on,
            stock_type=stock_type,
            household_id=household_id,
            answers=answers,
        )

    def heading(self, index: int) -> str:
        return self.header[index] if index < len(self.header) else ""

    def _answer(self, index: int, item: Item, text: str, outcome: Outcome):
        question = item.question
        if question.kind == Question.Kind.NUMBER:
            return self.numbers[index](text)
        if question.kind == Question.Kind.TEXT:
            return text
        lookup, shown = self.lookups[index]
        parts = ANSWER_SEPARATORS.split(text) if question.kind == Question.Kind.MULTIPLE else [text]
        codes = []
        for part in filter(None, parts):
            code = lookup.get(normalise(part))
            if code is None and normalise(part) in {normalise(w) for w in NOT_AN_ANSWER}:
                outcome.blanked += 1
                continue
            if code is None:
                raise Bad(
                    _("%(value)s is not one of: %(choices)s") % {"value": part, "choices": shown}
                )
            if code not in codes:
                codes.append(code)
        if not codes:
            return None
        if question.kind == Question.Kind.MULTIPLE:
            order = [choice.value for choice in item.choices]
            return sorted(codes, key=order.index)
        if len(codes) > 1:
            raise Bad(_("has more than one answer, but the question takes one"))
        return codes[0]


def check_file(
    *,
    survey: Survey,
    stream: IO[bytes],
    filename: str,
    mapping: Mapping[str, str] | None = None,
) -> tuple[Outcome, list[_Row]]:
    """Read and check every row; nothing is saved. Rows are returned only if all are good."""
    outcome = Outcome()
    if survey.status == Survey.Status.DRAFT:
        reason = _(
            "Open the survey before importing answers: its questions can still change while it "
            "is being written."
        )
        outcome.add(None, "", reason)
        return outcome, []
    try:
        table = open_table(stream, filename)
    except FileProblem as error:
        outcome.add(None, "", str(error))
        return outcome, []
    questionnaire = Questionnaire(survey)
    columns = _Columns(questionnaire, table.header, mapping, outcome)
    if "household" in columns.special and survey.is_anonymous:
        reason = _(
            "This survey is anonymous: its answers cannot be linked to households. Remove this "
            "column."
        )
        outcome.add(1, table.header[columns.special["household"]], reason)
    if not outcome.accepted:
        return outcome, []
    reader = _Reader(survey, questionnaire, columns, table.header)
    seen_references: dict[str, int] = {}
    seen_households: dict[int, int] = {}
    imported = set(
        survey.responses.exclude(source_reference="").values_list("source_reference", flat=True)
    )
    answered_households = set()
    if "household" in columns.special and survey.one_response_per_household:
        answered_households = set(
            survey.responses.filter(household__isnull=False).values_list("household_id", flat=True)
        ) | set(survey.invitations.filter(responses__gt=0).values_list("household_id", flat=True))
    rows: list[_Row] = []
    try:
        for line, cells in table.rows:
            if outcome.problem_count > MAX_PROBLEMS:
                break  # enough to fix first: the rest is not read
            if not any((cell or "").strip() for cell in cells):
                continue  # a blank line
            outcome.rows += 1
            reference = reader.cell(cells, "reference")
            if reference in seen_references:
                reason = _("%(value)s is also on line %(line)s")
                outcome.add(
                    line,
                    reader.heading(columns.special["reference"]),
                    reason % {"value": reference, "line": seen_references[reference]},
                )
                continue
            if reference:
                seen_references[reference] = line
            row = reader.read(line, cells, outcome)
            if row is None:
                continue
            if row.reference in imported:
                outcome.already += 1
                continue
            if row.household_id is not None and survey.one_response_per_household:
                heading = reader.heading(columns.special["household"])
                if row.household_id in seen_households:
                    reason = _(
                        "this household is also on line %(line)s: each household answers once"
                    )
                    outcome.add(line, heading, reason % {"line": seen_households[row.household_id]})
                    continue
                if row.household_id in answered_households:
                    outcome.add(line, heading, _("this household has already answered this survey"))
                    continue
                seen_households[row.household_id] = line
            final = questionnaire.final(row.answers)
            outcome.skipped_answers += len(row.answers) - len(final)
            row.answers = final
            if not final:
                outcome.add(line, "", _("has no answers"))
                continue
            rows.append(row)
    except FileProblem as error:
        outcome.add(None, "", str(error))
    if not outcome.accepted:
        return outcome, []
    return outcome, rows


@transaction.atomic
def import_responses(
    *,
    survey: Survey,
    stream: IO[bytes],
    filename: str,
    by: User | None,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> Outcome:
    """Check a contractor's file and, if every row is good (and not `dry_run`), save it all."""
    require(can.can_import_survey_responses, user=by, organisation=survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)  # one import at a time
    outcome, rows = check_file(survey=survey, stream=stream, filename=filename, mapping=mapping)
    outcome.dry_run = dry_run
    if not outcome.accepted or not rows:
        return outcome
    outcome.created = len(rows)
    if dry_run:
        return outcome
    questions = {str(item.question.pk): item.question for item in Questionnaire(survey)}
    anonymous = survey.is_anonymous
    # Each value was checked above, against the same rules the model's validation applies, so
    # the rows go in with bulk_create rather than one full_clean() and save() each.
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                mode=row.mode,
                language=row.language,
                estate_id=row.estate_id,
                stock_type=row.stock_type,
                household_id=None if anonymous else row.household_id,
                entered_by=by,
                submitted_on=row.submitted_on,
                source_reference=row.reference,
            )
            for row in rows
        ],
        batch_size=1000,
    )
    answers = []
    for response, row in zip(responses, rows, strict=True):
        for key, value in row.answers.items():
            question = questions[key]
            if isinstance(value, list):
                answers += [Answer(response=response, question=question, value=v) for v in value]
            elif question.kind == Question.Kind.NUMBER:
                answers.append(Answer(response=response, question=question, number=value))
            elif question.has_choices:
                answers.append(Answer(response=response, question=question, value=value))
            else:
                answers.append(Answer(response=response, question=question, text=value))
    Answer.objects.bulk_create(answers, batch_size=5000)
    households = [row.household_id for row in rows if row.household_id is not None]
    if households:
        # The household's letter is used up, as if it had answered online.
        Invitation.objects.filter(survey=survey, household_id__in=households).update(
            responses=F("responses") + 1
        )
    return outcome
