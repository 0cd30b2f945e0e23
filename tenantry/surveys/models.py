"""Surveys: questionnaires, who was invited, and what people answered.

Anonymity is the rule that shapes these tables. A `Response` to an anonymous survey has no
household, no invitation, no interviewer, no key in order of sending and no time of day: only
the date it was sent, its estate and stock type (needed for per-estate results and for the
regulator's separate low-cost rental and shared-ownership figures), the mode and the language.
The household's `Invitation` records only *how many* responses came through it, never which,
so a link can be used once without the response pointing back at it. Answers given so far are
kept on a `Draft` against the invitation until they are sent, reachable for an anonymous survey
only by whoever is answering; sending creates the response and deletes the drafts in one
transaction. docs/privacy.md explains what this protects and what it cannot.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.homes.models import Estate, Household, StockType
from tenantry.organisations.models import Organisation

# The answer codes of the fixed scales. Results, the TSM calculation and contractor imports
# all count these codes; labels (and their translations) may change, codes never do.
SATISFACTION_SCALE = (
    ("very_satisfied", _("Very satisfied")),
    ("fairly_satisfied", _("Fairly satisfied")),
    ("neither", _("Neither satisfied nor dissatisfied")),
    ("fairly_dissatisfied", _("Fairly dissatisfied")),
    ("very_dissatisfied", _("Very dissatisfied")),
)
AGREEMENT_SCALE = (
    ("strongly_agree", _("Strongly agree")),
    ("agree", _("Agree")),
    ("neither", _("Neither agree nor disagree")),
    ("disagree", _("Disagree")),
    ("strongly_disagree", _("Strongly disagree")),
)
YES_NO = (("yes", _("Yes")), ("no", _("No")))
# Offered only where a question says so (the regulator counts it for TP05–TP08, TP11, TP12);
# never counted as satisfied or dissatisfied.
DONT_KNOW = ("dont_know", _("Not applicable or don't know"))

SATISFIED = frozenset({"very_satisfied", "fairly_satisfied"})
AGREED = frozenset({"strongly_agree", "agree"})


def random_key() -> int:
    """A primary key drawn at random, for responses and answers.

    Keys handed out in order would give the order of sending, which a log, an interviewer's
    round or a sign-in can turn into who sent which. Below 2**53 so that any JSON reader keeps
    it exactly; two draws meet about once in 2**26 rows.
    """
    return secrets.randbelow(2**53 - 1) + 1


def translated(text: str, translations: dict | None, language: str) -> str:
    """`text` in `language` when a translation is recorded, else the original (English)."""
    if translations and language in translations and translations[language].strip():
        return translations[language]
    return text


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Anonymity(models.TextChoices):
        ANONYMOUS = "anonymous", _("Anonymous")
        CONFIDENTIAL = "confidential", _("Confidential")
        NAMED = "named", _("Named")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown before the first question: why you are asking and how long it takes."),
    )
    intro_translations = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymity = models.CharField(
        _("anonymity"), max_length=12, choices=Anonymity.choices, default=Anonymity.ANONYMOUS
    )
    one_response_per_household = models.BooleanField(_("one response per household"), default=True)
    languages = models.JSONField(
        _("other languages offered"),
        default=list,
        blank=True,
        help_text=_("Language codes besides English, e.g. cy for Welsh, ar for Arabic."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    template = models.CharField(_("made from"), max_length=40, blank=True)
    confidential_viewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who may see who answered"),
        blank=True,
        related_name="confidential_surveys",
        help_text=_("Only for confidential surveys: the named staff who may see who answered."),
    )
    # Who was invited: every current household (census) or a stratified random sample of
    # `sample_size` households drawn with `sample_seed`, so the draw can be repeated.
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    sample_seed = models.BigIntegerField(_("random seed"), null=True, blank=True)
    invited_on = models.DateField(_("invitations made on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.organisation.slug, self.pk])

    def clean(self) -> None:
        if self.languages and not all(isinstance(code, str) for code in self.languages):
            raise ValidationError({"languages": _("Each language is a code such as cy.")})

    @property
    def is_anonymous(self) -> bool:
        return self.anonymity == self.Anonymity.ANONYMOUS

    @property
    def is_editable(self) -> bool:
        """Questions change only before anyone can answer: answers must match their question."""
        return self.status == self.Status.DRAFT

    def is_accepting(self, today=None) -> bool:
        """Open, and within its dates if it has them."""
        today = today or timezone.localdate()
        return (
            self.status == self.Status.OPEN
            and (self.opens_on is None or self.opens_on <= today)
            and (self.closes_on is None or today <= self.closes_on)
        )

    def language_codes(self) -> list[str]:
        """English first, then the other languages offered."""
        return ["en", *[code for code in self.languages if code != "en"]]

    def title_in(self, language: str) -> str:
        return translated(self.title, self.title_translations, language)

    def intro_in(self, language: str) -> str:
        return translated(self.intro, self.intro_translations, language)


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        return translated(self.title, self.title_translations, language)


class ProfileField(models.TextChoices):
    """What an "about you" question tells results about the person answering.

    Its answer codes are those of the matching field: EqualityProfile's age bands, disability,
    ethnic groups and genders; Resident's language codes and communication needs (the field
    names, e.g. needs_large_print, or "none"); Home's tenures.
    """

    AGE_BAND = "age_band", _("Age band")
    DISABILITY = "disability", _("Disability")
    ETHNICITY = "ethnicity", _("Ethnic group")
    GENDER = "gender", _("Gender")
    LANGUAGE = "language", _("First language")
    COMMUNICATION_NEEDS = "communication_needs", _("Communication needs")
    TENURE = "tenure", _("Tenure")


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Choose one answer")
        MULTIPLE = "multiple", _("Choose any answers that apply")
        SATISFACTION = "satisfaction", _("Satisfaction scale (very satisfied to very dissatisfied)")
        AGREEMENT = "agreement", _("Agreement scale (strongly agree to strongly disagree)")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("A number")
        TEXT = "text", _("Written answer")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SATISFACTION, Kind.AGREEMENT, Kind.YES_NO)
    SCALES = {
        Kind.SATISFACTION: SATISFACTION_SCALE,
        Kind.AGREEMENT: AGREEMENT_SCALE,
        Kind.YES_NO: YES_NO,
    }

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of answer"), max_length=12, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        help_text=_("Optional: a short code for results and imports, e.g. TP01."),
    )
    text = models.TextField(_("question"))
    text_translations = models.JSONField(default=dict, blank=True)
    help = models.TextField(_("hint"), blank=True)
    help_translations = models.JSONField(default=dict, blank=True)
    required = models.BooleanField(_("an answer is needed"), default=True)
    offers_dont_know = models.BooleanField(
        _("offer “not applicable or don't know”"),
        default=False,
        help_text=_("Never counted as satisfied or dissatisfied."),
    )
    show_if_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if the answer to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )
    show_if_values = models.JSONField(
        _("is one of"), default=list, blank=True
    )  # answer codes of `show_if_question`
    profile_field = models.CharField(
        _("about the person answering"),
        max_length=24,
        choices=ProfileField.choices,
        blank=True,
        help_text=_("For reach: which characteristic this question records."),
    )
    number_min = models.IntegerField(_("smallest number allowed"), null=True, blank=True)
    number_max = models.IntegerField(_("largest number allowed"), null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                condition=~Q(code=""),
                name="question_code_unique_in_survey",
            ),
            models.CheckConstraint(
                condition=Q(number_min__isnull=True)
                | Q(number_max__isnull=True)
                | Q(number_max__gte=models.F("number_min")),
                name="question_number_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}" if self.code else self.text

    def clean(self) -> None:
        errors = {}
        if self.show_if_question_id:
            other = self.show_if_question
            if other.survey_id != self.survey_id:
                errors["show_if_question"] = _("That question is in a different survey.")
            elif other.pk == self.pk:
                errors["show_if_question"] = _("A question cannot depend on itself.")
            elif other.kind not in self.CHOICE_KINDS:
                errors["show_if_question"] = _("Choose a question answered by choosing.")
            elif not self.show_if_values:
                errors["show_if_values"] = _("Choose the answers that show this question.")
        if self.kind != self.Kind.NUMBER and (
            self.number_min is not None or self.number_max is not None
        ):
            errors["number_min"] = _("Only a number question has a smallest or largest number.")
        if self.offers_dont_know and self.kind not in (self.Kind.SATISFACTION, self.Kind.AGREEMENT):
            errors["offers_dont_know"] = _("Only the two scales offer “don't know”.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_choices(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    def text_in(self, language: str) -> str:
        return translated(self.text, self.text_translations, language)

    def help_in(self, language: str) -> str:
        return translated(self.help, self.help_translations, language)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("answer"), max_length=200)
    label_translations = models.JSONField(default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_value_unique")
        ]

    def __str__(self) -> str:
        return self.label

    def label_in(self, language: str) -> str:
        return translated(self.label, self.label_translations, language)


class Mode(models.TextChoices):
    """How a response was collected (the regulator asks for responses by method)."""

    WEB = "web", _("Online, by personal link")
    DOOR = "door", _("Face to face, at the door")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper")
    SMS = "sms", _("By text message")
    OTHER = "other", _("Another way")


class Invitation(models.Model):
    """One household's invitation to one survey, and its personal code.

    The code is never stored: it is derived from the server's secret and `salt` (so a letter
    can be printed again) and looked up by its SHA-256 `token_hash`.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    # The household's estate when invited, for response rates by estate.
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    salt = models.CharField(max_length=24)
    token_hash = models.CharField(max_length=64, unique=True)
    # How many responses came through this invitation. Deliberately a count, not a link and
    # not a time: an anonymous response must not be traceable to it.
    responses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["estate__name", "pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "household"], name="invitation_once_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.household}"

    @property
    def answered(self) -> bool:
        return self.responses > 0


