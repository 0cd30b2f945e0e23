"""Training's forms: input shape and validation only; the services decide the rest."""

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios
from tenantry.democracy.skills import Skill

from .models import Course, Delivery, Module
from .models.training import Attendance


class CourseForm(GovukForm, forms.ModelForm):
    skills = forms.MultipleChoiceField(
        label=_("Skills it builds"),
        help_text=_("From the committee skills matrix. Choose all that apply."),
        choices=Skill.choices,
        widget=Checkboxes,
        required=False,
    )
    delivery = forms.ChoiceField(label=_("Delivery"), choices=Delivery.choices, widget=Radios)

    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "length",
            "delivery",
            "accredited",
            "awarding_body",
            "level",
            "credits",
            "skills",
        ]
        labels = {"accredited": _("This course is accredited")}
        help_texts = {
            "awarding_body": _("Only for an accredited course"),
            "level": _("For example: level 2"),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("accredited") and not (data.get("awarding_body") or "").strip():
            self.add_error("awarding_body", _("Enter the awarding body of an accredited course"))
        return data


class SessionForm(GovukForm, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput)
    starts = forms.TimeField(
        label=_("Start time"), help_text=_("For example: 10:00"), widget=forms.TimeInput
    )
    ends = forms.TimeField(
        label=_("End time"), help_text=_("For example: 15:30"), widget=forms.TimeInput
    )
    online = forms.BooleanField(label=_("This session is online"), required=False)
    place = forms.CharField(
        label=_("Place"),
        help_text=_("The full address, for a session in person"),
        required=False,
        max_length=300,
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    trainer = forms.CharField(label=_("Trainer"), max_length=200)

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", _("The end time must be after the start time"))
            elif self.starts_at() <= timezone.now():
                self.add_error("day", _("The date must be in the future"))
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", _("Enter the place, or say the session is online"))
        return data

    def _at(self, when: time) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["day"], when))

    def starts_at(self) -> datetime:
        return self._at(self.cleaned_data["starts"])

    def ends_at(self) -> datetime:
        return self._at(self.cleaned_data["ends"])


class BookForOtherForm(GovukForm, forms.Form):
    """The organiser books someone: their name and email, and where they come from."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    where = forms.ChoiceField(
        label=_("Organisation or tenant group"), required=False, choices=[("", "—")]
    )

    def __init__(self, *args, organisations=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = (
            [("", _("None or not known"))]
            + [(f"o{o.pk}", o.name) for o in organisations]
            + [(f"g{g.pk}", g.name) for g in groups]
        )
        self._organisations = {f"o{o.pk}": o for o in organisations}
        self._groups = {f"g{g.pk}": g for g in groups}

    def where_from(self):
        key = self.cleaned_data.get("where") or ""
        return self._organisations.get(key), self._groups.get(key)


class BookSelfForm(GovukForm, forms.Form):
    """A signed-in person books themselves: only where they come from is asked."""

    where = forms.ChoiceField(
        label=_("Who are you coming for?"),
        help_text=_("The organisation or tenant group you are part of."),
        widget=Radios,
        required=False,
    )

    def __init__(self, *args, organisations=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._organisations = {f"o{o.pk}": o for o in organisations}
        self._groups = {f"g{g.pk}": g for g in groups}
        self.fields["where"].choices = (
            [(k, o.name) for k, o in self._organisations.items()]
            + [(k, g.name) for k, g in self._groups.items()]
            + [("", _("Just for myself"))]
        )
        if not self._organisations and not self._groups:
            self.fields["where"].widget = forms.HiddenInput()

    def where_from(self):
        key = self.cleaned_data.get("where") or ""
        return self._organisations.get(key), self._groups.get(key)


class AttendanceForm(GovukForm, forms.Form):
    """One radio group per person booked: attended or did not."""

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = list(bookings)
        for booking in self.bookings:
            self.fields[f"b{booking.pk}"] = forms.ChoiceField(
                label=booking.name,
                choices=[
                    (Attendance.ATTENDED, _("Attended")),
                    (Attendance.DID_NOT_ATTEND, _("Did not attend")),
                ],
                widget=Radios,
                required=False,
                initial=booking.attendance or None,
            )

    def marks(self) -> dict[int, str]:
        return {
            b.pk: self.cleaned_data[f"b{b.pk}"]
            for b in self.bookings
            if self.cleaned_data.get(f"b{b.pk}")
        }


class QuizForm(GovukForm, forms.Form):
    """The module's questions: radios where one answer is right, checkboxes where several are."""

    def __init__(self, *args, module: Module, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(module.questions.prefetch_related("options"))
        for number, question in enumerate(self.questions, 1):
            options = list(question.options.all())
            # The summary at the top lists every error: each names its question.
            missing = _("Answer question %(n)s") % {"n": number}
            several = sum(o.correct for o in options) > 1
            choices = [(o.pk, o.text) for o in options]
            if several:
                field = forms.MultipleChoiceField(
                    label=question.text,
                    help_text=_("Choose all the right answers."),
                    choices=choices,
                    widget=Checkboxes,
                    required=True,
                    error_messages={"required": missing},
                )
            else:
                field = forms.ChoiceField(
                    label=question.text,
                    choices=choices,
                    widget=Radios,
                    required=True,
                    error_messages={"required": missing},
                )
            self.fields[f"q{question.pk}"] = field

    def answers(self) -> dict[int, set[int]]:
        found = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q{question.pk}")
            values = value if isinstance(value, list) else [value] if value else []
            found[question.pk] = {int(v) for v in values}
        return found
