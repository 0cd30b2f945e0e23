"""RP02: the landlord's stated target timescales for repairs, as the regulator asks beside
the measure."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tenantry.organisations.models import Organisation
from tenantry.records.models import RepairPriority


@dataclass(frozen=True)
class Timescales:
    """What the regulator asks beside RP02: the longest target for emergency and for other
    repairs, and whether the landlord has more than one of each."""

    emergency: RepairPriority | None
    emergency_several: bool
    non_emergency: RepairPriority | None
    non_emergency_several: bool
    priorities: list[RepairPriority]

    def text(self, priority: RepairPriority | None) -> str:
        if priority is None:
            return _("none set")
        return f"{priority.target_amount} {priority.get_target_unit_display()}"

    @property
    def outline_emergency(self) -> str:
        return self.outline(emergency=True)

    @property
    def outline_other(self) -> str:
        return self.outline(emergency=False)

    def outline(self, *, emergency: bool) -> str:
        """The timescales in use, as the return's free-text question asks: "Urgent: 5 working
        days; Routine: 28 calendar days"."""
        chosen = [p for p in self.priorities if p.is_emergency == emergency]
        chosen.sort(key=lambda p: p.target_amount * _HOURS[p.target_unit])  # shortest first
        return "; ".join(f"{p.name}: {self.text(p)}" for p in chosen)


# Rough lengths, only to find the longest of priorities given in different units.
_HOURS = {
    RepairPriority.Unit.HOURS: 1,
    RepairPriority.Unit.CALENDAR_DAYS: 24,
    RepairPriority.Unit.WORKING_DAYS: 24 * 7 / 5,
}


def repair_timescales(*, organisation: Organisation) -> Timescales | None:
    """The target timescales of the repairs scheme behind an organisation's RP02: its landlord's
    priorities (a landlord's own). None when the organisation has no landlord."""
    landlord = organisation if organisation.is_landlord else organisation.landlord
    if landlord is None:
        return None
    priorities = list(RepairPriority.objects.filter(landlord=landlord))

    def longest(group: list[RepairPriority]) -> RepairPriority | None:
        return max(group, key=lambda p: p.target_amount * _HOURS[p.target_unit], default=None)

    emergency = [p for p in priorities if p.is_emergency]
    other = [p for p in priorities if not p.is_emergency]
    return Timescales(longest(emergency), len(emergency) > 1, longest(other), len(other) > 1,
                      priorities)  # fmt: skip
