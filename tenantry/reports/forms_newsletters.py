"""The shapes of the newsletter pages' input; the rules are the services'."""

from datetime import date

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import GovukForm, Radios
from tenantry.indicators.models import Result
from tenantry.organisations.models import Organisation

from . import selectors_newsletters as selectors
from .newsletters import Newsletter, NewsletterItem, NewsletterPreference


class NewsletterForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = ["title", "intro", "audience"]
        widgets = {"audience": Radios, "intro": forms.Textarea(attrs={"rows": 6})}
        labels = {"intro": _("Introduction (optional)"), "audience": _("Who gets it")}
        help_texts = {
            "title": _("For example, “Autumn 2026”"),
            "intro": _("A few words at the top, before the items"),
            "audience": _(
                "People with an email address get it by email; the others get a printed letter."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Enter the newsletter's title")
        self.fields["audience"].error_messages["required"] = _("Select who gets it")


class ItemForm(GovukForm, forms.Form):
    """An item of one kind: own words need text; a picked item needs its choice."""

    heading = forms.CharField(label=_("Heading"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Text"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, kind: str, organisation: Organisation, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        Kind = NewsletterItem.Kind
        if kind == Kind.TEXT:
            self.fields["body"].required = True
            self.fields["body"].error_messages["required"] = _("Enter the text of the item")
            self.fields["heading"].label = _("Heading (optional)")
            return
        self.fields["heading"].label = _("Heading (optional)")
        self.fields["heading"].help_text = _("Leave empty to use its own name")
        self.fields["body"].label = _("A few words of your own (optional)")
        if kind == Kind.FIGURE:
            results = selectors.figures_to_pick(organisation)
            field = forms.ModelChoiceField(
                label=_("Figure"),
                queryset=Result.objects.filter(pk__in=[r.pk for r in results]),
                empty_label=_("Choose a figure"),
                error_messages={"required": _("Choose a figure")},
            )
            field.choices = [("", _("Choose a figure"))] + [
                (r.pk, f"{r.indicator.name} ({r.period_label})") for r in results
            ]
            self.fields["result"] = field
            del self.fields["body"]
        elif kind == Kind.MEETING:
            meetings = selectors.meetings_to_pick(organisation, today)
            self.fields["meeting"] = forms.ModelChoiceField(
                label=_("Meeting"),
                queryset=meetings,
                empty_label=_("Choose a meeting"),
                error_messages={"required": _("Choose a meeting")},
            )
            self.fields["meeting"].label_from_instance = lambda m: (
                f"{m.name}, {formats.date_format(m.day, 'j F Y')}"
            )
        elif kind == Kind.PLAN:
            self.fields["plan"] = forms.ModelChoiceField(
                label=_("Improvement plan"),
                queryset=selectors.plans_to_pick(organisation),
                empty_label=_("Choose an improvement plan"),
                error_messages={"required": _("Choose an improvement plan")},
            )
            self.fields["plan"].label_from_instance = lambda p: p.review.title
        # The choice first, then the words around it.
        self.order_fields(["result", "meeting", "plan", "heading", "body"])


class PreferenceForm(GovukForm, forms.Form):
    choice = forms.ChoiceField(
        label=_("How do you want to get newsletters?"),
        choices=[
            (NewsletterPreference.Choice.NONE, _("Stop sending me newsletters")),
            (NewsletterPreference.Choice.POST, _("Send me printed newsletters instead of email")),
        ],
        initial=NewsletterPreference.Choice.NONE,
        widget=Radios,
        error_messages={"required": _("Choose how you want to get newsletters")},
    )
