"""Every change to surveys: building them, inviting households, saving and sending answers."""

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.database import forget_old_versions
from tenantry.core.figures import number_text
from tenantry.core.history import named
from tenantry.core.models import User
from tenantry.homes.models import Household
from tenantry.organisations.audit import Action, record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from . import codes, library, selectors
from . import permissions as can
from .models import Answer, Choice, Draft, Invitation, Mode, Question, Response, Section, Survey
from .questionnaire import Answers, Questionnaire, clean_value, is_answered
from .sampling import stratified_sample

# --- Building a survey -----------------------------------------------------------------------


@transaction.atomic
def create_survey(
    *,
    organisation: Organisation,
    by: User,
    title: str = "",
    template: str = "",
    name: str = "",
    service: str = "",
) -> Survey:
    """A new survey in draft, blank or from a ready-made template.

    `name` replaces {name} in a template's texts (the organisation's name by default) and
    `service` replaces {service} (the service under review).
    """
    require(can.can_build_surveys, user=by, organisation=organisation)
    spec = library.TEMPLATES.get(template) if template else None
    if template and spec is None:
        raise ValidationError({"template": _("There is no template called %s.") % template})
    name = name.strip() or organisation.name
    service = service.strip() or _("housing")

    def fill(text: str) -> str:
        return text.replace("{name}", name).replace("{service}", service)

    def welsh(text, written: str = "") -> dict:
        return {"cy": fill(cy)} if (cy := library.welsh(text, written)) else {}

    survey = Survey(organisation=organisation, created_by=by, template=template)
    if spec:
        survey.title = title.strip() or fill(library.english(spec.title))
        survey.title_translations = {} if title.strip() else welsh(spec.title, spec.title_cy)
        survey.intro = fill(library.english(spec.intro))
        survey.intro_translations = welsh(spec.intro, spec.intro_cy)
        survey.languages = list(spec.languages)
        survey.anonymity = spec.anonymity
    else:
        survey.title = title.strip()
    survey.full_clean()
    survey.save()
    _audit(survey, by, Action.CREATED)
    if spec is None:
        return survey

    by_code: dict[str, Question] = {}
    for section_order, section_spec in enumerate(spec.sections):
        section = Section.objects.create(
            survey=survey,
            title=library.english(section_spec.title),
            title_translations=welsh(section_spec.title, section_spec.cy),
            order=section_order,
        )
        for order, q in enumerate(section_spec.questions):
            condition = by_code[q.show_if[0]] if q.show_if else None
            question = Question(
                survey=survey,
                section=section,
                order=order,
                kind=q.kind,
                code=q.code,
                text=fill(library.english(q.text)),
                text_translations=welsh(q.text, q.cy),
                help=fill(library.english(q.help)) if q.help else "",
                help_translations=welsh(q.help) if q.help else {},
                required=q.required,
                offers_dont_know=q.offers_dont_know,
                show_if_question=condition,
                show_if_values=list(q.show_if[1]) if q.show_if else [],
                profile_field=q.profile_field,
            )
            question.full_clean()
            question.save()
            choices = q.choices or library.scale_choices(q.kind, q.offers_dont_know)
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    value=choice.value,
                    label=library.english(choice.label),
                    label_translations=_welsh_choice(q, choice),
                    order=index,
                )
                for index, choice in enumerate(choices)
            )
            by_code[q.code] = question
    return survey


def _welsh_choice(question: library.QuestionSpec, choice: library.ChoiceSpec) -> dict:
    cy = question.choice_cy.get(choice.value) or library.welsh(choice.label, choice.cy)
    return {"cy": cy} if cy else {}


@transaction.atomic
def save_survey(*, survey: Survey, by: User, viewers: Iterable[User] | None = None) -> Survey:
    """Save a survey's settings; `viewers` are who may see who answered a confidential one."""
    require(can.can_build_surveys, user=by, organisation=survey.organisation)
    if survey.pk:
        before = Survey.objects.select_for_update().get(pk=survey.pk)
        if before.status != Survey.Status.DRAFT and before.anonymity != survey.anonymity:
            # Promised anonymity cannot be taken back, nor added to answers already linked.
            raise ValidationError(
                {"anonymity": _("Anonymity cannot change once people can answer.")}
            )
    survey.languages = sorted({code for code in survey.languages if code and code != "en"})
    created = survey.pk is None
    survey.full_clean()
    survey.save()
    _audit(survey, by, Action.CREATED if created else Action.CHANGED)
    if viewers is not None:
        survey.confidential_viewers.set(viewers if survey.anonymity == "confidential" else [])
    return survey


