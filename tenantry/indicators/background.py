"""The regulator's TSM return prepared in the background (`organisations/prepared.py`) for a
large landlord: counting a year's responsive repairs across a whole stock of a hundred
thousand homes takes longer than a page should wait. A smaller organisation's return is
written in the request."""

from datetime import date
from typing import IO

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core import exports as files
from tenantry.core.models import User
from tenantry.core.periods import Period, parse_period
from tenantry.organisations import prepared
from tenantry.organisations.models import Organisation, PreparedFile

from . import exports
from .calculators import homes_on
from .permissions import can_export_results
from .scopes import ScopeChoice, scopes_for

TSM_RETURN = "tsm-return"


def tsm_return_in_background(scopes: list[ScopeChoice], on: date) -> bool:
    """Whether the return is prepared in the background: from `TSM_RETURN_IN_BACKGROUND`
    homes in the whole stock it covers (its first scope)."""
    homes = homes_on(scopes[0].subject, on, relevant_only=False)
    return homes[: settings.TSM_RETURN_IN_BACKGROUND].count() >= settings.TSM_RETURN_IN_BACKGROUND


def tsm_return_filename(organisation: Organisation, year: Period, fmt: str) -> str:
    return f"{organisation.slug}-tsm-return-{slugify(year.label)}.{fmt}"


def tsm_return_content(layout: exports.Layout, fmt: str) -> bytes:
    if fmt == "csv":
        return files.csv_bytes(exports.to_rows(layout))
    return files.xlsx_bytes([exports.to_sheet(layout)])


def prepare_tsm_return(
    *, organisation: Organisation, year: Period, fmt: str, by: User, language: str
) -> PreparedFile:
    """Queue the return for `year`; its file's page follows the work."""
    return prepared.prepare(
        organisation=organisation,
        kind=TSM_RETURN,
        title=_("TSM return %(year)s") % {"year": year.label},
        filename=tsm_return_filename(organisation, year, fmt),
        params={
            "year": year.label,
            "format": fmt,
            "back": reverse("indicators:performance", args=[organisation.slug])
            + f"?period={year.label}",
        },
        by=by,
        language=language,
    )


def _write_tsm_return(file: PreparedFile, out: IO[bytes], progress: prepared.Progress) -> None:
    organisation = file.organisation
    scopes = scopes_for(organisation=organisation, on=timezone.localdate())
    year = parse_period(file.params["year"])
    progress(0, 1)
    layout = exports.tsm_return_layout(organisation=organisation, scopes=scopes, year=year)
    out.write(tsm_return_content(layout, file.params["format"]))
    progress(1, 1)


def register() -> None:
    prepared.register(
        prepared.Kind(
            slug=TSM_RETURN,
            rule=can_export_results,
            write=_write_tsm_return,
            content_type="",  # from the file's name: .csv or .xlsx
            counted=gettext_noop("%(done)s of %(total)s returns written"),
        )
    )
