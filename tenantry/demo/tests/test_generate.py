from datetime import date

import pytest

from tenantry.core.models import User
from tenantry.demo.generate import generate
from tenantry.homes.models import (
    STOCK_TYPE_OF_TENURE,
    Block,
    Coverage,
    EqualityProfile,
    Estate,
    Home,
    Household,
    Resident,
)
from tenantry.homes.selectors import home_of, homes_of
from tenantry.organisations.models import ManagementAgreement, Organisation, RoleAssignment

AS_OF = date(2026, 11, 22)
pytestmark = pytest.mark.django_db


def _snapshot() -> tuple:
    return (
        list(Estate.objects.order_by("reference").values_list("reference", "name", "area")),
        list(
            Home.objects.order_by("reference").values_list(
                "reference",
                "address",
                "postcode",
                "home_type",
                "bedrooms",
                "tenure",
                "estate__name",
            )
        ),
        list(
            Household.objects.order_by("reference").values_list(
                "reference", "started_on", "ended_on"
            )
        ),
        list(
            # Ties broken by every value read, so two residents of one name compare alike.
            Resident.objects.order_by("household__reference", "name", "language").values_list(
                "name", "language"
            )
        ),
        list(
            EqualityProfile.objects.order_by(
                "resident__household__reference", "resident__name", "age_band", "ethnicity"
            ).values_list("age_band", "ethnicity")
        ),
    )


def _wipe() -> None:
    for model in (
        Coverage,
        EqualityProfile,
        Resident,
        Household,
        Home,
        Block,
        Estate,
        RoleAssignment,
    ):
        model.objects.all().delete()
    ManagementAgreement.objects.all().delete()
    Organisation.objects.exclude(landlord=None).delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()


def test_same_seed_and_day_give_the_same_landlord():
    generate(homes=300, years=2, seed=5, as_of=AS_OF)
    first = _snapshot()
    _wipe()
    generate(homes=300, years=2, seed=5, as_of=AS_OF)
    assert _snapshot() == first


def test_another_seed_gives_another_landlord():
    generate(homes=300, years=2, seed=5, as_of=AS_OF)
    first = _snapshot()
    _wipe()
    generate(homes=300, years=2, seed=6, as_of=AS_OF)
    assert _snapshot() != first


def test_demo_size_has_the_three_organisations_at_full_size():
    summary = generate(homes=4000, years=1, seed=1, as_of=AS_OF, demo_users=False)
    assert summary.homes == Home.objects.count() == 4000
    sizes = {
        slug: homes_of(organisation=Organisation.objects.get(slug=slug), on=AS_OF).count()
        for slug in ("brookfield-tmc", "marsh-lane-emb", "kingsmead-tmo")
    }
    assert sizes == {"brookfield-tmc": 150, "marsh-lane-emb": 600, "kingsmead-tmo": 1200}
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {"council", "tmc", "emb", "tmo", "scrutiny_panel", "residents_association"}


def test_small_landlords_shrink_their_organisations_in_proportion():
    generate(homes=400, years=1, seed=1, as_of=AS_OF, demo_users=False)
    kingsmead = Organisation.objects.get(slug="kingsmead-tmo")
    assert homes_of(organisation=kingsmead, on=AS_OF).count() == 120  # 1,200 × 400 / 4,000


def test_every_home_has_the_regulators_stock_type_of_its_tenure():
    generate(homes=300, years=1, seed=2, as_of=AS_OF, demo_users=False)
    for tenure, stock_type in Home.objects.values_list("tenure", "stock_type").distinct():
        assert STOCK_TYPE_OF_TENURE[tenure] == stock_type


def test_tenancies_never_overlap_in_one_home():
    generate(homes=500, years=3, seed=3, as_of=AS_OF, demo_users=False)
    for home in Home.objects.prefetch_related("households"):
        spans = sorted((h.started_on, h.ended_on or AS_OF) for h in home.households.all())
        for (_start, end), (next_start, _next_end) in zip(spans, spans[1:], strict=False):
            assert end < next_start


def test_equality_profiles_only_for_adults_and_some_not_all():
    generate(homes=500, years=1, seed=4, as_of=AS_OF, demo_users=False)
    adults = Resident.objects.exclude(phone="").count()
    profiles = EqualityProfile.objects.count()
    assert 0.25 * adults < profiles < 0.45 * adults
    assert not EqualityProfile.objects.filter(resident__phone="").exists()


def test_demo_users_hold_their_roles_and_the_resident_has_a_home():
    summary = generate(homes=400, years=1, seed=1, as_of=AS_OF)
    assert {email for email, _role, _org in summary.users} >= {
        "resident@example.org",
        "landlord@example.org",
        "committee@example.org",
    }
    resident = User.objects.get(email="resident@example.org")
    home = home_of(user=resident)
    brookfield = Organisation.objects.get(slug="brookfield-tmc")
    assert home in homes_of(organisation=brookfield, on=date.today())
    assert RoleAssignment.objects.filter(
        user=resident, organisation=brookfield, role="resident"
    ).exists()
    # Their email settings: the staff member hears of new reports; the resident gets updates.
    staff = User.objects.get(email="staff@example.org")
    assert (staff.emails_about_new_reports, resident.emails_about_my_cases) == (True, True)
    assert User.objects.get(email="landlord@example.org").language == "cy"


def test_generating_twice_into_one_database_is_refused():
    generate(homes=100, years=1, seed=1, as_of=AS_OF, demo_users=False)
    with pytest.raises(ValueError, match="already exists"):
        generate(homes=100, years=1, seed=1, as_of=AS_OF, demo_users=False)


def test_surveys_grow_with_the_landlord():
    """Each organisation the landlord delegates to (more of them for a larger landlord) has the
    demo's TSM survey of its households, 45% of them answered."""
    from tenantry.demo.surveys import add_generated_surveys
    from tenantry.surveys.models import Survey

    generate(homes=400, years=1, seed=1, as_of=AS_OF, demo_users=False, surveys=True)
    managers = Organisation.objects.filter(landlord__slug="northbrook-council").exclude(
        kind__in=[Organisation.Kind.SCRUTINY_PANEL, Organisation.Kind.RESIDENTS_ASSOCIATION]
    )
    assert managers.count() == 3
    for organisation in managers:
        tsm = Survey.objects.get(organisation=organisation, template="tsm")
        invited = tsm.invitations.count()
        assert invited >= organisation.agreements.get().coverage.count() // 2
        assert tsm.responses.count() == int(invited * 0.45) > 0
    # Made once: asked again, nothing is added.
    landlord = Organisation.objects.get(slug="northbrook-council")
    assert add_generated_surveys(landlord=landlord) == 0