def _audit(obj: Survey | Section | Question, by: User | None, action: str) -> None:
    """One audit entry for a change to building or running a survey. Never for answering one:
    see `organisations.audit.record_change`."""
    survey = obj if isinstance(obj, Survey) else obj.survey
    record_change(
        organisation=survey.organisation,
        by=by,
        action=action,
        what=named(obj),
        detail="" if obj is survey else named(survey),
    )


def _check_editable(survey: Survey) -> None:
    if not survey.is_editable:
        raise ValidationError(
            _(
                "This survey is open or closed, so its questions cannot change: answers already "
                "given would no longer match them."
            )
        )


@transaction.atomic
def save_section(*, section: Section, by: User) -> Section:
    require(can.can_build_surveys, user=by, organisation=section.survey.organisation)
    _check_editable(section.survey)
    if section.pk is None:
        last = section.survey.sections.aggregate(last=Max("order"))["last"]
        section.order = 0 if last is None else last + 1
    created = section.pk is None
    section.full_clean()
    section.save()
    _audit(section, by, Action.CREATED if created else Action.CHANGED)
    return section


@transaction.atomic
def delete_section(*, section: Section, by: User) -> None:
    require(can.can_build_surveys, user=by, organisation=section.survey.organisation)
    _check_editable(section.survey)
    if section.questions.exists():
        raise ValidationError(_("Move or delete this section's questions first."))
    _audit(section, by, Action.DELETED)
    section.delete()


def _swap(siblings: list, item, up: bool) -> None:
    """Move `item` one place up or down among `siblings` (each with an `order`), renumbered."""
    index = siblings.index(item)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for order, sibling in enumerate(siblings):
        if sibling.order != order:
            sibling.order = order
            sibling.save(update_fields=["order"])


@transaction.atomic
def move_section(*, section: Section, up: bool, by: User) -> None:
    require(can.can_build_surveys, user=by, organisation=section.survey.organisation)
    _check_editable(section.survey)
    siblings = list(section.survey.sections.select_for_update().order_by("order", "pk"))
    _swap(siblings, next(s for s in siblings if s.pk == section.pk), up)
    _audit(section, by, Action.CHANGED)


def _choice_values(labels: list[str], existing: dict[str, Choice]) -> list[tuple[str, str]]:
    """(code, label) for each label: an unchanged label keeps its code, a new one gets one."""
    by_label = {choice.label: value for value, choice in existing.items()}
    taken: set[str] = set()
    pairs = []
    for index, label in enumerate(labels, start=1):
        value = by_label.get(label) or slugify(label)[:36] or f"choice-{index}"
        base, n = value, 2
        while value in taken:
            value, n = f"{base}-{n}", n + 1
        taken.add(value)
        pairs.append((value, label))
    return pairs


@transaction.atomic
def save_question(
    *, question: Question, by: User, choice_labels: list[str] | None = None
) -> Question:
    """Save a question and its answer choices: a scale's fixed ones, or `choice_labels`."""
    require(can.can_build_surveys, user=by, organisation=question.survey.organisation)
    _check_editable(question.survey)
    if question.pk is None:
        siblings = question.survey.questions.filter(section=question.section)
        last = siblings.aggregate(last=Max("order"))["last"]
        question.order = 0 if last is None else last + 1
    if not question.show_if_question_id:
        question.show_if_values = []
    if question.kind != Question.Kind.NUMBER:
        question.number_min = question.number_max = None
    if question.kind not in (Question.Kind.SATISFACTION, Question.Kind.AGREEMENT):
        question.offers_dont_know = False
    question.full_clean()
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        labels = [label.strip() for label in (choice_labels or []) if label.strip()]
        if len(labels) < 2:
            raise ValidationError({"choices": _("Write at least two answers to choose from.")})
    created = question.pk is None
    question.save()
    _audit(question, by, Action.CREATED if created else Action.CHANGED)

    existing = {choice.value: choice for choice in question.choices.all()}
    if question.kind in Question.SCALES:
        wanted = [
            (spec.value, library.english(spec.label))
            for spec in library.scale_choices(question.kind, question.offers_dont_know)
        ]
    elif question.has_choices:
        wanted = _choice_values(labels, existing)
    else:
        wanted = []
    keep = {value for value, _label in wanted}
    question.choices.exclude(value__in=keep).delete()
    for order, (value, label) in enumerate(wanted):
        choice = existing.get(value) or Choice(question=question, value=value)
        if choice.label != label:
            cy = _scale_welsh(value, question.kind) if question.kind in Question.SCALES else ""
            choice.label_translations = {"cy": cy} if cy else {}
        choice.label, choice.order = label, order
        choice.full_clean()
        choice.save()
    # Questions shown only after a removed answer lose that answer from their rule.
    for dependant in question.dependants.all():
        values = [value for value in dependant.show_if_values if value in keep]
        if values != dependant.show_if_values:
            dependant.show_if_values = values
            if not values:
                dependant.show_if_question = None
            dependant.save(update_fields=["show_if_values", "show_if_question"])
    return question


