from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import GovukForm, Radios

DAYS = [
    (30, _("30 days")),
    (90, _("90 days")),
    (365, _("1 year")),
]


class TokenForm(GovukForm, forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=80,
        help_text=_("What it is for, so you know which to revoke: for example, “Monthly return”."),
        error_messages={"required": _("Enter a name for the token")},
    )
    days = forms.TypedChoiceField(
        label=_("How long it lasts"),
        choices=DAYS,
        coerce=int,
        initial=90,
        widget=Radios,
        error_messages={"required": _("Choose how long the token lasts")},
    )
