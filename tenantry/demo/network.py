"""The demo's tenant network (tenantry/journey): a regional federation that helps new tenant
groups towards tenant control, with an adviser who signs in as adviser@example.org."""

from collections.abc import Callable

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.demo.generate import DEMO_PASSWORD
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation, Region

NETWORK = "north-tenant-network"
ADVISER = ("adviser@example.org", "Comfort Mensah")


def add_demo_network(*, progress: Callable[[str], None] = lambda m: None) -> Organisation:
    """The network and its adviser (only the first time)."""
    network = Organisation.objects.filter(slug=NETWORK).first()
    if network is not None:
        return network
    progress("A tenant network and its adviser…")
    network = organisations.create_organisation(
        by=None,
        name="North West Tenant Control Network",
        slug=NETWORK,
        kind=Organisation.Kind.NETWORK,
        region=Region.NORTH_WEST,
        email="hello@tenantcontrol-nw.example.org",
        about=(
            "A federation of tenant management organisations and co-ops in the North West. "
            "We help tenant groups find out about running their own homes, visit groups that "
            "already do, and train for it."
        ),
    )
    email, name = ADVISER
    adviser = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
    organisations.assign_role(user=adviser, organisation=network, role=Role.STAFF)
    return network
