"""Staff forms for service records: what can be typed, and whether it makes sense.

Homes are chosen by the landlord's property reference and households by their tenancy
reference, typed in a text box: an organisation can manage thousands of homes, far too many for
a list to choose from. Each is checked against the homes the organisation manages.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenantry.core import periods
from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios, RowChoices
from tenantry.homes.models import Block, Estate, Home
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation

from . import validation
from .models import (
    AsbCase,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    Void,
)
from .selectors import finding

# --- Filtering lists ---------------------------------------------------------------------------


def period_choices(today: date) -> list:
    """Any time, or the periods every period picker offers (core.periods.period_choices)."""
    return [("", _("Any time")), *periods.period_choices(today=today)]


class FilterForm(GovukForm, forms.Form):
    """A list's filters, sent by GET so that a filtered list has its own address."""

    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.none(),
        required=False,
        empty_label=_("All"),
        widget=LongSelect,  # a large landlord's hundreds of estates
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    priority = forms.ModelChoiceField(
        label=_("Priority"),
        queryset=RepairPriority.objects.none(),
        required=False,
        empty_label=_("All"),
    )
    period = forms.ChoiceField(label=_("Period"), required=False)
    # Set by the links from a home's page ("all repairs at this home"), not chosen in the form.
    home = forms.ModelChoiceField(
        label=_("Home"),
        queryset=Home.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("That home is not one of the homes you look after")},
    )

    def __init__(
        self,
        data,
        *,
        organisation: Organisation,
        statuses: dict,
        priorities,
        period_label: str,
        today: date,
        by_home: bool = False,
    ):
        super().__init__(data)
        estate = self.fields["estate"]
        estate.queryset = finding.estates_for_filter(organisation=organisation)
        estate.widget.choices = RowChoices(estate, estate.queryset.values_list("pk", "name"))
        if by_home:
            self.fields["home"].queryset = homes_of(organisation=organisation)
        else:
            del self.fields["home"]
        if statuses:
            self.fields["status"].choices = [("", _("All"))] + [
                (key, label) for key, (label, _where) in statuses.items()
            ]
        else:
            del self.fields["status"]
        if priorities is None:
            del self.fields["priority"]
        else:
            self.fields["priority"].queryset = priorities
        self.fields["period"].label = period_label
        self.fields["period"].choices = period_choices(today)
        for field in self.fields.values():
            field.widget.attrs["class"] += " govuk-!-width-full"

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


# --- Widgets and fields ------------------------------------------------------------------------


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker; typed ISO dates and times are read too."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "govuk-input--width-20", **(attrs or {})})
        self.format = "%Y-%m-%dT%H:%M"


def _not_known_yes_no():
    return Radios(choices=[("", _("Not known")), ("True", _("Yes")), ("False", _("No"))])


SCORES = [
    ("", _("Choose a score")),
    (5, _("5 – very good")),
    (4, _("4 – good")),
    (3, _("3 – fair")),
    (2, _("2 – poor")),
    (1, _("1 – very poor")),
]
SATISFACTION = [
    ("", _("Not asked")),
    (5, _("5 – very satisfied")),
    (4, _("4 – fairly satisfied")),
    (3, _("3 – neither satisfied nor dissatisfied")),
    (2, _("2 – fairly dissatisfied")),
    (1, _("1 – very dissatisfied")),
]


def _score(label, *, required: bool = True):
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES if required else SATISFACTION,
        coerce=int,
        empty_value=None,
        required=required,
    )


# --- Record forms ------------------------------------------------------------------------------


