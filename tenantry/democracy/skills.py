"""The committee skills matrix: the skills a tenant-run committee needs between its members.

One list, the one home for it. A committee does not need every member to have every skill; it
needs each skill held by someone. The Guide to Best Value for TMOs expects a committee able to
run meetings, read its performance figures and money, challenge its services and answer to its
members, and the journey's "What it takes" page names skills and training as a step to tenant
control. Training (`tenantry/journey`, courses and e-learning) says which of these skills each
course builds, and shows a committee which it has covered and which remain gaps.

Held as choices, not a table, so that every organisation reads the same matrix and training
from any network maps onto it; the values are stored by other apps, so never rename one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Skill(models.TextChoices):
    CHAIRING = "chairing", _("Chairing and running meetings")
    GOVERNANCE = "governance", _("Governance: the constitution, the law and a board's duties")
    FINANCE = "finance", _("Money: budgets, accounts and the management allowance")
    PERFORMANCE = "performance", _("Reading performance figures and setting targets")
    SCRUTINY = "scrutiny", _("Scrutiny: asking questions and challenging services")
    REPAIRS = "repairs", _("Repairs, maintenance and building safety")
    HOUSING_MANAGEMENT = "housing_management", _("Housing management: rents, lettings, tenancies")
    EQUALITY = "equality", _("Equality, diversity and reaching everyone")
    COMMUNICATION = "communication", _("Talking with residents: consultation and newsletters")
    EMPLOYING = "employing", _("Employing and managing staff and contractors")


SKILLS = list(Skill)


def skill_labels(values) -> list[str]:
    """The names of the skills `values` stand for, in the matrix's order; unknown values left
    out."""
    chosen = set(values)
    return [str(skill.label) for skill in SKILLS if skill.value in chosen]
