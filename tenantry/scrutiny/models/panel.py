"""A panel's members' training: one record per course a member has done.

The members themselves are the people who hold the panel role in the panel's organisation
(`RoleAssignment`, kept on the organisation's People page): the panel keeps no register of its
own."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenantry.organisations.models import Organisation


class PanelTraining(models.Model):
    panel = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="panel_training")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="panel_training",
    )
    course = models.CharField(_("course"), max_length=200)
    completed_on = models.DateField(_("completed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["panel", "member"], name="panel_training_member")]

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on})"
