"""The shared cast every view test uses.

One landlord (`landlord`) delegates to one tenant management organisation (`tmo`) whose
agreement covers one estate of two homes and delegates the services behind every kind of
service record (repairs, caretaking, rent, voids, ASB, complaints and building safety); a
resident lives in one of the homes. Around them stand its committee member, staff member,
inspector and ballot scrutineer, the landlord's officer, a site administrator, and two people
from elsewhere: a committee member of another landlord's TMO (`outsider`) and that other
landlord's officer (`other_landlord_officer`).
"""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.models import Estate, Home
from tenantry.homes.tests.factories import (
    CoverageFactory,
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.tests.factories import (
    AgreementFactory,
    LandlordFactory,
    RoleFactory,
)

# Property tests check correctness, not speed: a busy CI machine must not fail them on time.
hypothesis_settings.register_profile("tenantry", deadline=None)
hypothesis_settings.load_profile("tenantry")


@dataclass
class Cast:
    landlord: Organisation
    tmo: Organisation
    agreement: ManagementAgreement
    estate: Estate
    home: Home
    other_tmo: Organisation
    people: dict[str, User | None]

    @property
    def panel(self) -> Organisation:
        """The landlord's tenant scrutiny panel, made the first time a test asks for it, so
        tests that never use it see the landlord's organisations as before."""
        panel, _created = Organisation.objects.get_or_create(
            slug="northbrook-panel",
            defaults={
                "name": "Northbrook scrutiny panel",
                "kind": Organisation.Kind.SCRUTINY_PANEL,
                "landlord": self.landlord,
            },
        )
        return panel

    @property
    def panel_member(self) -> User:
        """A member of the panel: not one of the matrix's columns (ROLES); each scrutiny route
        says what they get (`PANEL` in its routes table)."""
        if "panel_member" not in self.people:
            self.people["panel_member"] = _person(Role.PANEL, self.panel)
        return self.people["panel_member"]


def _person(role: str, organisation: Organisation) -> User:
    return RoleFactory(
        role=role, organisation=organisation, user=UserFactory(name=role.title())
    ).user


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    cache.clear()  # sign-in rate limits live in the cache
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads never land in the project's data folder
    # Real password hashing is slow on purpose; tests create hundreds of people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A request leaves its language active on the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db) -> Cast:
    landlord = LandlordFactory(name="Northbrook Council", slug="northbrook")
    agreement = AgreementFactory(
        organisation__name="Kingsmead TMO",
        organisation__slug="kingsmead",
        organisation__landlord=landlord,
        # Every service it keeps records of (grounds maintenance and tenancy management stay
        # with the landlord), so each kind of record can be tested on it.
        services=[
            "repairs", "caretaking", "rent_collection", "voids_lettings", "asb", "complaints",
            "building_safety",
        ],
    )  # fmt: skip
    tmo = agreement.organisation
    estate = EstateFactory(landlord=landlord, name="Kingsmead Estate")
    home = HomeFactory(estate=estate, address="1 Mill Road")
    CoverageFactory(agreement=agreement, home=home)
    CoverageFactory(agreement=agreement, home=HomeFactory(estate=estate, address="3 Mill Road"))

    other_agreement = AgreementFactory(
        organisation__name="Elsewhere TMO", organisation__slug="elsewhere"
    )
    other_tmo = other_agreement.organisation

    resident = _person(Role.RESIDENT, tmo)
    ResidentFactory(household=HouseholdFactory(home=home), user=resident, name=resident.name)
    people = {
        "anonymous": None,
        "resident": resident,
        "committee": _person(Role.COMMITTEE, tmo),
        "staff": _person(Role.STAFF, tmo),
        "inspector": _person(Role.INSPECTOR, tmo),
        "landlord_officer": _person(Role.LANDLORD_OFFICER, landlord),
        "outsider": _person(Role.COMMITTEE, other_tmo),
        "other_landlord_officer": _person(Role.LANDLORD_OFFICER, other_tmo.landlord),
        "site_admin": UserFactory(name="Admin", is_superuser=True, is_staff=True),
        # The independent scrutineer of the TMO's ballots: not one of the matrix's columns
        # (ROLES); each democracy route says what they get (`SCRUTINEER` in its routes table).
        "scrutineer": _person(Role.SCRUTINEER, tmo),
    }
    return Cast(landlord, tmo, agreement, estate, home, other_tmo, people)


@pytest.fixture
def client_as(client):
    """`client_as(user)` – a test client signed in as that person (or signed out for None)."""

    def sign_in(user: User | None):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
