"""The journey tracker: dates and their time limits (worked by hand), tasks, documents, the
saved eligibility check, becoming an organisation and the ballot of tenants."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.democracy import ballots as ballot_engine
from tenantry.democracy.ballots.papers import result_context
from tenantry.democracy.models.ballots import BallotKind, Electorate
from tenantry.journey import services_tracker as services
from tenantry.journey import timelimits
from tenantry.journey.eligibility import Facts
from tenantry.journey.models import Milestone, Stage
from tenantry.journey.tests.factories import GroupMembershipFactory, NetworkFactory
from tenantry.organisations.models import Organisation, RoleAssignment
from tenantry.organisations.tests.factories import LandlordFactory

pytestmark = pytest.mark.django_db

TODAY = date(2030, 6, 1)  # after every hand-worked date below


def _staff_of(network):
    adviser = UserFactory(name="Comfort Mensah")
    RoleAssignment.objects.create(user=adviser, organisation=network, role=Role.STAFF)
    return adviser


@pytest.fixture
def member():
    return GroupMembershipFactory(group__stage=Stage.PROPOSAL)


def _due(group, key, today=TODAY):
    found = timelimits.deadlines(services.milestone_dates(group), today)
    return next(d for d in found if d.limit.key == key)


# --- Hand-worked due days, one per limit the tracker shows ---------------------------------------


@pytest.mark.parametrize(
    ("entered", "key", "due"),
    [
        # 28 days from the notice: 31 January 2026 + 28 days = 28 February 2026 (a month end).
        ({"notice_served_on": date(2026, 1, 31)}, "council_answer", date(2026, 2, 28)),
        # In a leap year: 1 February 2028 + 28 days = 29 February 2028.
        ({"notice_served_on": date(2028, 2, 1)}, "council_answer", date(2028, 2, 29)),
        # 3 months from acceptance on 30 November 2026: February 2027 has no 30th, so its last
        # day, the 28th; from 30 November 2027 it is 29 February 2028 (a leap year).
        (
            {"notice_served_on": date(2026, 10, 1), "acceptance_date": date(2026, 11, 30)},
            "apply_for_assessor",
            date(2027, 2, 28),
        ),
        (
            {"notice_served_on": date(2027, 10, 1), "acceptance_date": date(2027, 11, 30)},
            "apply_for_assessor",
            date(2028, 2, 29),
        ),
        # 15 months from 30 November 2026 is 30 February 2028: the last day, 29 February 2028.
        (
            {"notice_served_on": date(2026, 10, 1), "acceptance_date": date(2026, 11, 30)},
            "competence_report",
            date(2028, 2, 29),
        ),
        # 7 days from Friday 25 December 2026: Friday 1 January 2027, bank holidays count.
        (
            {
                "notice_served_on": date(2025, 1, 6),
                "acceptance_date": date(2025, 2, 3),
                "report_received_on": date(2026, 4, 1),
                "actions_completed_on": date(2026, 12, 25),
            },
            "tell_assessor",
            date(2027, 1, 1),
        ),
        # 35 days from 31 January 2027: 28 to 28 February, 7 more: 7 March 2027.
        (
            {
                "notice_served_on": date(2025, 1, 6),
                "acceptance_date": date(2025, 2, 3),
                "report_received_on": date(2026, 4, 1),
                "actions_completed_on": date(2027, 1, 30),
                "assessor_told_on": date(2027, 1, 31),
            },
            "reassessment",
            date(2027, 3, 7),
        ),
        # 5 years (60 months) from 29 February 2024: 28 February 2029.
        ({"agreement_started_on": date(2024, 2, 29)}, "continuation_ballot", date(2029, 2, 28)),
    ],
)
def test_each_time_limit_is_due_on_the_day_worked_by_hand(member, entered, key, due):
    for kind, day in entered.items():
        services.record_milestone(
            group=member.group, kind=kind, happened_on=day, by=member.user, today=TODAY
        )

    assert _due(member.group, key).due_on == due


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 15), "to_come"),  # the day before the warning window
        (date(2026, 3, 16), "due_soon"),  # its first day: 14 days before the due day
        (date(2026, 3, 29), "due_soon"),  # its last day: the day before the due day
        (date(2026, 3, 30), "due_today"),
        (date(2026, 3, 31), "missed"),
    ],
)
def test_the_warning_runs_from_14_days_before_the_due_day(member, settings, today, state):
    settings.JOURNEY_DEADLINE_WARNING_DAYS = 14
    # 28 days from Monday 2 March 2026 is Monday 30 March 2026.
    services.record_milestone(
        group=member.group,
        kind="notice_served_on",
        happened_on=date(2026, 3, 2),
        by=member.user,
        today=date(2026, 3, 2),
    )

    assert _due(member.group, "council_answer", today).state == state


def test_the_tracker_page_shows_the_deadline_and_its_warning(client, member, settings):
    settings.JOURNEY_DEADLINE_WARNING_DAYS = 14
    today = timezone.localdate()
    served = today - timedelta(days=20)  # due in 8 days: inside the warning window
    services.record_milestone(
        group=member.group, kind="notice_served_on", happened_on=served, by=member.user
    )
    client.force_login(member.user)

    page = client.get(reverse("journey:group", args=[member.group.pk])).content.decode()

    due = served + timedelta(days=28)
    assert f"{due:%A} {due.day} {due:%B %Y}" in page
    assert "due on" in page and "in 8 days" in page
    assert "arbitration" in page  # what happens if it is missed
    assert "SI 2012/1821, reg. 11" in page


# --- Milestones --------------------------------------------------------------------------------


def test_a_date_still_to_come_is_refused(member):
    with pytest.raises(ValidationError) as refused:
        services.record_milestone(
            group=member.group,
            kind="notice_served_on",
            happened_on=TODAY + timedelta(days=1),
            by=member.user,
            today=TODAY,
        )
    assert "today or in the past" in str(refused.value)


def test_a_date_before_the_step_it_follows_is_refused_naming_it(member):
    services.record_milestone(
        group=member.group,
        kind="notice_served_on",
        happened_on=date(2026, 3, 2),
        by=member.user,
        today=TODAY,
    )
    with pytest.raises(ValidationError) as refused:
        services.record_milestone(
            group=member.group,
            kind="council_answered_on",
            happened_on=date(2026, 3, 1),
            by=member.user,
            today=TODAY,
        )
    assert "the day you served the proposal notice" in str(refused.value)
    assert "02/03/2026" in str(refused.value)


def test_correcting_an_earlier_date_past_a_later_one_is_refused(member):
    for kind, day in [
        ("notice_served_on", date(2026, 3, 2)),
        ("acceptance_date", date(2026, 4, 1)),
    ]:
        services.record_milestone(
            group=member.group, kind=kind, happened_on=day, by=member.user, today=TODAY
        )
    with pytest.raises(ValidationError) as refused:
        services.record_milestone(
            group=member.group,
            kind="notice_served_on",
            happened_on=date(2026, 4, 2),
            by=member.user,
            today=TODAY,
        )
    assert "cannot be after" in str(refused.value)


def test_a_correction_keeps_one_milestone_and_the_earlier_date_in_history(member):
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        services.record_milestone(
            group=member.group,
            kind="notice_served_on",
            happened_on=day,
            by=member.user,
            today=TODAY,
        )

    milestone = Milestone.objects.get(group=member.group)
    assert milestone.happened_on == date(2026, 3, 3)
    assert [h.happened_on for h in milestone.history.order_by("history_date")] == [
        date(2026, 3, 2),
        date(2026, 3, 3),
    ]


def test_serving_the_notice_moves_the_group_on_and_never_back(member):
    services.record_milestone(
        group=member.group,
        kind="acceptance_date",
        happened_on=date(2026, 4, 1),
        by=member.user,
        today=TODAY,
    )
    member.group.refresh_from_db()
    assert member.group.stage == Stage.DEVELOPMENT

    services.record_milestone(
        group=member.group,
        kind="notice_served_on",
        happened_on=date(2026, 3, 2),
        by=member.user,
        today=TODAY,
    )
    member.group.refresh_from_db()
    assert member.group.stage == Stage.DEVELOPMENT


def test_someone_who_cannot_work_on_the_group_cannot_enter_a_date(member):
    with pytest.raises(PermissionDenied):
        services.record_milestone(
            group=member.group,
            kind="notice_served_on",
            happened_on=date(2026, 3, 2),
            by=UserFactory(),
            today=TODAY,
        )


def test_the_date_form_refuses_an_impossible_date_naming_the_field(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("journey:group-milestone", args=[member.group.pk]),
        {"kind": "notice_served_on", "happened_on": "2026-02-30"},
    )
    assert response.status_code == 400
    assert "Date it happened" in response.content.decode()


# --- Tasks and documents -----------------------------------------------------------------------


def test_a_task_past_its_due_day_shows_as_overdue(client, member):
    services.add_task(
        group=member.group,
        title="Book the hall for the meeting",
        assignee=member.user,
        due_on=timezone.localdate() - timedelta(days=1),
        by=member.user,
    )
    client.force_login(member.user)

    page = client.get(reverse("journey:group", args=[member.group.pk])).content.decode()

    assert "Book the hall for the meeting" in page
    assert "Overdue" in page


def test_a_task_for_someone_outside_the_group_is_refused(member):
    with pytest.raises(ValidationError):
        services.add_task(group=member.group, title="Write", assignee=UserFactory(), by=member.user)


def test_marking_a_task_done(client, member):
    task = services.add_task(group=member.group, title="Write", by=member.user)
    client.force_login(member.user)

    response = client.post(reverse("journey:group-task-done", args=[member.group.pk, task.pk]))

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_on == timezone.localdate()


def test_a_document_is_kept_and_downloaded_only_by_those_who_may_work_on_the_group(
    client, member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = services.add_document(
        group=member.group,
        title="Our constitution",
        upload=SimpleUploadedFile("constitution.pdf", b"%PDF-1.4 rules"),
        by=member.user,
    )
    url = reverse("journey:group-document", args=[member.group.pk, document.pk])

    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 rules"

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    # Another group's document is not found through this group.
    other = GroupMembershipFactory()
    client.force_login(other.user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ", "must be a PDF"),
        ("big.pdf", b"x" * (10 * 1024 * 1024 + 1), "10 MB or smaller"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_document_of_the_wrong_kind_or_size_is_refused(member, name, content, message):
    with pytest.raises(ValidationError) as refused:
        services.add_document(
            group=member.group,
            title="",
            upload=SimpleUploadedFile(name, content),
            by=member.user,
        )
    assert message in str(refused.value)


# --- The eligibility check ---------------------------------------------------------------------


def test_the_check_is_saved_with_its_answers_and_result(client, member):
    client.force_login(member.user)
    response = client.post(
        reverse("journey:group-eligibility", args=[member.group.pk]),
        {"written_constitution": "yes", "secure_tenancies": "24"},
    )

    assert response.status_code == 302
    check = member.group.eligibility_checks.get()
    assert check.checked_on == timezone.localdate()
    assert check.answers["secure_tenancies"] == 24
    # 24 homes is one short of the 25 that reg. 9 needs: failed.
    assert check.outcome == "failed"
    failed = {t["key"] for t in check.tests if t["outcome"] == "failed"}
    assert failed == {"secure_tenancies"}
    page = client.get(reverse("journey:group", args=[member.group.pk])).content.decode()
    assert "you need 1 more home" in page


def test_every_answer_met_passes(member):
    facts = Facts(
        written_constitution=True,
        names_area=True,
        any_tenant_may_join=True,
        avoids_discrimination=True,
        run_by_meeting_or_elected_committee=True,
        secure_tenancies=25,
        all_in_area=True,
        some_under_other_agreement=False,
        copy_delivered_to_every_home=True,
        vote_route="ballot",
        members=60,
        in_favour=31,  # more than half of 60
        tenants=100,
        tenant_members=20,  # 20% of 100
    )
    check = services.save_eligibility_check(
        group=member.group, answers={}, facts=facts, by=member.user, today=TODAY
    )
    assert check.outcome == "passed"
    assert check.checked_on == TODAY


# --- Becoming an organisation, and the ballot of tenants ---------------------------------------


@pytest.fixture
def landlord():
    return LandlordFactory(name="Weaverton Council", slug="weaverton")


def test_an_adviser_makes_the_group_an_organisation_and_its_journey_stays(member, landlord):
    group = member.group
    adviser = _staff_of(group.network)
    services.record_milestone(
        group=group, kind="notice_served_on", happened_on=date(2026, 3, 2), by=adviser, today=TODAY
    )
    services.add_task(group=group, title="Write", by=adviser)

    organisation = services.make_organisation(
        group=group,
        name="Hollybank TMO",
        slug="hollybank-tmo",
        kind=Organisation.Kind.TMO,
        landlord=landlord,
        by=adviser,
    )

    group.refresh_from_db()
    assert group.organisation == organisation
    assert organisation.landlord == landlord
    assert RoleAssignment.objects.filter(
        user=member.user, organisation=organisation, role=Role.COMMITTEE
    ).exists()
    # Its history stays on the group.
    assert group.milestones.count() == 1 and group.tasks.count() == 1
    assert organisation.journey_group == group


def test_a_group_member_cannot_make_the_organisation(member, landlord):
    with pytest.raises(PermissionDenied):
        services.make_organisation(
            group=member.group,
            name="Hollybank TMO",
            slug="hollybank-tmo",
            kind=Organisation.Kind.TMO,
            landlord=landlord,
            by=member.user,
        )


def test_another_networks_adviser_cannot_make_the_organisation(member, landlord):
    with pytest.raises(PermissionDenied):
        services.make_organisation(
            group=member.group,
            name="Hollybank TMO",
            slug="hollybank-tmo",
            kind=Organisation.Kind.TMO,
            landlord=landlord,
            by=_staff_of(NetworkFactory()),
        )


def test_an_organisation_needs_its_landlord(member):
    with pytest.raises(ValidationError) as refused:
        services.make_organisation(
            group=member.group,
            name="Hollybank TMO",
            slug="hollybank-tmo",
            kind=Organisation.Kind.TMO,
            landlord=None,
            by=None,
        )
    assert "landlord" in refused.value.message_dict


def test_the_organisation_home_links_to_the_journey(client, member, landlord):
    organisation = services.make_organisation(
        group=member.group,
        name="Weavers Row Residents Association",
        slug="weavers-row",
        kind=Organisation.Kind.RESIDENTS_ASSOCIATION,
        landlord=landlord,
        by=None,
    )
    client.force_login(member.user)

    page = client.get(organisation.get_absolute_url()).content.decode()

    assert "Your journey to tenant control" in page
    assert reverse("journey:group", args=[member.group.pk]) in page


@pytest.fixture
def association(member, landlord):
    services.make_organisation(
        group=member.group,
        name="Weavers Row Residents Association",
        slug="weavers-row",
        kind=Organisation.Kind.RESIDENTS_ASSOCIATION,
        landlord=landlord,
        by=None,
    )
    member.group.refresh_from_db()
    return member


def test_a_ballot_of_an_association_with_no_homes_is_of_its_members(association):
    group = association.group
    ballot = services.schedule_tenants_ballot(
        group=group,
        question="Do you want Weavers Row Residents Association to manage your homes?",
        roll_date=TODAY,
        opens_on=TODAY + timedelta(days=14),
        closes_on=TODAY + timedelta(days=28),
        by=association.user,
        today=TODAY,
    )

    assert ballot.organisation == group.organisation
    assert ballot.kind == BallotKind.REFERENDUM
    assert ballot.electorate == Electorate.MEMBERS
    assert [o.label for o in ballot.options.all()] == ["Yes", "No"]
    assert timezone.localtime(ballot.opens_at).hour == 9
    assert timezone.localtime(ballot.closes_at).hour == 17
    group.refresh_from_db()
    assert group.stage == Stage.BALLOT


def test_the_ballot_of_tenants_is_the_statutory_final_ballot_when_there_are_homes(member):
    from tenantry.homes.tests.factories import CoverageFactory
    from tenantry.organisations.tests.factories import AgreementFactory

    agreement = AgreementFactory(starts_on=date(2020, 1, 1))
    CoverageFactory(agreement=agreement)
    member.group.organisation = agreement.organisation
    member.group.save()
    RoleAssignment.objects.create(
        user=member.user, organisation=agreement.organisation, role=Role.COMMITTEE
    )

    ballot = services.schedule_tenants_ballot(
        group=member.group,
        question="Agree?",
        roll_date=timezone.localdate(),
        opens_on=timezone.localdate() + timedelta(days=1),
        closes_on=timezone.localdate() + timedelta(days=2),
        by=member.user,
    )

    assert ballot.kind == BallotKind.RTM_FINAL
    assert ballot.electorate == Electorate.TENANTS


@pytest.mark.parametrize(
    ("opens", "closes", "roll", "field"),
    [
        (-1, 5, 0, "opens_on"),  # opens in the past
        (5, 4, 0, "closes_on"),  # closes before it opens
        (5, 6, 6, "roll_date"),  # the roll after the opening
    ],
)
def test_impossible_ballot_dates_are_refused(association, opens, closes, roll, field):
    with pytest.raises(ValidationError) as refused:
        services.schedule_tenants_ballot(
            group=association.group,
            question="Agree?",
            roll_date=TODAY + timedelta(days=roll),
            opens_on=TODAY + timedelta(days=opens),
            closes_on=TODAY + timedelta(days=closes),
            by=association.user,
            today=TODAY,
        )
    assert field in refused.value.message_dict


def test_the_adviser_cannot_schedule_the_organisations_ballot(association):
    adviser = _staff_of(association.group.network)
    with pytest.raises(PermissionDenied):
        services.schedule_tenants_ballot(
            group=association.group,
            question="Agree?",
            roll_date=TODAY,
            opens_on=TODAY,
            closes_on=TODAY + timedelta(days=1),
            by=adviser,
            today=TODAY,
        )


def test_the_tracker_shows_the_ballot_dates_and_after_the_count_its_result(client, association):
    group = association.group
    today = timezone.localdate()
    ballot = services.schedule_tenants_ballot(
        group=group,
        question="Do you want us to manage your homes?",
        roll_date=today,
        opens_on=today,
        closes_on=today,
        by=association.user,
    )
    client.force_login(association.user)
    page = client.get(reverse("journey:group", args=[group.pk])).content.decode()
    assert "Scheduled" in page and "Do you want us to manage your homes?" in page

    # Counted by democracy's engine: one member (the group's) votes yes.
    from tenantry.democracy.models import MemberStatus
    from tenantry.democracy.tests.factories import MembershipFactory

    MembershipFactory(
        organisation=group.organisation,
        status=MemberStatus.MEMBER,
        joined_on=today - timedelta(days=1),
    )
    ballot.opens_at = timezone.now() - timedelta(hours=2)
    ballot.closes_at = timezone.now() - timedelta(hours=1)
    ballot.roll_date = today
    ballot.save()
    ballot_engine.freeze_roll(ballot=ballot, by=None)
    ballot_engine.close_ballot(ballot=ballot, by=None)
    ballot_engine.count_ballot(ballot=ballot, by=None)
    ballot.refresh_from_db()
    assert result_context(ballot)["counted"]

    page = client.get(reverse("journey:group", args=[group.pk])).content.decode()
    assert "Not carried" in page  # no one voted: no majority
    assert "0 of 1 voted" in page


def test_a_second_ballot_waits_for_the_first_to_be_counted(association):
    arguments = {
        "group": association.group,
        "question": "Agree?",
        "roll_date": TODAY,
        "opens_on": TODAY + timedelta(days=1),
        "closes_on": TODAY + timedelta(days=2),
        "by": association.user,
        "today": TODAY,
    }
    services.schedule_tenants_ballot(**arguments)

    with pytest.raises(ValidationError) as refused:
        services.schedule_tenants_ballot(**arguments)
    assert "already scheduled" in str(refused.value)


def test_the_tracker_is_in_welsh(client, member, settings):
    services.record_milestone(
        group=member.group,
        kind="notice_served_on",
        happened_on=timezone.localdate(),
        by=member.user,
    )
    client.force_login(member.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"

    page = client.get(reverse("journey:group", args=[member.group.pk])).content.decode()

    assert "Eich terfynau amser" in page
    assert "Dyddiadau allweddol" in page
    assert "Mae&#x27;r cyngor yn ateb yr hysbysiad cynnig" in page


def test_the_date_form_shows_the_dates_entered_before(client, member):
    for day in (date(2026, 3, 2), date(2026, 3, 3)):
        services.record_milestone(
            group=member.group,
            kind="notice_served_on",
            happened_on=day,
            by=member.user,
            today=TODAY,
        )
    client.force_login(member.user)

    page = client.get(
        reverse("journey:group-milestone", args=[member.group.pk]) + "?kind=notice_served_on"
    ).content.decode()

    assert 'value="2026-03-03"' in page  # the date now
    assert "2 March 2026, entered on" in page  # the one it corrected
