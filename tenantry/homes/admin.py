from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Block, Coverage, EqualityProfile, Estate, Home, Household, Resident


@admin.register(Estate)
class EstateAdmin(admin.ModelAdmin):
    list_display = ["name", "reference", "landlord", "area"]
    list_filter = ["landlord"]
    search_fields = ["name", "reference"]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["name", "estate", "storeys", "has_lift"]
    search_fields = ["name", "estate__name"]
    list_select_related = ["estate"]


@admin.register(Home)
class HomeAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "address", "postcode", "home_type", "bedrooms", "tenure"]
    list_filter = ["tenure", "stock_type", "home_type"]
    search_fields = ["reference", "address", "postcode"]
    raw_id_fields = ["estate", "block"]


@admin.register(Coverage)
class CoverageAdmin(admin.ModelAdmin):
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