def _scale_welsh(value: str, kind: str) -> str:
    for spec in library.scale_choices(kind, True):
        if spec.value == value:
            return library.welsh(spec.label, spec.cy)
    return ""


@transaction.atomic
def delete_question(*, question: Question, by: User) -> None:
    require(can.can_build_surveys, user=by, organisation=question.survey.organisation)
    _check_editable(question.survey)
    question.dependants.update(show_if_question=None, show_if_values=[])
    _audit(question, by, Action.DELETED)
    question.delete()


@transaction.atomic
def move_question(*, question: Question, up: bool, by: User) -> None:
    require(can.can_build_surveys, user=by, organisation=question.survey.organisation)
    _check_editable(question.survey)
    siblings = list(
        question.survey.questions.select_for_update()
        .filter(section=question.section)
        .order_by("order", "pk")
    )
    _swap(siblings, next(q for q in siblings if q.pk == question.pk), up)
    _audit(question, by, Action.CHANGED)


def _set(translations: dict, language: str, text: str) -> dict:
    updated = {code: value for code, value in translations.items() if code != language}
    if text.strip():
        updated[language] = text.strip()
    return updated


@transaction.atomic
def save_translations(*, survey: Survey, language: str, texts: dict[str, str], by: User) -> None:
    """Store one language's texts. Keys: title, intro, section-<pk>, question-<pk>,
    help-<pk> and choice-<pk>; a blank text removes that translation.

    Translations may change while a survey is open: they change no answer's meaning.
    """
    require(can.can_build_surveys, user=by, organisation=survey.organisation)
    if language == "en" or not language:
        raise ValidationError(_("English is the survey's own language."))
    survey.title_translations = _set(survey.title_translations, language, texts.get("title", ""))
    survey.intro_translations = _set(survey.intro_translations, language, texts.get("intro", ""))
    survey.save(update_fields=["title_translations", "intro_translations"])
    _audit(survey, by, Action.CHANGED)
    for section in survey.sections.all():
        section.title_translations = _set(
            section.title_translations, language, texts.get(f"section-{section.pk}", "")
        )
        section.save(update_fields=["title_translations"])
    for question in survey.questions.prefetch_related("choices"):
        question.text_translations = _set(
            question.text_translations, language, texts.get(f"question-{question.pk}", "")
        )
        question.help_translations = _set(
            question.help_translations, language, texts.get(f"help-{question.pk}", "")
        )
        question.save(update_fields=["text_translations", "help_translations"])
        for choice in question.choices.all():
            choice.label_translations = _set(
                choice.label_translations, language, texts.get(f"choice-{choice.pk}", "")
            )
            choice.save(update_fields=["label_translations"])


