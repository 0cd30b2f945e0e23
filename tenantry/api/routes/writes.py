"""Changes, with a token only: importing a file of service records and sending the figures
for a period to the landlord. Each goes through the same service as its page
(`records.imports.services.start_import`, `indicators.services.submissions`), which checks
the same permission and records who did it; the form the page uses checks what was sent."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile

from tenantry.organisations.access import organisation_for
from tenantry.records import permissions as record_rules
from tenantry.records.imports import services as import_services
from tenantry.records.imports.forms import UploadForm
from tenantry.records.models import ImportRun

from .. import schemas
from ..auth import WRITE
from ..common import slug_path
from ..errors import ApiError, problems_of
from .shapes import import_run_out, written

router = Router(auth=WRITE, tags=["With a token: changing"])


def _form_problems(form) -> list[dict]:
    return [
        {"field": None if name == "__all__" else name, "message": message}
        for name, messages in form.errors.items()
        for message in messages
    ]


@router.post(
    "/organisations/{slug}/imports",
    response={
        201: schemas.ImportRunOut,
        202: schemas.ImportRunOut,
        **written(schemas.ImportRunOut),
    },  # fmt: skip
    url_name="import-records",
    operation_id="import_records",
    summary="Import a CSV or XLSX file of service records (all or nothing)",
)
def import_records(
    request: HttpRequest,
    slug: str = slug_path(),
    kind: str = Form(..., max_length=20, description="repairs, voids, rent, complaints…"),
    dry_run: bool = Form(False, description="check the file only; nothing is saved"),
    mapping: int | None = Form(None, ge=1, le=2**63 - 1, description="a saved column mapping"),
    file: UploadedFile = File(..., description="the CSV or XLSX file, header row first"),
):
    organisation, _roles = organisation_for(
        user=request.auth, slug=slug, rule=record_rules.can_import_records
    )
    form = UploadForm(
        {"kind": kind, "mapping": mapping or "", "dry_run": "on" if dry_run else ""},
        {"file": file},
        organisation=organisation,
    )
    if not form.is_valid():
        raise ApiError(422, _("The file was not imported."), _form_problems(form))
    chosen = form.cleaned_data["mapping"]
    try:
        run = import_services.start_import(
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.auth,
            columns=chosen.columns if chosen else None,
            dry_run=form.cleaned_data["dry_run"],
            language=get_language() or "en-gb",
        )
    except ValidationError as error:
        raise ApiError(
            422,
            _("The file was not imported."),
            [{**p, "field": p.get("field") or "file"} for p in problems_of(error)],
        ) from None
    run.refresh_from_db()
    if run.status == ImportRun.Status.MAPPING:
        matched = import_services.match_file(run=run, columns=run.columns or None)
        raise ApiError(
            422,
            _(
                "The file's columns do not match %(kind)s: rename them, or send a saved mapping "
                "(the import page can make one)."
            )
            % {"kind": run.get_kind_display()},
            [{"column": where, "message": reason} for where, reason in matched.problems],
        )
    if run.status == ImportRun.Status.REJECTED:
        raise ApiError(
            422,
            _("The file was not imported, and nothing was saved. Problems found: %(count)s.")
            % {"count": run.error_count},
            [
                {"line": e.get("line"), "column": e.get("column") or None, "message": e["reason"]}
                for e in run.errors or []
            ],
        )
    status = 201 if run.status == ImportRun.Status.DONE else 202
    return status, import_run_out(request, run, organisation.slug)
