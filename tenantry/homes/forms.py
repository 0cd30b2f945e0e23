from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.forms import Checkboxes, DateInput, GovukForm

from .models import Estate


class CoverageForm(GovukForm, forms.Form):
    estates = forms.ModelMultipleChoiceField(
        label=_("Estates covered"),
        queryset=Estate.objects.none(),
        widget=Checkboxes,  # a council has hundreds of estates
        required=False,
        help_text=_("Every home on a selected estate is covered by the agreement."),
    )
    from_day = forms.DateField(
        label=_("From"),
        widget=DateInput(),
        help_text=_(
            "Homes join or leave the agreement on this day. Earlier figures are not changed."
        ),
    )

    def __init__(self, *args, landlord, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estates"].queryset = Estate.objects.filter(landlord=landlord).order_by("name")
        self.fields["from_day"].initial = date.today()
