"""What a network's advisers record while following up a group: each contact with it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .groups import Group


class ContactHow(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")


class ContactNote(models.Model):
    """One contact with a group: when, how, what was said, and who recorded it."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="contact_notes")
    on = models.DateField(_("date of the contact"))
    how = models.CharField(_("how"), max_length=10, choices=ContactHow.choices)
    note = models.TextField(_("what was said or agreed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact with a group")
        verbose_name_plural = _("contacts with a group")
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.group} {self.on} {self.get_how_display()}"
