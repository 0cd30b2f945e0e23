"""Themes worked out from residents' comments, kept so the page shows them at once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import Organisation


class ThemeRun(models.Model):
    """One working-out of what an organisation's residents keep raising: every written survey
    answer, complaint and criticism raised at a meeting, grouped into themes (docs/themes.md).
    Each comment grouped keeps its source and financial year (`ThemeComment`), so the page
    filters by either without working the themes out again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being worked out")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="theme_runs"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("worked out"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments read"), default=0)
    model_name = models.CharField(_("model"), max_length=60, blank=True)
    error = models.TextField(_("what went wrong"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("themes run")
        indexes = [models.Index(fields=["organisation", "status", "-finished_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.requested_at:%Y-%m-%d}"


class Theme(models.Model):
    """A group of comments that say much the same thing, labelled by its most telling words."""

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()  # 1 is the largest
    label = models.CharField(_("label"), max_length=200)
    size = models.PositiveIntegerField(_("comments"))

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="theme_number_once_per_run")
        ]

    def __str__(self) -> str:
        return self.label


class ThemeComment(models.Model):
    """One comment read by a run: where it came from (its kind and the id of the written
    answer, complaint or criticism), its financial year, and its theme (none: too short, or in
    a group too small to be a theme). Examples are the members closest to their theme's centre
    (`rank` 1 first). The text itself stays in its own record, with that record's rules."""

    class Source(models.TextChoices):
        SURVEYS = "surveys", _("Surveys")
        COMPLAINTS = "complaints", _("Complaints")
        MEETINGS = "meetings", _("Meetings")

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="comments_read")
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    object_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()  # the financial year's first calendar year
    rank = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["run", "theme", "rank"])]

    def __str__(self) -> str:
        return f"{self.source} {self.object_id}"
