"""What the API reads, built on the selectors of the apps below it."""

from django.db.models import Q, QuerySet

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations.models import Organisation, RoleAssignment


def organisations_visible_to(*, user: User) -> QuerySet[Organisation]:
    """The organisations where `user` holds a role: those `organisations.selectors.roles_in`
    gives roles for (directly, or as an officer of their landlord; everywhere for a site
    administrator). A test holds the two to the same answer."""
    if user.is_superuser:
        return Organisation.objects.all()
    direct = RoleAssignment.objects.filter(user=user).values("organisation_id")
    officer_of = RoleAssignment.objects.filter(user=user, role=Role.LANDLORD_OFFICER).values(
        "organisation_id"
    )
    return Organisation.objects.filter(Q(pk__in=direct) | Q(landlord_id__in=officer_of))
