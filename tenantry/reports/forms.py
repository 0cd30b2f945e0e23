"""The public page's form: input shape and validation only; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import GovukForm

from .models import TEXT_CHARACTERS


def _text(label, help_text, *, rows=5):
    """A text the page may be saved without but not published without (`PublicPage.is_ready`)."""
    field = forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": rows}),
    )
    field.label_hint = _("(needed to publish)")  # shown instead of "(optional)"
    return field


class PublicPageForm(GovukForm, forms.Form):
    introduction = _text(
        _("Who we are and what we do"),
        _(
            "Who runs the organisation, which homes and which services. Use short sentences and "
            "everyday words. At most 1,500 characters."
        ),
        rows=6,
    )
    how_to_join = _text(
        _("How to join"),
        _("Who may join, what it costs, and how to ask. At most 1,500 characters."),
    )
    how_to_complain = _text(
        _("How to complain"),
        _(
            "How to make a complaint, how long you take to answer, and that people can go to "
            "the Housing Ombudsman. At most 1,500 characters."
        ),
    )
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone number"), required=False, max_length=30)
    contact_address = forms.CharField(
        label=_("Office address"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    show_contact = forms.BooleanField(
        label=_("Show these contact details on the public page"),
        help_text=_("Use the office's details, not a person's own."),
        required=False,
    )
