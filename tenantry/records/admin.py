from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import (
    AsbCase,
    AsbReport,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    ImportMapping,
    ImportRun,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    SafetyRequirement,
    Void,
)
from .services import refresh_due_times


@admin.register(RepairPriority)
class RepairPriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "landlord", "target_amount", "target_unit", "is_emergency"]
    list_filter = ["landlord"]

    actions = ["re_time_repairs"]

    @admin.action(
        description=gettext_lazy("Re-time every repair of these priorities to today's target")
    )
    def re_time_repairs(self, request, queryset) -> None:
        # Repairs keep the target they were raised with; this is for a target entered wrongly.
        count = sum(refresh_due_times(priority=priority) for priority in queryset)
        self.message_user(request, _("Repairs re-timed: %(count)s.") % {"count": count})


class RecordAdmin(admin.ModelAdmin):
    search_fields = ["reference"]
    list_filter = ["organisation"]
    raw_id_fields = ["home"]


@admin.register(Repair)
class RepairAdmin(RecordAdmin):
    list_display = [
        "reference",
        "organisation",
        "priority",
        "status",
        "reported_at",
        "completed_at",
    ]
    list_filter = ["organisation", "status", "kind", "hazard"]
    raw_id_fields = ["home", "block", "reported_by"]


@admin.register(Void)
class VoidAdmin(RecordAdmin):
    list_display = [
        "reference",
        "home",
        "tenancy_ended_on",
        "new_tenancy_started_on",
        "major_works",
    ]


@admin.register(RentPeriod)
class RentPeriodAdmin(RecordAdmin):
    list_display = [
        "reference",
        "household",
        "starts_on",
        "rent_due",
        "collected",
        "arrears_carried_forward",
    ]
    raw_id_fields = ["household"]


@admin.register(Complaint)
class ComplaintAdmin(RecordAdmin):
    list_display = [
        "reference",
        "organisation",
        "category",
        "received_on",
        "escalated_on",
        "outcome",
    ]
    raw_id_fields = ["home", "made_by"]


@admin.register(AsbCase)
class AsbCaseAdmin(RecordAdmin):
    list_display = [
        "reference",
        "organisation",
        "category",
        "is_hate_incident",
        "opened_on",
        "closed_on",
    ]
    raw_id_fields = ["home", "estate"]


@admin.register(AsbReport)
class AsbReportAdmin(RecordAdmin):
    list_display = ["reference", "organisation", "case", "category", "received_on", "channel"]
    raw_id_fields = ["case", "home", "estate", "reported_by"]


@admin.register(SafetyRequirement)
class SafetyRequirementAdmin(admin.ModelAdmin):
    list_display = ["kind", "home", "block", "interval_months", "required_from", "required_until"]
    list_filter = ["kind", "organisation"]
    raw_id_fields = ["home", "block"]


@admin.register(SafetyCheck)
class SafetyCheckAdmin(RecordAdmin):
    list_display = ["reference", "kind", "home", "block", "due_on", "done_on", "outcome"]
    list_filter = ["organisation", "kind", "outcome"]
    raw_id_fields = ["home", "block"]


@admin.register(DecentHomesStatus)
class DecentHomesStatusAdmin(RecordAdmin):
    list_display = ["reference", "home", "meets_standard", "since"]


@admin.register(EstateInspection)
class EstateInspectionAdmin(RecordAdmin):
    list_display = [
        "reference",
        "estate",
        "inspected_on",
        "inspector_kind",
        "cleanliness",
        "graffiti",
    ]
    raw_id_fields = ["estate", "block"]


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "kind", "updated_at"]
    list_filter = ["kind", "organisation"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "organisation",
        "kind",
        "status",
        "rows",
        "error_count",
        "created_at",
    ]
    list_filter = ["status", "kind", "organisation"]
    readonly_fields = ["errors", "headers", "columns"]
    raw_id_fields = ["by"]
