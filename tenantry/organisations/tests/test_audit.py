"""The audit trail: each service that changes something without django-simple-history writes
exactly one entry saying who did what; the History page shows them; answering a survey never
writes one."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.organisations import services as organisations
from tenantry.organisations.models import AuditEntry, RoleAssignment
from tenantry.records import services as records
from tenantry.records.imports import services as imports
from tenantry.records.models import Complaint, ImportRun, Repair
from tenantry.records.tests.factories import RepairFactory
from tenantry.records.tests.test_import_support import Place, csv_bytes
from tenantry.surveys import handover
from tenantry.surveys import services as surveys
from tenantry.surveys.models import Survey
from tenantry.surveys.tests.factories import (
    InvitationFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
)

A = AuditEntry.Action


def _repair(cast, **fields):
    place = Place(cast)
    return RepairFactory(organisation=cast.tmo, home=cast.home, priority=place.routine, **fields)


def _record_service(cast):
    place = Place(cast)
    repair = Repair(
        organisation=cast.tmo, home=cast.home, priority=place.routine, reported_at=timezone.now()
    )
    records.record_service(record=repair, by=cast.people["staff"], reference_prefix="R")


def _change_record(cast):
    repair = _repair(cast)
    repair.description = "Changed"
    records.change_record(record=repair, by=cast.people["staff"])


def _report_repair(cast):
    Place(cast)
    records.report_repair_as_resident(
        organisation=cast.tmo, home=cast.home, by=cast.people["resident"], trade="plumbing",
        description="Leak", emergency=False, damp_or_mould=True,
    )  # fmt: skip


def _complain(cast):
    records.make_complaint_as_resident(
        organisation=cast.tmo, home=cast.home, by=cast.people["resident"],
        category=Complaint.Category.choices[0][0], what_happened="No reply", put_right="Reply",
    )  # fmt: skip


def _rate(cast):
    repair = _repair(cast, status=Repair.Status.COMPLETED, completed_at=timezone.now())
    records.rate_repair_once(repair=repair, by=cast.people["resident"], satisfaction=4)


def _comment(cast):
    repair = _repair(cast, status=Repair.Status.COMPLETED, completed_at=timezone.now())
    repair.satisfaction = 4
    repair.save()
    records.comment_on_rating(repair=repair, by=cast.people["resident"], comment="Quick")


def _import(cast):
    place = Place(cast)
    data = csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", place.home.reference, "EM", "02/11/2026 09:15"],
        ["R2", place.home.reference, "RO", "03/11/2026 10:00"],
    ])  # fmt: skip
    run = ImportRun.objects.create(
        organisation=cast.tmo, kind="repairs", filename="repairs.csv", by=cast.people["staff"],
        status=ImportRun.Status.QUEUED,
    )  # fmt: skip
    outcome = imports.execute_run(run=run, stream=io.BytesIO(data))
    assert outcome.created == 2


def _add_person(cast):
    organisations.add_person(
        organisation=cast.tmo, email="new@example.org", name="Alex Smith", role="staff",
        by=cast.people["committee"], sign_in_url="https://example.org/",
    )  # fmt: skip


def _remove_role(cast):
    assignment = RoleAssignment.objects.get(user=cast.people["staff"], organisation=cast.tmo)
    organisations.remove_role(assignment=assignment, by=cast.people["committee"])


def _survey(cast, **fields):
    return SurveyFactory(organisation=cast.tmo, **fields)


def _with_question(cast, **fields):
    survey = _survey(cast, **fields)
    section = SectionFactory(survey=survey)
    QuestionFactory(survey=survey, section=section, kind="yes_no")
    return survey


def _save_question(cast):
    section = SectionFactory(survey=_survey(cast))
    question = QuestionFactory.build(survey=section.survey, section=section, kind="yes_no")
    surveys.save_question(question=question, by=cast.people["committee"])


def _send_tsm(cast):
    survey = _survey(cast, status=Survey.Status.CLOSED)
    handover.send_tsm_results(
        survey=survey, period=financial_year("2025/26"), by=cast.people["committee"]
    )


COMMITTEE = "committee"
CHANGES = {
    "record_service": (_record_service, "staff", A.CREATED),
    "change_record": (_change_record, "staff", A.CHANGED),
    "report_repair_as_resident": (_report_repair, "resident", A.CREATED),
    "make_complaint_as_resident": (_complain, "resident", A.CREATED),
    "rate_repair_once": (_rate, "resident", A.CHANGED),
    "comment_on_rating": (_comment, "resident", A.CHANGED),
    "execute_run": (_import, "staff", A.IMPORTED),
    "add_person": (_add_person, COMMITTEE, A.ROLE_GIVEN),
    "remove_role": (_remove_role, COMMITTEE, A.ROLE_REMOVED),
    "create_survey": (
        lambda c: surveys.create_survey(organisation=c.tmo, by=c.people[COMMITTEE], title="S"),
        COMMITTEE,
        A.CREATED,
    ),
    "create_survey from a template": (
        lambda c: surveys.create_survey(organisation=c.tmo, by=c.people[COMMITTEE], template="tsm"),
        COMMITTEE,
        A.CREATED,
    ),
    "save_survey": (
        lambda c: surveys.save_survey(survey=_survey(c), by=c.people[COMMITTEE]),
        COMMITTEE,
        A.CHANGED,
    ),
    "save_section": (
        lambda c: surveys.save_section(
            section=SectionFactory.build(survey=_survey(c)), by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.CREATED,
    ),
    "delete_section": (
        lambda c: surveys.delete_section(
            section=SectionFactory(survey=_survey(c)), by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.DELETED,
    ),
    "move_section": (
        lambda c: surveys.move_section(
            section=SectionFactory(survey=_survey(c)), up=False, by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.CHANGED,
    ),
    "save_question": (_save_question, COMMITTEE, A.CREATED),
    "delete_question": (
        lambda c: surveys.delete_question(
            question=QuestionFactory(survey=_survey(c)), by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.DELETED,
    ),
    "move_question": (
        lambda c: surveys.move_question(
            question=QuestionFactory(survey=_survey(c)), up=True, by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.CHANGED,
    ),
    "save_translations": (
        lambda c: surveys.save_translations(
            survey=_survey(c), language="cy", texts={"title": "Arolwg"}, by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.CHANGED,
    ),
    "open_survey": (
        lambda c: surveys.open_survey(survey=_with_question(c), by=c.people[COMMITTEE]),
        COMMITTEE,
        A.OPENED,
    ),
    "close_survey": (
        lambda c: surveys.close_survey(
            survey=_survey(c, status=Survey.Status.OPEN), by=c.people[COMMITTEE]
        ),
        COMMITTEE,
        A.CLOSED,
    ),
    "delete_survey": (
        lambda c: surveys.delete_survey(survey=_survey(c), by=c.people[COMMITTEE]),
        COMMITTEE,
        A.DELETED,
    ),
    "invite_households": (
        lambda c: surveys.invite_households(
            survey=_survey(c, status=Survey.Status.OPEN), by=c.people["staff"]
        ),
        "staff",
        A.INVITED,
    ),
    "send_tsm_results": (_send_tsm, COMMITTEE, A.SENT),
}


@pytest.mark.parametrize("service", CHANGES)
def test_each_change_writes_one_entry_saying_who_and_what(cast, service):
    change, role, action = CHANGES[service]
    before = set(AuditEntry.objects.values_list("pk", flat=True))

    change(cast)

    new = AuditEntry.objects.exclude(pk__in=before)
    assert [(e.organisation, e.by, e.action) for e in new] == [
        (cast.tmo, cast.people[role], action)
    ]
    assert new.get().what


def test_tenantry_itself_is_recorded_as_nobody(cast):
    user = cast.people["inspector"]
    organisations.assign_role(user=user, organisation=cast.tmo, role="member")
    organisations.assign_role(user=user, organisation=cast.tmo, role="member")  # already held

    entry = AuditEntry.objects.get()
    assert (entry.by, entry.action, entry.what) == (None, A.ROLE_GIVEN, "Inspector as Member")


def test_an_import_is_one_entry_naming_the_file_and_the_counts(cast):
    _import(cast)

    entry = AuditEntry.objects.get()
    assert entry.what == "Repairs: repairs.csv"
    assert entry.detail == "2 rows: 2 new, 0 changed, 0 unchanged"


def test_a_check_only_or_rejected_import_writes_no_entry(cast):
    run = ImportRun.objects.create(
        organisation=cast.tmo, kind="repairs", filename="bad.csv", by=cast.people["staff"],
        status=ImportRun.Status.QUEUED,
    )  # fmt: skip
    imports.execute_run(run=run, stream=io.BytesIO(b"reference\nR1\n"))

    assert not AuditEntry.objects.exists()


def test_answering_a_survey_writes_no_entry(cast):
    survey = _survey(cast, status=Survey.Status.OPEN, anonymity="anonymous")
    question = QuestionFactory(survey=survey, kind="yes_no", code="REPAIR")
    online = InvitationFactory(survey=survey, household=cast.home.households.get())
    before = AuditEntry.objects.count()

    draft = surveys.start_draft(invitation=online, mode="web", language="en")
    draft = surveys.save_answer(draft=draft, question_pk=question.pk, value="yes")
    surveys.set_draft_language(draft=draft, language="cy")
    surveys.submit_draft(draft=draft)
    surveys.enter_paper_response(
        survey=survey,
        by=cast.people["staff"],
        answers={str(question.pk): "no"},
        invitation=InvitationFactory(survey=survey),
    )

    assert survey.responses.count() == 2
    assert AuditEntry.objects.count() == before


def _history(client, cast):
    return client.get(reverse("organisations:history", args=[cast.tmo.slug]))


@pytest.mark.parametrize("role", ["committee", "landlord_officer"])
def test_the_history_page_shows_entries_among_the_other_changes(cast, client_as, role):
    organisations.update_organisation(
        organisation=cast.tmo, by=cast.people["committee"], phone="0161 496 0123"
    )
    surveys.create_survey(organisation=cast.tmo, by=cast.people["committee"], title="Ours")
    _remove_role(cast)

    html = _history(client_as(cast.people[role]), cast).content.decode()

    removed, created, changed = (
        html.index("Staff as Staff"),
        html.index("Survey: Ours"),
        html.index("0161 496 0123"),
    )
    assert removed < created < changed  # newest first, both kinds in one order
    assert "role removed" in html


def test_residents_do_not_see_the_history(cast, client_as):
    surveys.create_survey(organisation=cast.tmo, by=cast.people["committee"], title="Ours")

    assert _history(client_as(cast.people["resident"]), cast).status_code == 403


def test_the_history_page_takes_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries
):
    for number in range(12):
        surveys.create_survey(organisation=cast.tmo, by=cast.people["committee"], title=f"{number}")
    for phone in ["0161 496 0001", "0161 496 0002"]:
        organisations.update_organisation(
            organisation=cast.tmo, by=cast.people["committee"], phone=phone
        )
    client = client_as(cast.people["committee"])

    # The session, the person and their roles, the menu; then the organisation's history,
    # its agreements' history and its audit entries: one query each, however many rows.
    with django_assert_num_queries(QUERIES):
        response = _history(client, cast)

    assert response.content.decode().count("Survey: ") == 12


QUERIES = 8  # and whether the landlord has a scrutiny panel, for the menu (kept ten minutes)
