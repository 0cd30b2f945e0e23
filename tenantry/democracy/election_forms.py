"""The shapes of the election pages' input; the rules are the services' and the constitution's.

A candidate's photo is checked by reading the image itself (not its name or the type the browser
claims), then written again as a small JPEG: no camera data (place, time, device) goes with it.
"""

import io

from django import forms
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tenantry.core.forms import DateInput, GovukForm, LongSelect, Radios

from .ballots.forms import _DATETIME_FORMATS, DateTimeInput
from .models import Election, Meeting
from .models.constitution import ELECTED_SEATS
from .models.elections import STATEMENT_CHARACTERS

PHOTO_MB_AT_MOST = 5
PHOTO_SMALLEST = 100  # pixels a side: smaller cannot show a face
PHOTO_LARGEST = 8000  # pixels a side: larger is not a photo from a phone or camera
PHOTO_PIXELS = 400  # the longest side once written again: shown at 120 pixels, sharp on any screen
_FORMATS = ("JPEG", "PNG")


def candidate_photo(upload) -> ContentFile:
    """The upload as a small JPEG, or a `ValidationError` naming what is wrong with it."""
    if upload.size > PHOTO_MB_AT_MOST * 1024 * 1024:
        raise forms.ValidationError(
            _("The photo must be smaller than %(mb)s MB") % {"mb": PHOTO_MB_AT_MOST}
        )
    try:
        with Image.open(upload) as image:
            found = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        found = None
    if found not in _FORMATS:
        raise forms.ValidationError(_("The photo must be a JPG or PNG"))
    if min(width, height) < PHOTO_SMALLEST:
        raise forms.ValidationError(
            _("The photo must be at least %(n)s pixels wide and high") % {"n": PHOTO_SMALLEST}
        )
    if max(width, height) > PHOTO_LARGEST:
        raise forms.ValidationError(
            _("The photo must be no more than %(n)s pixels wide and high") % {"n": PHOTO_LARGEST}
        )
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((PHOTO_PIXELS, PHOTO_PIXELS))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


class ElectionForm(GovukForm, forms.ModelForm):
    class Meta:
        model = Election
        fields = [
            "kind", "seats", "meeting", "nominations_open_on", "nominations_close_on",
            "voting_opens_at", "voting_closes_at",
        ]  # fmt: skip
        widgets = {
            "kind": Radios,
            "meeting": LongSelect,
            "nominations_open_on": DateInput(),
            "nominations_close_on": DateInput(),
            "voting_opens_at": DateTimeInput(),
            "voting_closes_at": DateTimeInput(),
        }
        labels = {"meeting": _("Held at")}
        help_texts = {
            "seats": _(
                "The seats vacant now and those whose holders retire at the AGM by rotation."
            ),
            "nominations_close_on": _("Nominations are taken until the end of this day."),
            "voting_closes_at": _("For a ballot held at the AGM, the time the poll closes."),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in ELECTED_SEATS]
        self.fields["meeting"].queryset = Meeting.objects.filter(
            organisation=organisation, kind__in=["agm", "general"]
        ).order_by("-day")
        for name in ("voting_opens_at", "voting_closes_at"):
            self.fields[name].input_formats = _DATETIME_FORMATS


class NominationForm(GovukForm, forms.Form):
    """A nomination names each member by membership number and name. Staff key in the
    candidate; a member standing online is the candidate."""

    candidate_number = forms.IntegerField(label=_("Candidate's membership number"), min_value=1)
    candidate_name = forms.CharField(label=_("Candidate's full name"), max_length=150)
    proposer_number = forms.IntegerField(label=_("Proposer's membership number"), min_value=1)
    proposer_name = forms.CharField(label=_("Proposer's full name"), max_length=150)
    seconder_number = forms.IntegerField(label=_("Seconder's membership number"), min_value=1)
    seconder_name = forms.CharField(label=_("Seconder's full name"), max_length=150)
    statement = forms.CharField(
        label=_("Candidate's statement"),
        help_text=_(
            "Why they are standing and what they would do, in %(n)s characters or fewer. "
            "Voters read it beside the ballot."
        )
        % {"n": f"{STATEMENT_CHARACTERS:,}"},
        required=False,
        max_length=STATEMENT_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    photo = forms.FileField(
        label=_("Photo of the candidate"),
        help_text=_("A JPG or PNG, smaller than %(mb)s MB, at least %(px)s pixels wide and high.")
        % {"mb": PHOTO_MB_AT_MOST, "px": PHOTO_SMALLEST},
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    received_on = forms.DateField(
        label=_("Day the nomination form was received"), widget=DateInput()
    )

    def __init__(self, *args, standing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.standing = standing
        if standing:
            for name in ("candidate_number", "candidate_name", "received_on"):
                del self.fields[name]
            self.fields["statement"].label = _("Your statement")
            self.fields["statement"].help_text = _(
                "Why you are standing and what you would do, in %(n)s characters or fewer. "
                "Voters read it beside the ballot."
            ) % {"n": f"{STATEMENT_CHARACTERS:,}"}
            self.fields["photo"].label = _("A photo of you")

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        return candidate_photo(upload) if upload else None
