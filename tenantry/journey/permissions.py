"""The journey's rules. The pages on tenant control, the Right to Manage checker and the
time-limit calculator are public and have none; keeping grant programmes has one."""

from tenantry.core.permissions import Role, Roles, holds_any


def can_keep_funding_programmes(roles: Roles) -> bool:
    """The committee and staff (a network's advisers) of the organisation that keeps them, and
    its landlord's officers (a council's tenant participation team keeps the council's list)."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_follow_up_groups(roles: Roles) -> bool:
    """A network's advisers (its staff) and committee follow up the groups that registered
    interest with it; the site administrator too. Roles in any other organisation give none."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_keep_profile(roles: Roles) -> bool:
    """An organisation in control keeps its own page in the directory: its committee and staff
    write it, and only they publish or withdraw it; the site administrator too."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_host_visits(roles: Roles) -> bool:
    """The committee and staff of an organisation in control answer groups' requests to visit,
    offer dates, and write down what the visit showed; the site administrator too."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.SITE_ADMIN})


def can_keep_training(roles: Roles) -> bool:
    """Those who run an organisation's training: its committee and staff (a network's advisers,
    a TMO's office), its landlord's officers (a council's tenant participation team runs the
    council's) and the site administrator. They keep courses, sessions and bookings, mark who
    attended and read the figures."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})


def can_see_skills_coverage(roles: Roles) -> bool:
    """Which committee skills the committee's training covers, and the gaps: for the committee
    and staff who plan its training, and the landlord who supports it. Like democratic health,
    not for residents or inspectors: it names the committee's members one by one."""
    return holds_any(roles, {Role.COMMITTEE, Role.STAFF, Role.LANDLORD_OFFICER, Role.SITE_ADMIN})
