"""The demo's democracy: each managing organisation has a constitution, a believable register
and a committee with most seats filled; made once."""

from datetime import date

import pytest

from tenantry.demo.democracy import add_demo_democracy
from tenantry.demo.generate import generate
from tenantry.democracy import services
from tenantry.democracy.models import CommitteeTerm, Membership, MemberStatus
from tenantry.democracy.selectors import member_shares
from tenantry.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 15)


def test_each_managing_organisation_has_members_and_a_committee():
    generate(homes=400, years=1, seed=3, as_of=TODAY)
    made = add_demo_democracy(seed=1, today=TODAY)
    assert made == Membership.objects.count() > 0
    for organisation in Organisation.objects.filter(kind__in=Organisation.MANAGING_KINDS):
        shares = member_shares(organisation=organisation, day=TODAY)
        assert 0.15 <= shares.overall.members / shares.overall.households <= 0.55, organisation
        statuses = set(
            Membership.objects.filter(organisation=organisation).values_list("status", flat=True)
        )
        assert {MemberStatus.MEMBER, MemberStatus.APPLIED, MemberStatus.LEFT} <= statuses
        seats = organisation.constitution.committee_size
        held = CommitteeTerm.objects.current(TODAY).filter(organisation=organisation).count()
        members = Membership.objects.current(TODAY).filter(organisation=organisation).count()
        # One or two vacancies, most seats filled, where there are members enough to fill them.
        assert min(seats - 4, members // 3) <= held <= seats - 1, (organisation, members, held)
        # Nobody in the register breaks the constitution's one-number rule or lapses again.
        numbers = Membership.objects.filter(organisation=organisation, number__isnull=False)
        assert numbers.values("number").distinct().count() == numbers.count()
    assert services.lapse_ended_tenancies(today=TODAY) == 0
    assert add_demo_democracy(seed=1, today=TODAY) == 0  # once only
