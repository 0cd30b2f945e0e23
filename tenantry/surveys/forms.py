"""Forms for building surveys, inviting households and answering: shape and validation only."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.homes.models import Estate
from tenantry.organisations.models import Organisation

from . import codes, contractor_import, languages, library
from .models import Mode, Question, Section, Survey
from .questionnaire import Item, Questionnaire

# --- Building ------------------------------------------------------------------------------


class CreateSurveyForm(GovukForm, forms.Form):
    template = forms.ChoiceField(
        label=gettext_lazy("Start from"),
        widget=Radios,
        initial="",
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave blank to use the template's title."),
    )
    name = forms.CharField(
        label=gettext_lazy("Name to use in the questions"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "Ready-made questions ask about an organisation by name, e.g. “How satisfied are "
            "you with the service provided by …?”. Leave blank for your organisation's name."
        ),
    )
    service = forms.CharField(
        label=gettext_lazy("Service being reviewed"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Only for a service-review consultation, e.g. caretaking."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [
            ("", _("A blank survey")),
            *((key, spec.name) for key, spec in library.TEMPLATES.items()),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("template") and not (data.get("title") or "").strip():
            self.add_error("title", _("Enter a title for the survey."))
        return data


class ViewerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.name or user.email


class SurveySettingsForm(GovukForm, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages besides English"),
        choices=languages.other_languages,
        widget=Checkboxes,
        required=False,
        help_text=gettext_lazy(
            "Residents choose their language when they start. Enter the translations on the "
            "survey's Translations page."
        ),
    )
    confidential_viewers = ViewerChoices(
        label=gettext_lazy("Who may see who answered (confidential surveys only)"),
        queryset=User.objects.none(),
        widget=Checkboxes,
        required=False,
    )

    class Meta:
        model = Survey
        fields = [
            "title",
            "intro",
            "anonymity",
            "confidential_viewers",
            "one_response_per_household",
            "languages",
            "opens_on",
            "closes_on",
        ]
        widgets = {
            "anonymity": Radios,
            "opens_on": DateInput,
            "closes_on": DateInput,
            "intro": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "anonymity": gettext_lazy(
                "Anonymous: nobody can tell which answers came from which home, not even from "
                "the database. Confidential: answers are linked to the home, and only the staff "
                "named below can see the link. Named: those who run the survey see who said what."
            ),
            "one_response_per_household": gettext_lazy(
                "Untick to let more than one person in a home answer, each through the "
                "household's link."
            ),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confidential_viewers"].queryset = (
            User.objects.filter(
                role_assignments__organisation=organisation,
                role_assignments__role__in=[Role.STAFF, Role.COMMITTEE],
            )
            .distinct()
            .order_by("name", "email")
        )
        if self.instance.pk and not self.instance.is_editable:
            self.fields["anonymity"].disabled = True
            self.fields["anonymity"].help_text = _(
                "Anonymity cannot change once people can answer."
            )

    def clean(self):
        data = super().clean()
        if data.get("anonymity") == Survey.Anonymity.CONFIDENTIAL and not data.get(
            "confidential_viewers"
        ):
            self.add_error(
                "confidential_viewers", _("Choose who may see who answered this survey.")
            )
        return data


class SectionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class QuestionForm(GovukForm, forms.ModelForm):
    choices = forms.CharField(
        label=gettext_lazy("Answers to choose from"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy(
            "For “choose one” and “choose any”: write each answer on its own line. The scales "
            "and yes or no have their answers already."
        ),
    )
    show_if = forms.MultipleChoiceField(
        label=gettext_lazy("Show this question only if the answer to an earlier question is…"),
        widget=Checkboxes,
        required=False,
        help_text=gettext_lazy(
            "Leave all unticked to show it to everyone. Tick answers of one question only."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "section",
            "text",
            "help",
            "kind",
            "choices",
            "offers_dont_know",
            "required",
            "show_if",
            "number_min",
            "number_max",
            "code",
            "profile_field",
        ]
        widgets = {
            "kind": Radios,
            "text": forms.Textarea(attrs={"rows": 3}),
            "help": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["kind"].choices = Question.Kind.choices
        self.fields["section"].queryset = survey.sections.all()
        self.fields["section"].empty_label = _("No section")
        self.fields["profile_field"].choices = [
            ("", _("Nothing: an ordinary question")),
            *self.fields["profile_field"].choices[1:],
        ]
        # Only questions asked before this one can decide whether it is shown.
        items = list(Questionnaire(survey))
        position = next(
            (i for i, item in enumerate(items) if item.question.pk == self.instance.pk),
            len(items),
        )
        earlier = [item for item in items[:position] if item.question.has_choices]
        self.fields["show_if"].choices = [
            (
                f"Q{item.number} {item.question.text}",
                [(f"{item.question.pk}:{choice.value}", choice.label) for choice in item.choices],
            )
            for item in earlier
        ]
        if self.instance.pk:
            self.initial["choices"] = "\n".join(c.label for c in self.instance.choices.all())
            if self.instance.show_if_question_id:
                self.initial["show_if"] = [
                    f"{self.instance.show_if_question_id}:{value}"
                    for value in self.instance.show_if_values
                ]

    def clean_show_if(self):
        picked = self.cleaned_data["show_if"]
        questions = {value.split(":", 1)[0] for value in picked}
        if len(questions) > 1:
            raise forms.ValidationError(_("Tick answers of one earlier question only."))
        return picked

    def clean(self):
        data = super().clean()
        picked = data.get("show_if") or []
        if picked:
            pk = int(picked[0].split(":", 1)[0])
            self.instance.show_if_question = self.survey.questions.get(pk=pk)
            self.instance.show_if_values = [value.split(":", 1)[1] for value in picked]
        else:
            self.instance.show_if_question = None
            self.instance.show_if_values = []
        return data

    def choice_labels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("choices", "").splitlines()]


class TranslationForm(GovukForm, forms.Form):
    """One field per text of the survey, in one language, each showing the English."""

    def __init__(self, *args, survey: Survey, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        attrs = {"lang": language, "dir": "rtl" if languages.is_rtl(language) else "ltr"}

        def add(key: str, english: str, current: dict, label: str, long: bool = False):
            widget = forms.Textarea(attrs={**attrs, "rows": 3}) if long else forms.TextInput(attrs)
            self.fields[key] = forms.CharField(
                label=label, help_text=english, required=False, widget=widget
            )
            self.initial[key] = current.get(language, "")
            self.fields[key].widget.attrs["class"] = "govuk-textarea" if long else "govuk-input"

        add("title", survey.title, survey.title_translations, _("Title"))
        if survey.intro:
            add("intro", survey.intro, survey.intro_translations, _("Introduction"), long=True)
        for section in survey.sections.all():
            add(f"section-{section.pk}", section.title, section.title_translations, _("Section"))
        for item in Questionnaire(survey):
            question = item.question
            add(
                f"question-{question.pk}",
                question.text,
                question.text_translations,
                _("Question %(number)d") % {"number": item.number},
                long=True,
            )
            if question.help:
                add(
                    f"help-{question.pk}",
                    question.help,
                    question.help_translations,
                    _("Question %(number)d: hint") % {"number": item.number},
                )
            for choice in item.choices:
                add(
                    f"choice-{choice.pk}",
                    choice.label,
                    choice.label_translations,
                    _("Question %(number)d: answer") % {"number": item.number},
                )


class InviteForm(GovukForm, forms.Form):
    how = forms.ChoiceField(
        label=gettext_lazy("Whom to invite"),
        widget=Radios,
        choices=[
            ("census", gettext_lazy("Every household (a census)")),
            ("sample", gettext_lazy("A random sample of households, fairly spread over estates")),
        ],
    )
    sample_size = forms.IntegerField(
        label=gettext_lazy("How many households to sample"),
        min_value=1,
        required=False,
        widget=forms.NumberInput,
    )
    seed = forms.IntegerField(
        label=gettext_lazy("Random seed"),
        min_value=0,
        max_value=10**12,
        required=False,
        help_text=gettext_lazy(
            "Optional. The same seed draws the same sample again, so anyone can check the draw "
            "was fair. Leave blank for a new one, which is recorded."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("how") == "sample" and not data.get("sample_size"):
            self.add_error("sample_size", _("Enter how many households to sample."))
        return data


class CalculatorForm(GovukForm, forms.Form):
    margin = forms.TypedChoiceField(
        label=gettext_lazy("Margin of error you want"),
        coerce=float,
        choices=[(m / 100, f"±{m}%") for m in (2, 3, 4, 5, 6, 8, 10)],
        initial=0.05,
        help_text=gettext_lazy(
            "At 95% confidence: the true figure is within this much of the survey's figure, "
            "19 times out of 20."
        ),
    )


# --- Answering -----------------------------------------------------------------------------


def answer_field(item: Item, language: str, required: bool) -> forms.Field:
    """The form field for one question, labelled and with choices in `language`."""
    question = item.question
    label = question.text_in(language)
    help_text = question.help_in(language)
    if question.has_choices:
        choices = [(choice.value, choice.label_in(language)) for choice in item.choices]
        if question.kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label,
                help_text=help_text,
                choices=choices,
                widget=Checkboxes,
                required=required,
                error_messages={"required": _("Select at least one answer.")},
            )
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            choices=choices,
            widget=Radios,
            required=required,
            error_messages={"required": _("Select an answer.")},
        )
    if question.kind == Question.Kind.NUMBER:
        return forms.IntegerField(
            label=label,
            help_text=help_text,
            required=required,
            min_value=question.number_min,
            max_value=question.number_max,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            error_messages={
                "required": _("Enter a number."),
                "invalid": _("Enter a whole number, like 3."),
            },
        )
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter your answer.")},
    )


class AnswerForm(GovukForm, forms.Form):
    """One question on its own page."""

    def __init__(self, *args, item: Item, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["answer"] = answer_field(item, language, item.question.required)
        attrs = self.fields["answer"].widget.attrs
        attrs["lang"] = language
        if not item.question.has_choices:
            attrs["dir"] = "auto"


class PaperForm(GovukForm, forms.Form):
    """A whole questionnaire keyed in from paper: everything optional, as people left it."""

    code = forms.CharField(
        label=gettext_lazy("The household's code"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Printed on the letter, e.g. KXPT-M4RW-9QZD."),
    )
    estate = forms.ModelChoiceField(
        label=gettext_lazy("Estate"),
        queryset=Estate.objects.none(),
        required=False,
        help_text=gettext_lazy("Only when there is no code: the code tells us the estate."),
    )

    def __init__(self, *args, questionnaire: Questionnaire, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.fields["estate"].queryset = estates
        survey = questionnaire.survey
        if survey.one_response_per_household:
            self.fields["code"].required = True
            self.fields["code"].error_messages["required"] = _(
                "Enter the household's code, so we can check it has not answered already."
            )
            del self.fields["estate"]
        for item in questionnaire:
            self.fields[f"q-{item.question.pk}"] = answer_field(item, "en", required=False)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code and len(codes.normalise(code)) != codes.LENGTH:
            raise forms.ValidationError(_("A code has 12 letters and numbers."))
        return code

    def sections(self):
        """The question fields grouped under their section titles, for the page."""
        groups: list[tuple[Section | None, list]] = []
        for item in self.questionnaire:
            if not groups or groups[-1][0] != item.section:
                groups.append((item.section, []))
            groups[-1][1].append((item, self[f"q-{item.question.pk}"]))
        return groups


class CodeForm(GovukForm, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Your code"),
        max_length=30,
        help_text=gettext_lazy("It is on your letter, for example KXPT-M4RW-9QZD."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": gettext_lazy("Enter the code from your letter.")},
    )


class LanguageForm(GovukForm, forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), widget=Radios)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, languages.own_name(code)) for code in survey.language_codes()
        ]


class InterviewForm(LanguageForm):
    mode = forms.ChoiceField(
        label=gettext_lazy("How are you asking?"),
        widget=Radios,
        choices=[(Mode.DOOR, Mode.DOOR.label), (Mode.PHONE, Mode.PHONE.label)],
    )

    field_order = ["mode", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].label = _("Language of the questions")


class FieldworkFilterForm(GovukForm, forms.Form):
    estate = forms.ModelChoiceField(
        label=gettext_lazy("Estate"),
        queryset=Estate.objects.none(),
        required=False,
        empty_label=gettext_lazy("All estates"),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Answered"),
        required=False,
        choices=[
            ("", gettext_lazy("Everyone invited")),
            ("waiting", gettext_lazy("Not answered yet")),
            ("started", gettext_lazy("Started but not sent")),
            ("answered", gettext_lazy("Answered")),
        ],
    )
    search = forms.CharField(label=gettext_lazy("Address or postcode"), required=False)

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates


# --- A contractor's file ----------------------------------------------------------------------


class ContractorFileForm(GovukForm, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Upload the contractor's file"),
        help_text=gettext_lazy(
            "A CSV or XLSX file with one row per person who answered and a header row."
        ),
    )
    mapping = forms.CharField(
        label=gettext_lazy("Columns with other names"),
        help_text=gettext_lazy(
            "One per line: the file's column header, an equals sign, then the question's code or "
            "number, or one of reference, estate, mode, language, date, stock_type, household. "
            "For example: Overall satisfaction = TP01"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file: change nothing"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("The file must be a CSV or XLSX file."))
        return upload

    def clean_mapping(self):
        try:
            return contractor_import.parse_mapping(self.cleaned_data["mapping"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
