"""Inviting households: a census, or a random sample stratified by estate and reproducible
from its seed; and personal codes that the database alone cannot recreate."""

import pytest
from django.core.exceptions import ValidationError

from tenantry.homes.tests.factories import (
    CoverageFactory,
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
)
from tenantry.surveys import codes, selectors, services
from tenantry.surveys.models import Invitation
from tenantry.surveys.tests.factories import InvitationFactory, SurveyFactory


@pytest.fixture
def estates(cast):
    """Kingsmead (the cast's 2 homes, one with a household) gets 5 more households; Larch 4.
    One more household on Larch has moved out and one home is empty."""
    larch = EstateFactory(landlord=cast.landlord, name="Larch")

    def household(estate, **fields):
        home = HomeFactory(estate=estate)
        CoverageFactory(agreement=cast.agreement, home=home)
        return HouseholdFactory(home=home, **fields)

    kingsmead = [household(cast.estate) for _ in range(5)]
    larch_households = [household(larch) for _ in range(4)]
    household(larch, ended_on="2024-03-31")
    CoverageFactory(agreement=cast.agreement, home=HomeFactory(estate=larch))
    return {"kingsmead": kingsmead, "larch": larch_households, "larch_estate": larch}


@pytest.fixture
def survey(cast):
    return SurveyFactory(organisation=cast.tmo)


def test_a_census_invites_every_current_household_once(cast, estates, survey):
    made = services.invite_households(survey=survey, by=cast.people["staff"])

    assert made == 10  # 6 on Kingsmead (with the resident's), 4 on Larch; not the one gone
    assert survey.invitations.count() == 10
    again = services.invite_households(survey=survey, by=cast.people["staff"])
    assert again == 0  # a census run again adds only households that have moved in


def test_a_census_run_again_invites_those_who_moved_in(cast, estates, survey):
    services.invite_households(survey=survey, by=cast.people["staff"])
    home = HomeFactory(estate=estates["larch_estate"])
    CoverageFactory(agreement=cast.agreement, home=home)
    newcomer = HouseholdFactory(home=home)

    assert services.invite_households(survey=survey, by=cast.people["staff"]) == 1
    assert survey.invitations.filter(household=newcomer).exists()


def test_another_organisations_households_are_not_invited(cast, estates, survey):
    HouseholdFactory()  # someone else's home
    services.invite_households(survey=survey, by=cast.people["staff"])
    assert survey.invitations.count() == 10


def test_a_sample_is_spread_over_estates_in_proportion(cast, estates, survey):
    services.invite_households(survey=survey, by=cast.people["staff"], sample_size=5, seed=42)

    survey.refresh_from_db()
    by_estate = {
        name: survey.invitations.filter(estate__name=name).count()
        for name in ("Kingsmead Estate", "Larch")
    }
    # 5 × 6/10 = 3 for Kingsmead, 5 × 4/10 = 2 for Larch: no remainders to share.
    assert by_estate == {"Kingsmead Estate": 3, "Larch": 2}
    assert (survey.sample_size, survey.sample_seed) == (5, 42)


def test_the_same_seed_draws_the_same_sample(cast, estates):
    first, second, other = (SurveyFactory(organisation=cast.tmo) for _ in range(3))
    for survey, seed in ((first, 7), (second, 7), (other, 8)):
        services.invite_households(survey=survey, by=cast.people["staff"], sample_size=4, seed=seed)

    def drawn(survey):
        return set(survey.invitations.values_list("household", flat=True))

    assert drawn(first) == drawn(second)
    assert len(drawn(first)) == 4


def test_a_sample_without_a_seed_records_the_one_it_used(cast, estates, survey):
    services.invite_households(survey=survey, by=cast.people["staff"], sample_size=3)
    survey.refresh_from_db()
    assert survey.sample_seed is not None


def test_a_sample_is_drawn_once(cast, estates, survey):
    services.invite_households(survey=survey, by=cast.people["staff"], sample_size=3, seed=1)
    with pytest.raises(ValidationError):
        services.invite_households(survey=survey, by=cast.people["staff"], sample_size=3, seed=2)
    with pytest.raises(ValidationError):
        services.invite_households(survey=survey, by=cast.people["staff"])


def test_a_sample_bigger_than_the_population_is_a_census(cast, estates, survey):
    services.invite_households(survey=survey, by=cast.people["staff"], sample_size=50, seed=1)
    assert survey.invitations.count() == 10


def test_the_population_counts_households_and_low_cost_renters_by_estate(cast, estates):
    estates["larch"][0].home.__class__.objects.filter(pk=estates["larch"][0].home_id).update(
        stock_type="lcho"
    )
    rows = selectors.population_by_estate(organisation=cast.tmo)

    assert [(r.estate.name, r.households, r.low_cost_rental) for r in rows] == [
        ("Kingsmead Estate", 6, 6),
        ("Larch", 4, 3),
    ]


def test_a_code_is_twelve_unambiguous_symbols_and_only_its_hash_is_stored(cast, survey):
    invitation = InvitationFactory(survey=survey, household=cast.home.households.get())

    code = services.invitation_code(invitation)

    assert len(code) == 14 and code.count("-") == 2
    assert set(code.replace("-", "")) <= set(codes.ALPHABET)
    assert not set(code) & set("01IO")
    stored = Invitation.objects.filter(pk=invitation.pk).values()[0]
    assert code.replace("-", "") not in str(stored)
    assert stored["token_hash"] == codes.hash_code(code)
    assert services.invitation_code(invitation) == code  # printed again, the same


def test_a_code_is_found_however_it_is_typed_but_only_in_its_organisation(cast, survey):
    invitation = InvitationFactory(survey=survey, household=cast.home.households.get())
    code = services.invitation_code(invitation)
    typed = " " + code.lower().replace("-", " ") + " "

    assert selectors.find_invitation(slug=cast.tmo.slug, code=typed) == invitation
    assert selectors.find_invitation(slug=cast.other_tmo.slug, code=code) is None
    assert selectors.find_invitation(slug=cast.tmo.slug, code="ABCD-EFGH-JKLM") is None
    assert selectors.find_invitation(slug=cast.tmo.slug, code="--") is None


def test_a_new_secret_key_issues_a_new_code(cast, survey, settings):
    invitation = InvitationFactory(survey=survey, household=cast.home.households.get())
    before = services.invitation_code(invitation)

    settings.SECRET_KEY = "another secret, after the old one leaked"
    after = services.invitation_code(invitation)

    assert after != before
    assert selectors.find_invitation(slug=cast.tmo.slug, code=after) == invitation
    assert selectors.find_invitation(slug=cast.tmo.slug, code=before) is None