@transaction.atomic
def open_survey(*, survey: Survey, by: User) -> Survey:
    require(can.can_build_surveys, user=by, organisation=survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == Survey.Status.OPEN:
        return survey
    questions = list(survey.questions.prefetch_related("choices"))
    if not questions:
        raise ValidationError(_("Add at least one question before opening the survey."))
    for question in questions:
        if question.has_choices and len(question.choices.all()) < 2:
            raise ValidationError(
                _("“%(question)s” needs at least two answers to choose from.")
                % {"question": question.text}
            )
    survey.status = Survey.Status.OPEN
    survey.save(update_fields=["status"])
    _audit(survey, by, Action.OPENED)
    return survey


@transaction.atomic
def close_survey(*, survey: Survey, by: User) -> Survey:
    require(can.can_build_surveys, user=by, organisation=survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status"])
    _audit(survey, by, Action.CLOSED)
    return survey


@transaction.atomic
def delete_survey(*, survey: Survey, by: User) -> None:
    """Only a survey nobody has answered can go."""
    require(can.can_build_surveys, user=by, organisation=survey.organisation)
    if survey.responses.exists():
        raise ValidationError(_("People have answered this survey, so it cannot be deleted."))
    _audit(survey, by, Action.DELETED)
    survey.delete()


# --- Inviting households ---------------------------------------------------------------------


def invitation_code(invitation: Invitation) -> str:
    """The household's personal code, e.g. KXPT-M4RW-9QZD, derived again for each letter.

    Only its hash is stored, so the database alone cannot answer for anyone. If the server's
    secret key has changed since the invitation was made, the code is issued afresh (and
    letters printed before no longer work).
    """
    code = codes.derive(invitation.salt)
    if codes.hash_code(code) != invitation.token_hash:
        invitation.salt = secrets.token_urlsafe(12)
        code = codes.derive(invitation.salt)
        invitation.token_hash = codes.hash_code(code)
        invitation.save(update_fields=["salt", "token_hash"])
    return code


def _new_invitation(survey: Survey, household_id: int, estate_id: int) -> Invitation:
    salt = secrets.token_urlsafe(12)
    return Invitation(
        survey=survey,
        household_id=household_id,
        estate_id=estate_id,
        salt=salt,
        token_hash=codes.hash_code(codes.derive(salt)),
    )


@transaction.atomic
def invite_households(
    *, survey: Survey, by: User, sample_size: int | None = None, seed: int | None = None
) -> int:
    """Invite every current household (a census), or a random sample stratified by estate.

    A census can be run again to add households that have moved in since; a sample is drawn
    once, with its seed recorded so the draw can be repeated and checked.
    """
    require(can.can_do_survey_fieldwork, user=by, organisation=survey.organisation)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.invited_on and survey.sample_size is not None:
        raise ValidationError(_("The sample has been drawn already."))
    if survey.invited_on and sample_size is not None:
        raise ValidationError(_("Every household has been invited already."))
    population = selectors.population(organisation=survey.organisation)
    estate_of = {pk: estate_id for estate_id, pks in population.items() for pk in pks}
    if sample_size is None:
        chosen = list(estate_of)
    else:
        if sample_size < 1:
            raise ValidationError({"sample_size": _("A sample needs at least one household.")})
        seed = secrets.randbelow(1_000_000) if seed is None else seed
        chosen = stratified_sample(
            {str(estate): pks for estate, pks in population.items()}, sample_size, seed
        )
        survey.sample_size, survey.sample_seed = sample_size, seed
    already = set(survey.invitations.values_list("household_id", flat=True))
    new = [_new_invitation(survey, pk, estate_of[pk]) for pk in chosen if pk not in already]
    Invitation.objects.bulk_create(new, batch_size=500)
    survey.invited_on = timezone.localdate()
    survey.save(update_fields=["sample_size", "sample_seed", "invited_on"])
    # One entry for the batch: how many, never which households.
    record_change(
        organisation=survey.organisation,
        by=by,
        action=Action.INVITED,
        what=named(survey),
        detail=ngettext("%(count)s household", "%(count)s households", len(new))
        % {"count": number_text(len(new))},
    )
    return len(new)


# --- Answering -------------------------------------------------------------------------------


@transaction.atomic
def start_draft(
    *, invitation: Invitation, mode: str, language: str, by: User | None = None
) -> Draft:
    """The answers so far that whoever is answering may continue (`selectors.own_draft`), or
    a new empty draft. For a confidential or named survey an interviewer takes over a draft
    the household began online, keeping its answers; for an anonymous one, never."""
    # `by` is None for a resident answering online with their code: no role is needed.
    require(can.can_do_survey_fieldwork, user=by, organisation=invitation.survey.organisation)
    Invitation.objects.select_for_update().get(pk=invitation.pk)
    draft = selectors.own_draft(invitation=invitation, by=by)
    if draft is None:
        draft = Draft(invitation=invitation, mode=mode, language=language, entered_by=by)
        draft.full_clean()
        draft.save()
    if (draft.mode, draft.language, draft.entered_by_id) != (mode, language, by and by.pk):
        draft.mode, draft.language, draft.entered_by = mode, language, by
        draft.full_clean()
        draft.save()
    return draft


@transaction.atomic
def save_answer(*, draft: Draft, question_pk: int, value) -> Draft:
    """Keep one answer the moment it is given, so a dropped connection loses nothing."""
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    key = str(question_pk)
    if is_answered(value):
        draft.answers[key] = value
    else:
        draft.answers.pop(key, None)
    draft.save(update_fields=["answers"])
    return draft


@transaction.atomic
def set_draft_language(*, draft: Draft, language: str) -> Draft:
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    draft.language = language
    draft.save(update_fields=["language"])
    return draft


def duplicate_message() -> str:
    return _(
        "This household has already answered this survey. Each household can answer once, "
        "so these answers were not added."
    )


def _consume(invitation: Invitation, survey: Survey) -> None:
    """Count a response against the invitation, refusing a second when only one is allowed.

    One conditional UPDATE: of two people sending at the same moment, only one succeeds.
    """
    invitations = Invitation.objects.filter(pk=invitation.pk)
    if survey.one_response_per_household:
        invitations = invitations.filter(responses=0)
    if invitations.update(responses=F("responses") + 1) != 1:
        raise ValidationError(duplicate_message(), code="duplicate")


def _answer_rows(questionnaire: Questionnaire, answers: Answers) -> list[Answer]:
    rows = []
    for key, value in questionnaire.final(answers).items():
        item = questionnaire.item(int(key))
        question = item.question
        if question.has_choices:
            allowed = {choice.value for choice in item.choices}
            codes = value if isinstance(value, list) else [value]
            if not set(codes) <= allowed:
                raise ValidationError(
                    _("“%(question)s” has an answer that is not one of its choices.")
                    % {"question": question.text}
                )
            rows.extend(Answer(question=question, value=code) for code in codes)
        elif question.kind == Question.Kind.NUMBER:
            rows.append(Answer(question=question, number=int(value)))
        else:
            rows.append(Answer(question=question, text=str(value)))
    return rows


def _record(
    *,
    survey: Survey,
    invitation: Invitation | None,
    mode: str,
    language: str,
    answers: Answers,
    by: User | None,
    estate_id: int | None = None,
    require_answers: bool = True,
) -> Response:
    # The household first: a second response is refused as such, whatever it holds. The
    # caller's transaction undoes the count if the answers are then refused.
    household = None
    stock_type = ""
    if invitation is not None:
        _consume(invitation, survey)
        invited = Household.objects.select_related("home").get(pk=invitation.household_id)
        estate_id, stock_type = invitation.estate_id, invited.home.stock_type
        if not survey.is_anonymous:
            household = invited
    elif survey.one_response_per_household:
        raise ValidationError(
            _("Enter the household's code, so we can check it has not answered already."),
            code="code_needed",
        )
    questionnaire = Questionnaire(survey)
    if require_answers and (missing := questionnaire.missing(answers)):
        raise ValidationError(
            _("Question %(number)d needs an answer.") % {"number": missing[0].number},
            code="missing",
        )
    rows = _answer_rows(questionnaire, answers)
    if not rows:
        raise ValidationError(_("There are no answers to send."), code="empty")
    response = Response(
        survey=survey,
        mode=mode,
        language=language,
        estate_id=estate_id,
        stock_type=stock_type,
        household=household,
        # Not for an anonymous survey: who interviewed, with the day, says whose door it was.
        entered_by=None if survey.is_anonymous else by,
        submitted_on=timezone.localdate(),
    )
    response.full_clean()
    response.save()
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    return response


@transaction.atomic
def submit_draft(*, draft: Draft, by: User | None = None) -> Response:
    """Send a draft's answers: the response is made and the draft deleted, together.

    For an anonymous survey nothing of the draft or invitation goes into the response.
    """
    require(can.can_do_survey_fieldwork, user=by, organisation=draft.invitation.survey.organisation)
    draft = Draft.objects.select_for_update().select_related("invitation__survey").get(pk=draft.pk)
    invitation = draft.invitation
    survey = invitation.survey
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("This survey is closed."), code="closed")
    response = _record(
        survey=survey,
        invitation=invitation,
        mode=draft.mode,
        language=draft.language,
        answers=draft.answers,
        by=by or draft.entered_by,
    )
    draft.delete()
    if survey.one_response_per_household:
        # Whatever else was begun for the household can no longer be sent.
        Draft.objects.filter(invitation=invitation).delete()
    if survey.is_anonymous:
        forget_old_versions()
    return response


@transaction.atomic
def enter_paper_response(
    *,
    survey: Survey,
    by: User,
    answers: Answers,
    language: str = "en",
    invitation: Invitation | None = None,
    estate_id: int | None = None,
) -> Response:
    """Key in a questionnaire returned on paper, as written: unanswered questions stay blank."""
    require(can.can_do_survey_fieldwork, user=by, organisation=survey.organisation)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("This survey is closed."), code="closed")
    if invitation is not None:
        Draft.objects.filter(invitation=invitation).delete()
    if survey.is_anonymous:
        forget_old_versions()
    return _record(
        survey=survey,
        invitation=invitation,
        mode=Mode.PAPER,
        language=language,
        answers=answers,
        by=by,
        estate_id=estate_id,
        require_answers=False,
    )


def clean_answers(questionnaire: Questionnaire, raw: dict) -> Answers:
    """Answers from a form's cleaned data (keys "q-<pk>"), normalised and without blanks."""
    answers: Answers = {}
    for item in questionnaire:
        value = clean_value(item, raw.get(f"q-{item.question.pk}"))
        if value is not None:
            answers[str(item.question.pk)] = value
    return answers