class Draft(models.Model):
    """Answers given so far through an invitation, saved one by one until they are sent.

    The household's own draft (online, through its code) has no `entered_by`; an interview's
    has its interviewer. For an anonymous survey each is reachable only by whoever is
    answering — the code's holder, or that interviewer — and an interview never opens the
    household's online draft (`selectors.own_draft`). For a confidential or named survey one
    draft is shared: an interviewer carries on what the household began.

    No time is kept: a draft's time of change, beside its invitation, would give the moment a
    household answered, and the moment its response was sent.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="drafts")
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.WEB)
    language = models.CharField(max_length=12, default="en")
    answers = models.JSONField(default=dict, blank=True)  # {question pk: code, [codes], n or text}
    # An interviewer's unsent answers go with their account.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("answers not yet sent")
        verbose_name_plural = _("answers not yet sent")
        constraints = [
            models.UniqueConstraint(
                fields=["invitation"],
                condition=Q(entered_by__isnull=True),
                name="draft_online_once_per_invitation",
            ),
            models.UniqueConstraint(
                fields=["invitation", "entered_by"],
                condition=Q(entered_by__isnull=False),
                name="draft_interview_once_per_interviewer",
            ),
        ]

    def __str__(self) -> str:
        return str(self.invitation)


class Response(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    mode = models.CharField(_("how it was collected"), max_length=8, choices=Mode.choices)
    language = models.CharField(_("language"), max_length=12, default="en")
    # Kept even when anonymous: an estate or a stock type does not identify a household.
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    stock_type = models.CharField(
        _("stock type"), max_length=8, choices=StockType.choices, blank=True
    )
    # Only for confidential and named surveys; always empty when the survey is anonymous.
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    # Who interviewed or keyed it in; always empty when the survey is anonymous.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A date, never a time: a time could be matched against logs or an invitation's use.
    submitted_on = models.DateField(_("sent on"))
    # An outside contractor's own reference for the respondent, so an import is repeatable.
    source_reference = models.CharField(_("contractor's reference"), max_length=60, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "source_reference"],
                condition=~Q(source_reference=""),
                name="response_source_reference_unique",
            )
        ]
        indexes = [models.Index(fields=["survey", "estate"])]

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"

    def clean(self) -> None:
        if self.household_id and self.survey.is_anonymous:
            raise ValidationError(
                {"household": _("An anonymous survey's response has no household.")}
            )


class Answer(models.Model):
    """One answer to one question; a question with several choices has one row per choice."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(max_length=40, blank=True)  # a Choice.value
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "value"], name="answer_once_per_choice"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(value=""), name="answer_number_or_choice"
            ),
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return self.value or (str(self.number) if self.number is not None else self.text[:40])
