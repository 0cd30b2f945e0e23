"""A group's journey tracker: the dates it has reached (`Milestone`), its to-do list (`Task`),
its papers (`Document`) and its Right to Manage eligibility checks (`EligibilityCheck`).

All of it hangs off the group, so it stays with the group when the group becomes an
organisation on Tenantry (docs/journey.md, "The journey tracker").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..timelimits import DATES
from .groups import Group


class MilestoneKind(models.TextChoices):
    """The dates the statutory time limits run from and are met by (`timelimits.DATES`), in
    the order a group reaches them."""

    NOTICE_SERVED = "notice_served_on", _("The proposal notice was served on the council")
    COUNCIL_ANSWERED = "council_answered_on", _("The council answered the proposal notice")
    ACCEPTANCE = "acceptance_date", _("The group received the council's acceptance")
    ASSESSOR_APPLIED = "assessor_applied_on", _("The group applied for an assessor")
    REPORT_RECEIVED = "report_received_on", _("The assessor's report arrived")
    ACTIONS_COMPLETED = "actions_completed_on", _("The actions the assessor asked for were done")
    ASSESSOR_TOLD = "assessor_told_on", _("The council told the assessor they were done")
    REASSESSED = "reassessed_on", _("The assessor's second look arrived")
    AGREEMENT_STARTED = "agreement_started_on", _("The management agreement began")
    CONTINUATION_BALLOT = "continuation_ballot_on", _("The last ballot on carrying on was held")


assert [kind.value for kind in MilestoneKind] == list(DATES)  # one list of dates, in order


class Milestone(models.Model):
    """A date the group reached, once per kind; a correction keeps the earlier one in history."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("what happened"), max_length=30, choices=MilestoneKind.choices)
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["group", "kind"], name="journey_milestone_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.happened_on:%d/%m/%Y}"


class Task(models.Model):
    """Something the group has to do: for one of its members, or someone named in words."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("what needs doing"), max_length=200)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    assignee_name = models.CharField(_("or someone else"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_on", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def who(self) -> str:
        return self.assignee.name if self.assignee_id else self.assignee_name

    def is_overdue(self, today) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today


def _document_path(document: "Document", filename: str) -> str:
    return f"journey/groups/{document.group_id}/{filename}"


class Document(models.Model):
    """A paper the group keeps: its constitution, the notice, letters. Kept under MEDIA_ROOT,
    which the site does not serve: downloaded only through the group's page."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class EligibilityCheck(models.Model):
    """The Right to Manage check (`journey.eligibility`) run for the group: the answers given
    and the result, as on the day."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="eligibility_checks")
    answers = models.JSONField(_("answers"), blank=True)  # the checker form's cleaned data
    outcome = models.CharField(_("result"), max_length=10)  # passed, failed or unknown
    tests = models.JSONField(_("each rule"))  # [{key, title, outcome, explanation, source}]
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["-checked_on", "-pk"]
        get_latest_by = ["checked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.group}: {self.outcome} ({self.checked_on:%d/%m/%Y})"
