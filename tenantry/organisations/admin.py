from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ManagementAgreement, Organisation, RoleAssignment


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "landlord", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline]


@admin.register(ManagementAgreement)
class ManagementAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "landlord", "organisation", "starts_on", "ends_on"]
    list_filter = ["landlord"]
    search_fields = ["title", "organisation__name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "since"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
