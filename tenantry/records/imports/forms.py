from django import forms
from django.utils.translation import gettext_lazy as _

from tenantry.core.figures import number_text
from tenantry.core.forms import GovukForm

from ..kinds import KINDS
from ..models import ImportKind, ImportMapping
from ..selectors.keeping import may_keep_records_of, not_kept_because, record_kinds_kept_by
from .limits import max_rows
from .specs import SPECS
from .values import normalise

# What each type of column holds, as the mapping page and docs/imports.md describe it.
FORMATS = {
    "text": _("text"),
    "int": _("a whole number"),
    "decimal": _("an amount, like 125.50"),
    "date": _("a date: dd/mm/yyyy or yyyy-mm-dd"),
    "datetime": _("a date and time: dd/mm/yyyy hh:mm or yyyy-mm-ddThh:mm (UK time)"),
    "bool": _("yes or no"),
    "home": _("the landlord's property reference"),
    "block": _("the landlord's block reference"),
    "block-on-estate": _("the landlord's block reference"),
    "estate": _("the landlord's estate reference"),
    "priority": _("a repair priority's code"),
    "household": _("the tenancy or account reference"),
}
MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class UploadForm(GovukForm, forms.Form):
    kind = forms.ChoiceField(label=_("What is in the file?"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Upload a file"),
    )
    mapping = forms.ModelChoiceField(
        label=_("Saved column mapping"),
        queryset=ImportMapping.objects.none(),
        required=False,
        empty_label=_("None: the headers are Tenantry's own"),
        help_text=_("If the file comes from a system whose headers you have matched before."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file: change nothing"),
        required=False,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # Only the kinds the organisation is responsible for are offered; another one sent
        # anyway is refused in clean_kind with the reason.
        kept = record_kinds_kept_by(organisation=organisation)
        self.offered = [
            (k, label) for k, label in ImportKind.choices if k in kept or k not in KINDS
        ]
        if len(self.offered) < len(ImportKind.choices):
            self.fields["kind"].widget.choices = self.offered
            self.fields["kind"].help_text = _(
                "Only the records %(organisation)s keeps under its management agreement are listed."
            ) % {"organisation": organisation.name}
        self.fields["mapping"].queryset = ImportMapping.objects.filter(organisation=organisation)
        self.fields["file"].help_text = _(
            "A CSV or XLSX file with a header row, up to %(size)s MB and %(rows)s rows. The "
            "first sheet of a workbook is read."
        ) % {"size": MAX_UPLOAD_BYTES // 2**20, "rows": number_text(max_rows())}
        self.fields["file"].widget.attrs["class"] = "govuk-file-upload"
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if not may_keep_records_of(organisation=self.organisation, kind=kind):
            raise forms.ValidationError(
                not_kept_because(organisation=self.organisation, kind=kind, doing="import")
            )
        return kind

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("The file must be a CSV or XLSX file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file must be smaller than 500 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        mapping = cleaned.get("mapping")
        if mapping and mapping.kind != cleaned.get("kind"):
            self.add_error(
                "mapping",
                _("That mapping is for %(kind)s files.") % {"kind": mapping.get_kind_display()},
            )
        return cleaned


class MappingForm(GovukForm, forms.Form):
    """A saved mapping's name, and for each of our columns the header of theirs that holds it."""

    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        help_text=_("What the files' source is called, like “Orchard housing system”."),
        error_messages={"required": _("Enter a name for the mapping")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )

    def __init__(self, *args, mapping: ImportMapping, **kwargs):
        super().__init__(*args, initial={"name": mapping.name}, **kwargs)
        self.spec = SPECS[mapping.kind]
        for column in self.spec.columns:
            # A column the mapping does not mention is matched by its own name when importing.
            theirs = mapping.columns.get(column.name, column.name)
            self.fields[f"column_{column.name}"] = forms.CharField(
                label=column.name,
                required=column.required,
                max_length=255,
                initial=theirs,
                help_text=_describe(self.spec, column),
                # Added after GovukForm has styled the fields: the class is given in full.
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20"}),
                error_messages={
                    "required": _("Enter the header of the column that holds %(column)s")
                    % {"column": column.name}
                },
            )

    def columns(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for name, value in list(cleaned.items()):
            if not name.startswith("column_") or not value.strip():
                continue
            header = normalise(value)
            if header in seen:
                self.add_error(
                    name,
                    _("“%(header)s” is already given for %(column)s")
                    % {"header": value.strip(), "column": seen[header]},
                )
            seen.setdefault(header, name.removeprefix("column_"))
        wanted = self.spec.needs_one_of
        fields = [f"column_{n}" for n in wanted]
        if wanted and not any((cleaned.get(f) or "").strip() or f in self.errors for f in fields):
            self.add_error(
                fields[0],
                _("Enter a header for %(columns)s") % {"columns": _(" or ").join(wanted)},
            )
        return cleaned


def _describe(spec, column) -> str:
    """What a column holds, in words: its format, or the values it may take."""
    if column.type == "choice":
        values = [v for v, _label in spec.model_field(column).choices if v]
        return _("one of: %(values)s") % {"values": ", ".join(values)}
    return str(FORMATS[column.type])


class ColumnsForm(GovukForm, forms.Form):
    """One select for each of our columns, listing the file's headers, the matching one chosen."""

    save_as = forms.CharField(
        label=_("Save these choices as"),
        required=False,
        max_length=60,
        help_text=_(
            "A name like “Orchard housing system”, to use them again for files "
            "from the same place. Leave empty not to save them."
        ),
    )

    def __init__(self, *args, kind: str, headers: list[str], columns: dict | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = SPECS[kind]
        choices = [("", _("Not in this file"))] + [(h, h) for h in headers if h]
        by_name = {normalise(h): h for h in headers if h}
        fields = {}
        for column in self.spec.columns:
            # A saved mapping's choice if the file has that header, else the same-named header.
            wanted = (columns or {}).get(column.name) or column.name
            chosen = by_name.get(normalise(wanted)) or by_name.get(normalise(column.name), "")
            fields[f"column_{column.name}"] = forms.ChoiceField(
                label=column.name,
                choices=choices,
                required=column.required,
                initial=chosen,
                help_text=self._format(column),
                error_messages={
                    "required": _("Choose the column that holds %(column)s")
                    % {"column": column.name}
                },
            )
        # The columns first, then the name to save them under.
        save_as = self.fields.pop("save_as")
        self.fields.update(fields)
        self.fields["save_as"] = save_as
        for name, field in self.fields.items():
            if name.startswith("column_"):
                field.widget.attrs["class"] = "govuk-select"

    def _format(self, column) -> str:
        return _describe(self.spec, column)

    def columns(self) -> dict[str, str]:
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("column_")
        }

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for name, value in list(cleaned.items()):
            if not name.startswith("column_") or not value:
                continue
            if value in seen:
                self.add_error(
                    name,
                    _("“%(header)s” is already chosen for %(column)s")
                    % {"header": value, "column": seen[value]},
                )
            seen[value] = name.removeprefix("column_")
        wanted = self.spec.needs_one_of
        fields = [f"column_{n}" for n in wanted]
        if wanted and not any(cleaned.get(f) or f in self.errors for f in fields):
            self.add_error(
                f"column_{wanted[0]}",
                _("Choose a column for %(columns)s") % {"columns": _(" or ").join(wanted)},
            )
        return cleaned
