from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import exports as files
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.records import permissions as can

from ..imports import services
from ..imports.forms import ColumnsForm, MappingForm, UploadForm
from ..imports.specs import SPECS
from ..models import ImportKind, ImportMapping, ImportRun


@organisation_view(can.can_import_records)
def runs(request: OrgRequest) -> HttpResponse:
    recent = (
        ImportRun.objects.filter(organisation=request.organisation)
        .select_related("by")
        .defer("errors", "headers", "columns")[:50]
    )
    for run in recent:
        services.stop_if_stalled(run=run)
    mappings = ImportMapping.objects.filter(organisation=request.organisation)
    return render(request, "records/imports/runs.html", {"runs": recent, "mappings": mappings})


@organisation_view(can.can_import_records)
def upload(request: OrgRequest) -> HttpResponse:
    form = UploadForm(
        request.POST or None, request.FILES or None, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        mapping = form.cleaned_data["mapping"]
        try:
            run = services.start_import(
                organisation=request.organisation,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                by=request.user,
                columns=mapping.columns if mapping else None,
                dry_run=form.cleaned_data["dry_run"],
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if run.status == ImportRun.Status.MAPPING:
                return redirect("services:import-columns", request.organisation.slug, run.pk)
            return redirect("services:import-run", request.organisation.slug, run.pk)
    return render(request, "records/imports/upload.html", {"form": form, "kinds": form.offered})


@organisation_view(can.can_import_records)
def columns(request: OrgRequest, pk: int) -> HttpResponse:
    run = object_in(request.organisation, ImportRun, pk=pk)
    if run.status != ImportRun.Status.MAPPING:
        return redirect("services:import-run", request.organisation.slug, run.pk)
    problems = services.match_file(run=run, columns=run.columns or None).problems
    form = ColumnsForm(
        request.POST or None, kind=run.kind, headers=run.headers, columns=run.columns
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_columns(
                run=run,
                columns=form.columns(),
                by=request.user,
                save_as=form.cleaned_data["save_as"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("services:import-run", request.organisation.slug, run.pk)
    return render(
        request, "records/imports/columns.html", {"run": run, "form": form, "problems": problems}
    )


@organisation_view(can.can_import_records)
def run(request: OrgRequest, pk: int) -> HttpResponse:
    run = object_in(request.organisation, ImportRun.objects.select_related("by"), pk=pk)
    services.stop_if_stalled(run=run)
    if run.status == ImportRun.Status.RUNNING and (progress := services.live_progress(run)):
        run.rows_done, run.rows_total = progress
    response = render(request, "records/imports/run.html", {"run": run})
    if not run.is_finished and run.status != ImportRun.Status.MAPPING:
        response["Refresh"] = "2"  # the page follows the import without JavaScript
    return response


@organisation_view(can.can_import_records)
@require_POST
def restart(request: OrgRequest, pk: int) -> HttpResponse:
    run = object_in(request.organisation, ImportRun, pk=pk)
    try:
        again = services.restart_import(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("services:import-run", request.organisation.slug, run.pk)
    return redirect("services:import-run", request.organisation.slug, again.pk)


@organisation_view(can.can_import_records)
def template(request: OrgRequest, kind: str) -> HttpResponse:
    """A CSV with just the header row for one kind of file, to fill in."""
    if kind not in ImportKind.values:
        raise Http404
    return files.csv_response([[column.name for column in SPECS[kind].columns]], kind)


@organisation_view(can.can_import_records)
@require_POST
def delete_mapping(request: OrgRequest, pk: int) -> HttpResponse:
    mapping = object_in(request.organisation, ImportMapping, pk=pk)
    services.delete_mapping(mapping=mapping, by=request.user)
    messages.success(request, _("Deleted the column mapping “%(name)s”.") % {"name": mapping.name})
    return redirect("services:import-runs", request.organisation.slug)


@organisation_view(can.can_import_records)
def change_mapping(request: OrgRequest, pk: int) -> HttpResponse:
    mapping = object_in(request.organisation, ImportMapping, pk=pk)
    saved_name = mapping.name  # the page keeps the name it had until the change is saved
    form = MappingForm(request.POST or None, mapping=mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_mapping(
                mapping=mapping,
                name=form.cleaned_data["name"],
                columns=form.columns(),
                by=request.user,
            )
        except ValidationError as error:
            for field, errors in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Saved the column mapping “%(name)s”.") % {"name": mapping.name}
            )
            return redirect("services:import-runs", request.organisation.slug)
    return render(
        request,
        "records/imports/mapping.html",
        {"mapping": mapping, "saved_name": saved_name, "form": form},
    )


urlpatterns = [
    path("imports/", runs, name="import-runs"),
    path("imports/mappings/<int:pk>/", change_mapping, name="change-import-mapping"),
    path("imports/mappings/<int:pk>/delete/", delete_mapping, name="delete-import-mapping"),
    path("imports/new/", upload, name="import-upload"),
    path("imports/<int:pk>/", run, name="import-run"),
    path("imports/<int:pk>/columns/", columns, name="import-columns"),
    path("imports/<int:pk>/restart/", restart, name="restart-import"),
    path("imports/templates/<slug:kind>.csv", template, name="import-template"),
]
