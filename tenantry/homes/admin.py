from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tenantry.organisations.models import Organisation

from .models import Block, Coverage, EqualityProfile, Estate, Home, Household, Resident
from .stock import stock_changed


class RecountsStock:
    """Saving or deleting estates, homes or coverage here changes what the overviews count:
    the landlord's and its organisations' stored counts are counted again (`homes/stock.py`)."""

    @staticmethod
    def _landlord_id(obj) -> int:
        return obj.agreement.landlord_id if isinstance(obj, Coverage) else obj.landlord_id

    def _recount(self, landlord_ids) -> None:
        stock_changed(
            organisations=Organisation.objects.filter(pk__in=landlord_ids)
            | Organisation.objects.filter(landlord_id__in=landlord_ids)
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recount([self._landlord_id(obj)])

    def delete_model(self, request, obj):
        landlord_id = self._landlord_id(obj)
        super().delete_model(request, obj)
        self._recount([landlord_id])

    def delete_queryset(self, request, queryset):
        landlord_ids = {self._landlord_id(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        self._recount(landlord_ids)


@admin.register(Estate)
class EstateAdmin(RecountsStock, admin.ModelAdmin):
    list_display = ["name", "reference", "landlord", "area"]
    list_filter = ["landlord"]
    search_fields = ["name", "reference"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["name", "estate", "storeys", "has_lift"]
    search_fields = ["name", "estate__name"]
    list_select_related = ["estate"]


@admin.register(Home)
class HomeAdmin(RecountsStock, SimpleHistoryAdmin):
    list_display = ["reference", "address", "postcode", "home_type", "bedrooms", "tenure"]
    list_filter = ["tenure", "stock_type", "home_type"]
    search_fields = ["reference", "address", "postcode"]
    raw_id_fields = ["estate", "block"]


@admin.register(Coverage)
class CoverageAdmin(RecountsStock, admin.ModelAdmin):
    list_display = ["home", "agreement", "starts_on", "ends_on"]
    raw_id_fields = ["home"]
    list_select_related = ["home", "agreement"]


class ResidentInline(admin.TabularInline):
    model = Resident
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["reference", "home", "started_on", "ended_on"]
    search_fields = ["reference", "home__address"]
    raw_id_fields = ["home"]
    inlines = [ResidentInline]


@admin.register(EqualityProfile)
class EqualityProfileAdmin(admin.ModelAdmin):
    list_display = ["resident", "consented_on"]
    raw_id_fields = ["resident"]
