"""What residents fill in: a repair report, a rating, a comment and a complaint."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from tenantry.core.forms import GovukForm, Radios

from .models import AsbCase, Complaint, Repair, RepairPhoto
from .services import Photo


class BigRadios(Radios):
    """GOV.UK's full-size radios (easy to tap on a phone), each with an optional hint."""

    template_name = "records/resident/widgets/radios.html"
    option_template_name = "records/resident/widgets/radio_option.html"

    def __init__(self, attrs=None, choices=(), *, hints=None, inline=False):
        super().__init__(attrs, choices)
        self.hints = hints or {}
        self.inline = inline

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["inline"] = self.inline
        return context

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(value, "")
        return option


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(label, *, help_text="", required_message):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda answer: answer == "yes",
        widget=BigRadios(inline=True),
        error_messages={"required": required_message},
    )


# The trades in plain words: what a resident sees, not what the repairs team calls them.
TRADES = [
    (Repair.Trade.PLUMBING, _("Water, taps, toilets and leaks")),
    (Repair.Trade.HEATING, _("Heating and hot water")),
    (Repair.Trade.ELECTRICAL, _("Lights, sockets and electrics")),
    (Repair.Trade.CARPENTRY, _("Doors, windows, locks and cupboards")),
    (Repair.Trade.GLAZING, _("Broken glass")),
    (Repair.Trade.ROOFING, _("Roof and gutters")),
    (Repair.Trade.DRAINAGE, _("Blocked drains, sinks or baths")),
    (Repair.Trade.DAMP_MOULD, _("Damp and mould")),
    (Repair.Trade.PLASTERING, _("Walls, ceilings and floors")),
    (Repair.Trade.COMMUNAL, _("Shared areas: stairs, lifts, lights and entrances")),
    (Repair.Trade.OTHER, _("Something else")),
]
TRADE_HINTS = {
    Repair.Trade.PLUMBING: _("A dripping tap, a toilet that will not flush, a leaking pipe"),
    Repair.Trade.HEATING: _("The boiler, radiators, no hot water"),
    Repair.Trade.ELECTRICAL: _("A light or socket that does not work, a tripping fuse"),
    Repair.Trade.CARPENTRY: _("A door or window that will not close or lock"),
    Repair.Trade.PLASTERING: _("Cracked plaster, a loose floorboard"),
}


PHOTOS_AT_MOST = 3
PHOTO_MB_AT_MOST = 10
_FORMATS = {"JPEG": RepairPhoto.Format.JPEG, "PNG": RepairPhoto.Format.PNG}


class PhotosInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to three photos, each a JPEG or PNG of 10 MB or less, checked by reading the image
    itself, not by trusting its name or the type the browser claims."""

    widget = PhotosInput(attrs={"accept": "image/jpeg,image/png"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > PHOTOS_AT_MOST:
            raise ValidationError(
                ngettext(
                    "Choose %(n)d photo or fewer",
                    "Choose %(n)d photos or fewer",
                    PHOTOS_AT_MOST,
                )
                % {"n": PHOTOS_AT_MOST}
            )
        return [self._photo(upload) for upload in files]

    def _photo(self, upload) -> Photo:
        name = upload.name or ""
        if upload.size > PHOTO_MB_AT_MOST * 1024 * 1024:
            raise ValidationError(
                _("%(name)s is bigger than %(mb)d MB. Choose a smaller photo")
                % {"name": name, "mb": PHOTO_MB_AT_MOST}
            )
        try:
            with Image.open(upload) as image:
                found = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            found = None
        if name.lower().endswith((".heic", ".heif")) or _is_heic(upload):
            raise ValidationError(
                _(
                    "%(name)s is a HEIC photo, which we cannot open. Send it as a JPG: on an "
                    "iPhone, take a screenshot of it, or set Settings, Camera, Formats to "
                    "Most Compatible"
                )
                % {"name": name}
            )
        if found not in _FORMATS:
            raise ValidationError(
                _("%(name)s must be a photo saved as a JPG or PNG") % {"name": name}
            )
        upload.seek(0)
        return Photo(file=upload, content_type=_FORMATS[found])


def _is_heic(upload) -> bool:
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc")


class RepairReportForm(GovukForm, forms.Form):
    trade = forms.ChoiceField(
        label=_("What needs fixing?"),
        choices=TRADES,
        widget=BigRadios(hints=TRADE_HINTS),
        error_messages={"required": _("Select what needs fixing")},
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_(
            "Say where it is, what is wrong and since when. For example: the kitchen tap drips "
            "all the time and the cupboard under the sink is wet."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe the problem"),
            "max_length": _("Describe the problem in 2,000 characters or fewer"),
        },
    )
    emergency = yes_no(
        _("Is anyone in danger, or could the home be damaged, if it waits until tomorrow?"),
        help_text=_(
            "For example a gas smell, flooding or water coming through a ceiling, sparking or "
            "burning smells from electrics, no heating or hot water for someone elderly, ill, "
            "disabled or a baby, no water at all, or a front door that will not lock."
        ),
        required_message=_("Select yes if anyone is in danger or the home could be damaged"),
    )
    damp_or_mould = yes_no(
        _("Is there damp or mould in your home?"),
        help_text=_(
            "For example black spots on walls or ceilings, a musty smell, or walls that are wet. "
            "If you say yes, staff will come to inspect it within 10 working days."
        ),
        required_message=_("Select yes if there is damp or mould in your home"),
    )
    access_times = forms.CharField(
        label=_("When can we get into your home?"),
        help_text=_("For example: weekdays after 3pm, not Tuesdays. Or: a neighbour has a key."),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Say when we can get in using 300 characters or fewer")},
    )
    photos = PhotosField(
        label=_("Add photos"),
        help_text=_("Up to 3 photos of the problem, JPG or PNG, each 10 MB or less."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].widget.attrs["class"] = "govuk-file-upload"


class EscalationForm(GovukForm, forms.Form):
    reason = forms.CharField(
        label=_("Why are you not happy with our answer?"),
        help_text=_("Tell us what we got wrong or left out, and what would put it right."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Tell us why you are not happy with our answer"),
            "max_length": _("Tell us why in 5,000 characters or fewer"),
        },
    )


SATISFACTION = [
    (1, _("Very dissatisfied")),
    (2, _("Fairly dissatisfied")),
    (3, _("Neither satisfied nor dissatisfied")),
    (4, _("Fairly satisfied")),
    (5, _("Very satisfied")),
]


class RatingForm(GovukForm, forms.Form):
    """The one-tap rating: the button pressed carries the score."""

    satisfaction = forms.TypedChoiceField(
        choices=SATISFACTION,
        coerce=int,
        error_messages={
            "required": _("Choose a rating from 1 to 5"),
            "invalid_choice": _("Choose a rating from 1 to 5"),
        },
    )


class RatingCommentForm(GovukForm, forms.Form):
    comment = forms.CharField(
        label=_("Tell us more"),
        help_text=_("What went well, or what could have been better?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Write your comment in 2,000 characters or fewer")},
    )


# What a complaint is about, in plain words, in the order residents most often need them.
COMPLAINT_ABOUT = [
    (Complaint.Category.REPAIRS, _("A repair")),
    (Complaint.Category.COMMUNICATION, _("How we kept you informed")),
    (Complaint.Category.STAFF, _("How a member of staff treated you")),
    (Complaint.Category.CLEANING, _("Cleaning and caretaking")),
    (Complaint.Category.ASB, _("How we dealt with anti-social behaviour")),
    (Complaint.Category.RENT, _("Rent and service charges")),
    (Complaint.Category.SAFETY, _("Safety in your building")),
    (Complaint.Category.LETTINGS, _("Moving home or an empty home")),
    (Complaint.Category.OTHER, _("Something else")),
]


class ComplaintForm(GovukForm, forms.Form):
    category = forms.ChoiceField(
        label=_("What is your complaint about?"),
        choices=COMPLAINT_ABOUT,
        widget=BigRadios(),
        error_messages={"required": _("Select what your complaint is about")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("Tell us what went wrong, when, and who was involved if you know."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("Tell us what happened in 5,000 characters or fewer"),
        },
    )
    put_right = forms.CharField(
        label=_("What would put it right?"),
        help_text=_(
            "For example an apology, a repair done, or money back. Leave it blank if you are "
            "not sure."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Tell us what would put it right in 2,000 characters or fewer")
        },
    )


# Anti-social behaviour in plain words, in the order residents most often need them.
ASB_KINDS = [
    (AsbCase.Category.NOISE, _("Noise")),
    (AsbCase.Category.HARASSMENT, _("Harassment, intimidation or abuse")),
    (AsbCase.Category.VIOLENCE, _("Violence or threats of violence")),
    (AsbCase.Category.VANDALISM, _("Vandalism, graffiti or damage")),
    (AsbCase.Category.DRUGS, _("Drug dealing or drug use")),
    (AsbCase.Category.NUISANCE, _("Other nuisance, such as rubbish or rowdy behaviour")),
    (AsbCase.Category.OTHER, _("Something else")),
]
ASB_WHERE = [
    ("home", _("At or near my home")),
    ("estate", _("Somewhere else on my estate")),
]


class AsbReportForm(GovukForm, forms.Form):
    category = forms.ChoiceField(
        label=_("What kind of behaviour is it?"),
        choices=ASB_KINDS,
        widget=BigRadios(),
        error_messages={"required": _("Select what kind of behaviour it is")},
    )
    where = forms.ChoiceField(
        label=_("Where is it happening?"),
        choices=ASB_WHERE,
        widget=BigRadios(),
        error_messages={"required": _("Select where it is happening")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what happened, when, and how often. Say who was involved if you know. "
            "If you have reported this before, say so."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("Tell us what happened in 5,000 characters or fewer"),
        },
    )
    hate_incident = yes_no(
        _("Do you think it was because of who you or someone else is?"),
        help_text=_(
            "For example because of disability, race, religion, sexual orientation or being "
            "transgender. We treat it as a hate incident if you or anyone else thinks so."
        ),
        required_message=_("Select yes if you think it was because of who someone is"),
    )
