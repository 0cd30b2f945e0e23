"""Surveys in the admin: for a site administrator to look and put right, never to link an
anonymous response to a household (the tables do not hold that link)."""

from django.contrib import admin

from .models import Answer, Choice, Invitation, Question, Response, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["title", "order"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "anonymity", "invited_on", "created_at"]
    list_filter = ["status", "anonymity", "organisation"]
    search_fields = ["title"]
    filter_horizontal = ["confidential_viewers"]
    readonly_fields = ["sample_size", "sample_seed", "invited_on", "created_by", "created_at"]
    inlines = [SectionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["value", "label", "order"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "kind", "required", "order"]
    list_filter = ["kind", "survey__organisation"]
    search_fields = ["text", "code"]
    raw_id_fields = ["survey", "section", "show_if_question"]
    inlines = [ChoiceInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Codes are derived, never stored: the admin shows only whether the household answered."""

    list_display = ["household", "survey", "estate", "responses"]
    list_filter = ["survey__organisation", "estate"]
    fields = ["survey", "household", "estate", "responses", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "value", "number", "text"]
    readonly_fields = fields
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "survey", "mode", "language", "estate", "submitted_on"]
    list_filter = ["mode", "survey__organisation"]
    fields = [
        "survey", "mode", "language", "estate", "stock_type", "household", "entered_by",
        "submitted_on", "source_reference",
    ]  # fmt: skip
    readonly_fields = fields
    inlines = [AnswerInline]

    def has_add_permission(self, request) -> bool:
        return False
