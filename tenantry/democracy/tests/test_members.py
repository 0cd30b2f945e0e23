from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from tenantry.democracy import services
from tenantry.democracy.eligibility import age_on, eligibility
from tenantry.democracy.models import JoinedBy, Membership, MemberStatus
from tenantry.democracy.selectors import member_shares
from tenantry.democracy.tests.factories import MembershipFactory
from tenantry.homes.models import EqualityProfile
from tenantry.homes.tests.factories import (
    BlockFactory,
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.records.changes import records_changed
from tenantry.records.tests.factories import VoidFactory

TODAY = timezone.localdate()


def _resident(cast, *, home=None, tenure="secure", **kwargs):
    if home is None:
        home = HomeFactory(estate=cast.estate, tenure=tenure)
        CoverageFactory(agreement=cast.agreement, home=home)
    return ResidentFactory(household=HouseholdFactory(home=home), **kwargs)


def _check(cast, resident, **kwargs):
    return eligibility(
        constitution=services.constitution_of(cast.tmo), resident=resident, day=TODAY, **kwargs
    )


def test_age_in_whole_years():
    assert age_on(date(2010, 6, 15), date(2026, 6, 14)) == 15
    assert age_on(date(2010, 6, 15), date(2026, 6, 15)) == 16
    assert age_on(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_on(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_a_tenant_of_a_covered_home_may_join(cast):
    check = _check(cast, _resident(cast))
    assert check.eligible
    assert check.notes == ["Check they are 16 or older: we do not know their age."]


def test_the_reasons_say_why_not(cast):
    outside = ResidentFactory()  # a home the organisation does not manage
    assert _check(cast, outside).reasons == ["Their home is not one the organisation manages."]

    moved_out = _resident(cast)
    moved_out.household.ended_on = TODAY
    moved_out.household.save()
    assert _check(cast, moved_out).reasons[0].startswith("Their tenancy is not running on")

    young = _resident(cast)
    fifteen = TODAY.replace(year=TODAY.year - 15)
    assert _check(cast, young, date_of_birth=fifteen).reasons == ["Members must be 16 or older."]


def test_leaseholders_only_when_the_constitution_admits_them(cast):
    services.change_constitution(
        organisation=cast.tmo, by=None, values={"leaseholders_may_join": False}, seats={}
    )
    leaseholder = _resident(cast, tenure="leasehold")
    assert _check(cast, leaseholder).reasons == ["The constitution does not admit leaseholders."]
    assert _check(cast, _resident(cast, tenure="shared_ownership")).reasons == [
        "The constitution does not admit leaseholders."
    ]
    assert _check(cast, _resident(cast, tenure="assured")).eligible


def test_the_age_band_refuses_only_when_the_whole_band_is_too_young(cast):
    services.change_constitution(
        organisation=cast.tmo, by=None, values={"minimum_age": 18}, seats={}
    )
    resident = _resident(cast)
    EqualityProfile.objects.create(
        resident=resident, consented_on=TODAY, age_band="16-24", disability="no",
        ethnicity="white", gender="woman",
    )  # fmt: skip
    check = _check(cast, resident)
    assert check.eligible  # 16-24 may be 18 or more: asked to check, not refused
    assert check.notes == ["Check they are 18 or older: we do not know their age."]
    resident.equality.age_band = "25-34"
    resident.equality.save()
    assert _check(cast, resident).notes == []


def test_joint_tenants_as_one_member(cast):
    first = _resident(cast)
    joint = ResidentFactory(household=first.household)
    MembershipFactory(organisation=cast.tmo, resident=first)
    assert _check(cast, joint).eligible  # each may be a member by default
    services.change_constitution(
        organisation=cast.tmo, by=None, values={"joint_tenants_each_a_member": False}, seats={}
    )
    assert _check(cast, joint).reasons == [
        "Someone in their household is already a member or has applied, and the constitution "
        "counts a household as one member."
    ]
    assert _check(cast, first).reasons == ["They are already a member or have already applied."]


def test_a_resident_applies_for_themselves_only(cast):
    me = cast.people["resident"]
    resident = me.resident
    membership = services.apply_for_membership(organisation=cast.tmo, by=me, resident=resident)
    assert membership.status == MemberStatus.APPLIED and membership.joined_by == JoinedBy.ONLINE
    with pytest.raises(PermissionDenied):
        services.apply_for_membership(organisation=cast.tmo, by=me, resident=_resident(cast))
    with pytest.raises(ValidationError, match="already applied"):
        services.apply_for_membership(organisation=cast.tmo, by=me, resident=resident)


def test_staff_key_in_a_paper_application_and_the_committee_approves_with_numbers(cast):
    staff, committee = cast.people["staff"], cast.people["committee"]
    services.change_constitution(
        organisation=cast.tmo, by=committee, values={"share_pence": 100}, seats={}
    )
    day = TODAY - timedelta(days=10)
    a = services.apply_for_membership(
        organisation=cast.tmo, by=staff, resident=_resident(cast), joined_by=JoinedBy.PAPER,
        applied_on=day,
    )  # fmt: skip
    b = services.apply_for_membership(
        organisation=cast.tmo, by=staff, resident=_resident(cast), joined_by=JoinedBy.MEETING,
        applied_on=day,
    )  # fmt: skip
    services.approve_membership(
        membership=b, by=committee, on=day + timedelta(days=2), share_paid_pence=100,
        share_paid_on=day + timedelta(days=2),
    )  # fmt: skip
    services.approve_membership(membership=a, by=staff, on=TODAY)
    a.refresh_from_db(), b.refresh_from_db()
    assert (b.number, a.number) == (1, 2)
    assert b.share_paid_pence == 100 and b.decided_by == committee
    assert set(Membership.objects.current(TODAY)) == {a, b}
    assert list(Membership.objects.current(day + timedelta(days=2))) == [b]

    with pytest.raises(ValidationError):
        services.approve_membership(membership=a, by=committee)  # already decided
    with pytest.raises(PermissionDenied):
        services.approve_membership(membership=a, by=cast.people["landlord_officer"])


def test_approval_checks_the_constitution_again(cast):
    resident = _resident(cast)
    membership = MembershipFactory(organisation=cast.tmo, resident=resident)
    resident.household.ended_on = TODAY - timedelta(days=1)
    resident.household.save()
    with pytest.raises(ValidationError, match="tenancy is not running"):
        services.approve_membership(membership=membership, by=cast.people["committee"])


def test_refusal_needs_a_reason_and_a_refused_applicant_may_apply_again(cast):
    resident = _resident(cast)
    membership = MembershipFactory(organisation=cast.tmo, resident=resident)
    with pytest.raises(ValidationError):
        services.refuse_membership(membership=membership, by=cast.people["staff"], reason=" ")
    services.refuse_membership(membership=membership, by=cast.people["staff"], reason="Not known")
    again = services.apply_for_membership(
        organisation=cast.tmo, by=cast.people["staff"], resident=resident,
        joined_by=JoinedBy.PAPER,
    )  # fmt: skip
    assert again.status == MemberStatus.APPLIED


def test_a_member_leaves_and_the_row_stays(cast):
    me = cast.people["resident"]
    membership = services.apply_for_membership(organisation=cast.tmo, by=me, resident=me.resident)
    services.approve_membership(membership=membership, by=cast.people["committee"])
    services.end_membership(membership=membership, by=me)
    membership.refresh_from_db()
    assert membership.status == MemberStatus.LEFT and membership.ended_on == TODAY
    assert not Membership.objects.current(TODAY).exists()
    with pytest.raises(ValidationError):
        services.end_membership(membership=membership, by=me)


def _member(cast, *, joined=date(2024, 5, 1), started=date(2015, 6, 1)):
    home = HomeFactory(estate=cast.estate)
    CoverageFactory(agreement=cast.agreement, home=home)
    resident = ResidentFactory(household=HouseholdFactory(home=home, started_on=started))
    return MembershipFactory(
        organisation=cast.tmo, resident=resident, status=MemberStatus.MEMBER,
        applied_on=joined, joined_on=joined, number=Membership.objects.count() + 1,
    )  # fmt: skip


def test_a_membership_lapses_on_the_day_the_household_ended(cast):
    member, staying = _member(cast), _member(cast)
    member.household.ended_on = date(2025, 11, 3)
    member.household.save()
    assert services.lapse_ended_tenancies(today=TODAY) == 1
    member.refresh_from_db()
    assert (member.status, member.ended_on) == (MemberStatus.LAPSED, date(2025, 11, 3))
    assert Membership.objects.current(date(2025, 11, 2)).filter(pk=member.pk).exists()
    assert not Membership.objects.current(date(2025, 11, 3)).filter(pk=member.pk).exists()
    staying.refresh_from_db()
    assert staying.status == MemberStatus.MEMBER
    assert services.lapse_ended_tenancies(today=TODAY) == 0  # once only


def test_a_void_on_the_home_ends_the_membership_on_the_tenancy_end(cast):
    member = _member(cast, started=date(2015, 6, 1))
    # An earlier tenant's void (2014) says nothing of this household; this one's (2025) does.
    VoidFactory(
        organisation=cast.tmo, home=member.household.home, tenancy_ended_on=date(2014, 3, 1)
    )
    assert services.lapse_ended_tenancies(today=TODAY) == 0
    VoidFactory(
        organisation=cast.tmo, home=member.household.home, tenancy_ended_on=date(2025, 11, 3)
    )
    assert services.lapse_ended_tenancies(today=TODAY) == 1
    member.refresh_from_db()
    assert (member.status, member.ended_on) == (MemberStatus.LAPSED, date(2025, 11, 3))


def test_an_announced_change_to_voids_or_households_lapses_at_once(
    cast, django_capture_on_commit_callbacks
):
    void_member, household_member = _member(cast), _member(cast)
    VoidFactory(
        organisation=cast.tmo, home=void_member.household.home, tenancy_ended_on=date(2025, 11, 3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        records_changed(organisation=cast.tmo, kind="repairs", since=None)
    void_member.refresh_from_db()
    assert void_member.status == MemberStatus.MEMBER  # repairs end no tenancy
    with django_capture_on_commit_callbacks(execute=True):
        records_changed(organisation=cast.tmo, kind="voids", since=None)
    void_member.refresh_from_db()
    assert void_member.status == MemberStatus.LAPSED

    household_member.household.ended_on = date(2025, 12, 1)
    household_member.household.save()
    # A household import is run by the landlord: its organisations' members lapse too.
    with django_capture_on_commit_callbacks(execute=True):
        records_changed(organisation=cast.landlord, kind="households", since=None)
    household_member.refresh_from_db()
    assert (household_member.status, household_member.ended_on) == (
        MemberStatus.LAPSED, date(2025, 12, 1),
    )  # fmt: skip


def test_the_daily_command_lapses_them_too(cast):
    member = _member(cast)
    member.household.ended_on = date(2025, 11, 3)
    member.household.save()
    call_command("lapse-memberships")
    member.refresh_from_db()
    assert member.status == MemberStatus.LAPSED


def test_members_as_a_share_of_households_per_estate_and_block(cast, django_assert_num_queries):
    tower = BlockFactory(estate=cast.estate, name="Tower")
    for i in range(4):  # 4 households in Tower, 1 member (and a joint tenant also a member)
        home = HomeFactory(estate=cast.estate, block=tower)
        CoverageFactory(agreement=cast.agreement, home=home)
        resident = ResidentFactory(household=HouseholdFactory(home=home))
        if i == 0:
            MembershipFactory(organisation=cast.tmo, resident=resident, status="member",
                              joined_on=date(2025, 2, 1), number=1)  # fmt: skip
            joint = ResidentFactory(household=resident.household)
            MembershipFactory(organisation=cast.tmo, resident=joint, status="member",
                              joined_on=date(2025, 2, 1), number=2)  # fmt: skip
        if i == 1:  # an applicant is not a member yet
            MembershipFactory(organisation=cast.tmo, resident=resident)
    member = _member(cast)  # a house on the estate, no block
    # The cast's 1 Mill Road household and 3 Mill Road (empty): 1 household without a member.
    with django_assert_num_queries(1):
        shares = member_shares(organisation=cast.tmo, day=TODAY)
    assert (shares.overall.households, shares.overall.members) == (6, 2)
    assert [(s.label, s.households, s.members) for s in shares.estates] == [
        ("Kingsmead Estate", 6, 2)
    ]
    assert [(e, b.label, b.households, b.members) for e, b in shares.blocks] == [
        ("Kingsmead Estate", "Tower", 4, 1)
    ]
    assert member.household_id


def test_a_committee_seat_is_vacant_once_its_holders_membership_ends(cast):
    from tenantry.democracy.models import CommitteeTerm

    member = _member(cast)
    term = CommitteeTerm.objects.create(
        organisation=cast.tmo, kind="tenant", how="elected", starts_on=date(2024, 9, 19),
        membership=member,
    )  # fmt: skip
    member.household.ended_on = date(2025, 11, 3)
    member.household.save()
    services.lapse_ended_tenancies(today=TODAY)
    term.refresh_from_db()
    # A member until 2 November: their last day on the committee too.
    assert (term.ends_on, term.end_reason) == (date(2025, 11, 2), "Their membership ended")


def test_a_households_import_that_ends_a_tenancy_lapses_the_membership(
    cast, tmp_path, django_capture_on_commit_callbacks
):
    member = _member(cast, started=date(2015, 6, 1))
    household = member.household
    path = tmp_path / "households.csv"
    path.write_text(
        "home,reference,started_on,ended_on\n"
        f"{household.home.reference},{household.reference},2015-06-01,2025-10-31\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", "households", str(path), org=cast.landlord.slug, stdout=None)
    household.refresh_from_db()
    assert household.ended_on == date(2025, 10, 31)
    member.refresh_from_db()
    assert (member.status, member.ended_on) == (MemberStatus.LAPSED, date(2025, 10, 31))