class RecordForm(GovukForm, forms.ModelForm):
    """What every record form shares: the organisation, the reference and grouped sections.

    `sections` names the fields under each heading; `place` says how the home (or household)
    is chosen: None, "home" (optional), "home_required" or "household".
    """

    template_name = "records/staff/record_form.html"
    sections: list[tuple[str, list[str]]] = []
    required_messages: dict = {}
    place: str | None = None
    noun = _("record")

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        creating = self.instance.pk is None
        reference = self.fields["reference"]
        reference.required = not creating
        reference.label = _("Reference")
        reference.help_text = (
            _("Leave blank to have the next number given automatically.")
            if creating
            else _("The reference on the landlord's or your own system.")
        )
        reference.widget.attrs["class"] += " govuk-input--width-20"
        if self.place in ("home", "home_required"):
            self.fields["home_reference"] = forms.CharField(
                label=_("Property reference"),
                required=self.place == "home_required",
                help_text=_("The landlord's reference for the home, for example P0001234."),
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
                error_messages={"required": _("Enter the property reference of the home")},
            )
            if getattr(self.instance, "home_id", None):
                self.initial.setdefault("home_reference", self.instance.home.reference)
        if self.place == "household":
            self.fields["tenancy_reference"] = forms.CharField(
                label=_("Tenancy reference"),
                help_text=_("The tenancy or rent account reference, for example T00001234."),
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
                error_messages={"required": _("Enter the tenancy reference")},
            )
            if self.instance.household_id:
                self.initial.setdefault("tenancy_reference", self.instance.household.reference)
        if "block" in self.fields:
            block = self.fields["block"]  # a `LongSelect`, as `GovukForm` makes every select
            estates = finding.estates_for_filter(organisation=organisation)
            block.queryset = Block.objects.filter(estate__in=estates)
            block.empty_label = _("None")
            named = Concat("name", Value(" ("), "estate__name", Value(")"))
            block.widget.choices = RowChoices(
                block, block.queryset.annotate(named=named).values_list("pk", "named")
            )
        if "estate" in self.fields:
            estate = self.fields["estate"]
            estate.queryset = finding.estates_for_filter(organisation=organisation)
            estate.widget.choices = RowChoices(estate, estate.queryset.values_list("pk", "name"))
        self._say_what_is_missing()

    def _say_what_is_missing(self) -> None:
        """A required field left empty says which, in the form's own words (GOV.UK style)."""
        for name, field in self.fields.items():
            if not field.required or name in self.required_messages:
                continue
            choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
            message = _("Select %(label)s") if choose else _("Enter %(label)s")
            field.error_messages["required"] = message % {"label": str(field.label).lower()}
        for name, message in self.required_messages.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    @property
    def grouped(self) -> list[tuple[str, list]]:
        """The form's fields under their headings, in order; any left over come last."""
        placed = set()
        groups = []
        for title, names in self.sections:
            fields = [self[name] for name in names if name in self.fields]
            placed.update(names)
            groups.append((title, fields))
        rest = [self[name] for name in self.fields if name not in placed]
        if rest:
            groups.append(("", rest))
        return groups

    def clean_reference(self) -> str:
        reference = self.cleaned_data["reference"].strip()
        model = self._meta.model
        taken = (
            model.objects.filter(organisation=self.organisation, reference=reference)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if reference and taken:
            raise forms.ValidationError(
                _("There is already a %(noun)s with this reference.") % {"noun": self.noun}
            )
        return reference

    def clean_home_reference(self):
        reference = self.cleaned_data["home_reference"].strip()
        if not reference:
            return None
        current = getattr(self.instance, "home", None) if self.instance.home_id else None
        if current is not None and current.reference.lower() == reference.lower():
            return current  # a home the organisation no longer manages stays on old records
        homes = finding.home_by_reference(organisation=self.organisation, reference=reference)
        if len(homes) != 1:
            raise forms.ValidationError(
                _(
                    "No home managed by %(organisation)s has the property reference "
                    "%(reference)s. Check the reference on the landlord's system."
                )
                % {"organisation": self.organisation.name, "reference": reference}
            )
        return homes[0]

    def clean_tenancy_reference(self):
        reference = self.cleaned_data["tenancy_reference"].strip()
        current = self.instance.household if self.instance.household_id else None
        if current is not None and current.reference.lower() == reference.lower():
            return current
        found = finding.household_by_reference(organisation=self.organisation, reference=reference)
        if not found:
            raise forms.ValidationError(
                _(
                    "No tenancy of a home managed by %(organisation)s has the reference "
                    "%(reference)s. Check the reference on the landlord's system."
                )
                % {"organisation": self.organisation.name, "reference": reference}
            )
        if len(found) > 1:
            raise forms.ValidationError(
                _(
                    "More than one tenancy has the reference %(reference)s. Ask the landlord "
                    "to give each tenancy its own reference."
                )
                % {"reference": reference}
            )
        return found[0]

    def clean(self):
        cleaned = super().clean()
        if "home_reference" in self.fields and "home_reference" in cleaned:
            self.instance.home = cleaned["home_reference"]
        if "tenancy_reference" in cleaned:
            self.instance.household = cleaned["tenancy_reference"]
        # The database's constraints name no field; the checks in each form's clean() say in
        # words what is wrong and where, and the service validates the whole record again.
        self._validate_unique = False
        self._check_possible_values(cleaned)
        return cleaned

    def _check_possible_values(self, cleaned) -> None:
        """The kind's rules of what its values may be (records/validation.py), and no date
        before 1900, each said beside its field."""
        for name, value in list(cleaned.items()):
            if isinstance(value, date) and validation.too_early(value) and not self.has_error(name):
                label = capfirst(str(self.fields[name].label))
                self.add_error(name, validation.TOO_EARLY % {"label": label})
        model_name = self._meta.model._meta.model_name
        for name, message in validation.problems(model_name, cleaned):
            if name in self.fields and not self.has_error(name):
                self.add_error(name, message)

    def _post_clean(self):
        # Until the fields make sense, the model's own checks would only repeat their errors.
        if not self._errors:
            super()._post_clean()

    def _not_before(self, cleaned, later: str, earlier: str, message) -> None:
        if self.has_error(later):
            return
        if cleaned.get(later) and cleaned.get(earlier) and cleaned[later] < cleaned[earlier]:
            self.add_error(later, message)


class RepairForm(RecordForm):
    place = "home"
    required_messages = {
        "priority": _("Select the repair's priority"),
        "reported_at": _("Enter the date and time the repair was reported"),
    }
    noun = _("repair")
    sections = [
        (
            _("The repair"),
            ["reference", "home_reference", "block", "kind", "priority", "trade", "description"],
        ),
        (_("Progress"), ["status", "reported_at", "appointment_at", "appointment_kept"]),
        (_("Completion"), ["completed_at", "right_first_time", "contractor", "cost"]),
        (
            _("Awaab's Law hazard"),
            [
                "hazard",
                "investigated_at",
                "made_safe_at",
                "summary_sent_on",
                "safety_work_done_on",
                "further_works_started_on",
                "hazard_dates_reason",
            ],
        ),
        (_("The resident's view"), ["satisfaction", "satisfaction_comment"]),
    ]

    satisfaction = _score(_("Resident's satisfaction"), required=False)

    class Meta:
        model = Repair
        fields = [
            "reference", "block", "kind", "priority", "trade", "description", "status",
            "reported_at", "appointment_at", "appointment_kept", "completed_at",
            "right_first_time", "contractor", "cost", "hazard", "investigated_at", "made_safe_at",
            "summary_sent_on", "safety_work_done_on", "further_works_started_on",
            "hazard_dates_reason", "satisfaction", "satisfaction_comment",
        ]  # fmt: skip
        widgets = {
            "kind": Radios,
            "priority": Radios,
            "status": Radios,
            "hazard": Radios,
            "description": forms.Textarea(attrs={"rows": 3}),
            "satisfaction_comment": forms.Textarea(attrs={"rows": 3}),
            "reported_at": DateTimeInput,
            "appointment_at": DateTimeInput,
            "completed_at": DateTimeInput,
            "investigated_at": DateTimeInput,
            "made_safe_at": DateTimeInput,
            "summary_sent_on": DateInput,
            "safety_work_done_on": DateInput,
            "further_works_started_on": DateInput,
            "appointment_kept": _not_known_yes_no(),
            "right_first_time": _not_known_yes_no(),
        }
        help_texts = {
            "block": _("For a repair to a block's shared areas, choose the block instead."),
            "hazard": _(
                "Awaab's Law times emergency hazards, and significant hazards as damp and "
                "mould (the only significant hazard in force), whatever the trade."
            ),
            "investigated_at": _("When the investigation ended."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        priorities = finding.repair_priorities_of(organisation=organisation)
        if self.instance.priority_id:
            # A record imported with another scheme's priority keeps it when edited.
            priorities = priorities | RepairPriority.objects.filter(pk=self.instance.priority_id)
        self.fields["priority"].queryset = priorities
        self.fields["priority"].empty_label = None
        self.fields["hazard"].choices = Repair.Hazard.choices
        self.fields["hazard"].required = False

    def clean(self):
        cleaned = super().clean()
        no_place = not cleaned.get("home_reference") and not cleaned.get("block")
        if no_place and not self.has_error("home_reference"):
            self.add_error(
                "home_reference", _("Enter the property reference of the home, or choose a block")
            )
        if cleaned.get("status") == Repair.Status.COMPLETED and not cleaned.get("completed_at"):
            self.add_error(
                "completed_at", _("Enter when the repair was completed, or choose another status")
            )
        return cleaned


class VoidForm(RecordForm):
    place = "home_required"
    required_messages = {
        "reason": _("Select why the home became empty"),
        "tenancy_ended_on": _("Enter the date the tenancy ended"),
    }
    noun = _("void")
    sections = [
        (_("The empty home"), ["reference", "home_reference", "reason", "major_works"]),
        (
            _("What happened when"),
            [
                "tenancy_ended_on",
                "keys_returned_on",
                "works_started_on",
                "works_completed_on",
                "ready_to_let_on",
                "new_tenancy_started_on",
            ],
        ),
    ]

    class Meta:
        model = Void
        fields = [
            "reference", "reason", "major_works", "tenancy_ended_on", "keys_returned_on",
            "works_started_on", "works_completed_on", "ready_to_let_on", "new_tenancy_started_on",
        ]  # fmt: skip
        widgets = {
            name: DateInput
            for name in (
                "tenancy_ended_on", "keys_returned_on", "works_started_on", "works_completed_on",
                "ready_to_let_on", "new_tenancy_started_on",
            )
        }  # fmt: skip


class RentPeriodForm(RecordForm):
    place = "household"
    required_messages = {
        "starts_on": _("Enter the first day of the period"),
        "ends_on": _("Enter the last day of the period"),
        "arrears_brought_forward": _("Enter the arrears brought forward, or 0"),
        "rent_due": _("Enter the rent due"),
        "collected": _("Enter the rent collected, or 0"),
        "written_off": _("Enter the amount written off, or 0"),
        "arrears_carried_forward": _("Enter the arrears carried forward, or 0"),
    }
    noun = _("rent period")
    sections = [
        (_("The rent account"), ["reference", "tenancy_reference", "starts_on", "ends_on"]),
        (
            _("Money"),
            [
                "arrears_brought_forward",
                "rent_due",
                "collected",
                "written_off",
                "arrears_carried_forward",
            ],
        ),
    ]

    class Meta:
        model = RentPeriod
        fields = [
            "reference", "starts_on", "ends_on", "arrears_brought_forward", "rent_due",
            "collected", "written_off", "arrears_carried_forward",
        ]  # fmt: skip
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        help_texts = {
            "arrears_brought_forward": _("Owed at the start of the period; negative if in credit."),
            "arrears_carried_forward": _(
                "Brought forward plus rent due, less collected and written off."
            ),
        }


class ComplaintForm(RecordForm):
    place = "home"
    required_messages = {
        "category": _("Select what the complaint is about"),
        "received_on": _("Enter the date the complaint was received"),
    }
    noun = _("complaint")
    sections = [
        (_("The complaint"), ["reference", "home_reference", "category", "description"]),
        (
            _("Stage 1"),
            [
                "received_on",
                "stage1_acknowledged_on",
                "stage1_extension_days",
                "stage1_responded_on",
            ],
        ),
        (
            _("Stage 2"),
            [
                "escalated_on",
                "stage2_acknowledged_on",
                "stage2_extension_days",
                "stage2_responded_on",
            ],
        ),
        (_("Outcome"), ["outcome", "referred_to_ombudsman_on"]),
    ]

    class Meta:
        model = Complaint
        fields = [
            "reference", "category", "description", "received_on", "stage1_acknowledged_on",
            "stage1_extension_days", "stage1_responded_on", "escalated_on",
            "stage2_acknowledged_on", "stage2_extension_days", "stage2_responded_on", "outcome",
            "referred_to_ombudsman_on",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": Radios,
            **{
                name: DateInput
                for name in (
                    "received_on", "stage1_acknowledged_on", "stage1_responded_on",
                    "escalated_on", "stage2_acknowledged_on", "stage2_responded_on",
                    "referred_to_ombudsman_on",
                )
            },
        }  # fmt: skip
        help_texts = {
            "stage1_extension_days": _(
                "Agreed with the resident; the Code allows up to 10 working days."
            ),
            "stage2_extension_days": _(
                "Agreed with the resident; the Code allows up to 20 working days."
            ),
            "escalated_on": _("The day the resident asked for stage 2."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["outcome"].choices = Complaint.Outcome.choices
        self.fields["outcome"].required = False

    def clean(self):
        cleaned = super().clean()
        for name in ("stage2_acknowledged_on", "stage2_responded_on"):
            if cleaned.get(name) and not cleaned.get("escalated_on"):
                self.add_error(
                    "escalated_on", _("Enter when the complaint was escalated to stage 2")
                )
                break
        return cleaned


class AsbCaseForm(RecordForm):
    """A case's place, category and closing; it opens with its first report (`records.asb`)."""

    place = "home"
    required_messages = {"category": _("Select the kind of behaviour")}
    noun = _("case")
    sections = [
        (_("The case"), ["reference", "estate", "home_reference", "category"]),
        (_("Dates"), ["closed_on"]),
    ]

    class Meta:
        model = AsbCase
        fields = ["reference", "estate", "category", "closed_on"]
        widgets = {"closed_on": DateInput}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["estate"].empty_label = _("Choose an estate")
        self.fields["home_reference"].help_text = _(
            "If the case is about one home: the landlord's reference for it."
        )

    def clean(self):
        cleaned = super().clean()
        no_place = not cleaned.get("estate") and not cleaned.get("home_reference")
        if no_place and not self.has_error("home_reference"):
            self.add_error("estate", _("Choose the estate, or enter the property reference"))
        closed, opened = cleaned.get("closed_on"), self.instance.opened_on
        if closed and opened and closed < opened and not self.has_error("closed_on"):
            message = _("Enter a closing date on or after %(opened)s, the day of its first report")
            self.add_error("closed_on", message % {"opened": date_format(opened, "j F Y")})
        return cleaned


class SafetyCheckForm(RecordForm):
    place = "home"
    required_messages = {
        "kind": _("Select the kind of check"),
        "due_on": _("Enter the date the check is due"),
    }
    noun = _("safety check")
    sections = [
        (_("The check"), ["reference", "kind", "home_reference", "block"]),
        (_("When"), ["due_on", "done_on", "outcome"]),
    ]

    class Meta:
        model = SafetyCheck
        fields = ["reference", "kind", "block", "due_on", "done_on", "outcome"]
        widgets = {"kind": Radios, "outcome": Radios, "due_on": DateInput, "done_on": DateInput}
        help_texts = {"done_on": _("The day of the visit, even if there was no access.")}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["outcome"].choices = SafetyCheck.Outcome.choices
        self.fields["outcome"].required = False
        self.fields["block"].help_text = _("For a check of a block (fire, lifts), choose it here.")

    def clean(self):
        cleaned = super().clean()
        no_place = not cleaned.get("home_reference") and not cleaned.get("block")
        if no_place and not self.has_error("home_reference"):
            self.add_error(
                "home_reference", _("Enter the property reference of the home, or choose a block")
            )
        if cleaned.get("done_on") and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome of the visit"))
        if cleaned.get("outcome") and not cleaned.get("done_on"):
            self.add_error("done_on", _("Enter the day of the visit"))
        return cleaned


class DecentHomesStatusForm(RecordForm):
    place = "home_required"
    required_messages = {"since": _("Enter the date the home's status changed")}
    noun = _("Decent Homes status")
    sections = [(_("The home"), ["reference", "home_reference", "meets_standard", "since"])]

    meets_standard = forms.TypedChoiceField(
        label=_("Does the home meet the Decent Homes Standard?"),
        choices=[("True", _("Yes")), ("False", _("No"))],
        coerce=lambda value: value == "True",
        widget=Radios,
        error_messages={"required": _("Say whether the home meets the standard")},
    )

    class Meta:
        model = DecentHomesStatus
        fields = ["reference", "meets_standard", "since"]
        widgets = {"since": DateInput}
        help_texts = {"since": _("The day of the survey or the works that changed it.")}

    def clean(self):
        cleaned = super().clean()
        home, since = cleaned.get("home_reference"), cleaned.get("since")
        if home and since:
            taken = (
                DecentHomesStatus.objects.filter(home=home, since=since)
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if taken:
                self.add_error("since", _("This home already has a status from this day"))
        return cleaned


PHOTO_EXTENSIONS = {"jpg", "jpeg", "png", "webp"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024


class EstateInspectionForm(RecordForm):
    required_messages = {
        "estate": _("Select the estate"),
        "inspected_on": _("Enter the date of the inspection"),
        "inspector_name": _("Enter who inspected"),
        "inspector_kind": _("Select whether staff or a tenant inspected"),
        "cleanliness": _("Select a score for cleanliness"),
        "litter": _("Select a score for litter"),
        "graffiti": _("Select a score for graffiti"),
        "lighting": _("Select a score for lighting"),
    }
    noun = _("inspection")
    sections = [
        (
            _("The inspection"),
            ["reference", "estate", "block", "place", "inspected_on"],
        ),
        (_("Who inspected"), ["inspector_name", "inspector_kind"]),
        (_("Scores"), ["cleanliness", "litter", "graffiti", "lighting", "repairs_needed"]),
        (_("Photo"), ["photo"]),
    ]

    cleanliness = _score(_("Cleanliness"))
    litter = _score(_("Free of litter"))
    graffiti = _score(_("Free of graffiti"))
    lighting = _score(_("Lighting"))

    class Meta:
        model = EstateInspection
        fields = [
            "reference", "estate", "block", "place", "inspected_on", "inspector_name",
            "inspector_kind", "cleanliness", "litter", "graffiti", "lighting", "repairs_needed",
            "photo",
        ]  # fmt: skip
        widgets = {
            "inspected_on": DateInput,
            "inspector_kind": Radios,
            "repairs_needed": forms.Textarea(attrs={"rows": 3}),
            "photo": forms.ClearableFileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp"}),
        }
        help_texts = {
            "place": _("For example: the play area, stairwell B."),
            "photo": _("A JPEG, PNG or WebP picture of up to 10 MB."),
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["estate"].empty_label = _("Choose an estate")
        self.fields["photo"].widget.attrs["class"] = "govuk-file-upload"

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a newly uploaded file
            if photo.name.rsplit(".", 1)[-1].lower() not in PHOTO_EXTENSIONS:
                raise ValidationError(_("The photo must be a JPEG, PNG or WebP picture"))
            if photo.size > PHOTO_MAX_BYTES:
                raise ValidationError(_("The photo must be 10 MB or smaller"))
        return photo

    def clean(self):
        cleaned = super().clean()
        estate, block = cleaned.get("estate"), cleaned.get("block")
        if estate and block and block.estate_id != estate.pk:
            self.add_error("block", _("That block is on another estate"))
        return cleaned
