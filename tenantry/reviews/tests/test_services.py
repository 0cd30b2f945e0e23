"""The review programme and a review's steps: permission, validation, history and the four Cs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tenantry.democracy.tests.meeting_factories import MeetingFactory
from tenantry.organisations.models import AuditEntry
from tenantry.reviews import selectors, services
from tenantry.reviews.models import (
    BenchmarkVisit,
    Option,
    ProgrammeEntry,
    ProgrammeStatus,
    Stakeholder,
    StepStatus,
)
from tenantry.reviews.tests.helpers import make_review
from tenantry.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def _entry(programme, **changes):
    values = dict(
        programme=programme,
        service="repairs",
        year=programme.first_year,
        starts_on=date(2026, 5, 1),
        consultation_by=date(2026, 9, 1),
        plan_by=date(2027, 1, 31),
    )
    return ProgrammeEntry(**{**values, **changes})


def test_committee_writes_the_programme_and_the_landlord_agrees_it(cast):
    committee, landlord = cast.people["committee"], cast.people["landlord_officer"]
    programme = services.save_programme(organisation=cast.tmo, first_year=2026, by=committee)
    services.save_programme_entry(entry=_entry(programme), by=committee)

    services.respond_to_programme(
        programme=programme, comment="Fine by us", agree=True, by=landlord, today=date(2026, 6, 1)
    )

    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.AGREED
    assert programme.agreed_by == landlord and programme.agreed_on == date(2026, 6, 1)
    assert programme.history.count() == 2  # created, then agreed
    assert AuditEntry.objects.filter(organisation=cast.tmo, by=landlord).exists()


def test_a_change_after_agreement_sends_the_programme_back_to_draft(cast):
    committee = cast.people["committee"]
    programme = services.save_programme(organisation=cast.tmo, first_year=2026, by=committee)
    services.save_programme_entry(entry=_entry(programme), by=committee)
    services.respond_to_programme(
        programme=programme, comment="", agree=True, by=cast.people["landlord_officer"]
    )
    services.save_programme_entry(entry=_entry(programme, service="caretaking"), by=committee)
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT


@pytest.mark.parametrize("role", ["staff", "resident", "inspector", "landlord_officer"])
def test_only_the_committee_writes_the_programme(cast, role):
    with pytest.raises(PermissionDenied):
        services.save_programme(organisation=cast.tmo, first_year=2026, by=cast.people[role])


@pytest.mark.parametrize("role", ["committee", "staff", "resident", "inspector"])
def test_only_the_landlord_agrees_the_programme(cast, role):
    programme = services.save_programme(organisation=cast.tmo, first_year=2026, by=None)
    services.save_programme_entry(entry=_entry(programme), by=None)
    with pytest.raises(PermissionDenied):
        services.respond_to_programme(
            programme=programme, comment="", agree=True, by=cast.people[role]
        )


def test_programme_refuses_bad_timetables_and_empty_agreement(cast):
    programme = services.save_programme(organisation=cast.tmo, first_year=2026, by=None)
    with pytest.raises(ValidationError) as refused:
        services.respond_to_programme(programme=programme, comment="", agree=True, by=None)
    assert "nothing to agree" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        services.respond_to_programme(programme=programme, comment=" ", agree=False, by=None)
    assert "comment" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.save_programme_entry(entry=_entry(programme, year=2031), by=None)  # 6th year
    assert "year" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.save_programme_entry(
            entry=_entry(programme, consultation_by=date(2026, 4, 1)), by=None
        )
    assert "consultation_by" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.save_programme_entry(entry=_entry(programme, plan_by=date(2026, 8, 1)), by=None)
    assert "plan_by" in refused.value.error_dict


def test_a_review_starts_with_nine_steps_not_started(cast):
    review = services.start_review(
        organisation=cast.tmo,
        service="repairs",
        title="Repairs",
        started_on=date(2026, 1, 5),
        by=cast.people["staff"],
    )
    assert [s.number for s in review.steps.all()] == list(range(1, 10))
    assert {s.status for s in review.steps.all()} == {StepStatus.NOT_STARTED}


@pytest.mark.parametrize("role", ["resident", "inspector", "landlord_officer"])
def test_readers_cannot_start_or_change_a_review(cast, role):
    step = make_review(cast.tmo).steps.first()
    with pytest.raises(PermissionDenied):
        services.save_step(review_step=step, content={}, status="in_progress", by=cast.people[role])
    with pytest.raises(PermissionDenied):
        services.start_review(
            organisation=cast.tmo,
            service="repairs",
            title="x",
            started_on=date(2026, 1, 5),
            by=cast.people[role],
        )


def test_a_step_keeps_only_its_own_fields_and_history(cast):
    review = make_review(cast.tmo)
    step = review.steps.get(number=1)
    services.save_step(
        review_step=step,
        content={"in_scope": " Complaints ", "junk": "x"},
        status=StepStatus.COMPLETED,
        by=cast.people["committee"],
    )
    step.refresh_from_db()
    assert step.content == {"in_scope": "Complaints", "out_of_scope": ""}
    assert step.history.count() == 2
    assert step.history.first().history_user == cast.people["committee"]


def test_an_empty_step_cannot_be_completed(cast):
    step = make_review(cast.tmo).steps.get(number=2)
    with pytest.raises(ValidationError) as refused:
        services.save_step(review_step=step, content={}, status=StepStatus.COMPLETED, by=None)
    assert "status" in refused.value.error_dict


@pytest.mark.parametrize("weight", [-1, 101, "forty"])
def test_the_weight_of_cost_must_be_a_percentage(cast, weight):
    step = make_review(cast.tmo).steps.get(number=6)
    with pytest.raises(ValidationError) as refused:
        services.save_step(
            review_step=step,
            content={"cost_weight": weight},
            status=StepStatus.IN_PROGRESS,
            by=None,
        )
    assert "cost_weight" in refused.value.error_dict


def test_a_decision_is_tied_to_a_meeting_of_the_same_organisation_on_its_day(cast):
    review = make_review(cast.tmo)
    day = timezone.localdate() - timedelta(days=10)
    meeting = MeetingFactory(organisation=cast.tmo, kind="committee", day=day)
    decision = services.record_decision(
        review=review,
        step=1,
        what="Leave out gas servicing",
        decided_by="The committee",
        decided_on=day,
        meeting=meeting,
        by=cast.people["committee"],
    )
    assert decision.meeting == meeting and decision.recorded_by == cast.people["committee"]

    elsewhere = MeetingFactory(organisation=cast.other_tmo, kind="committee", day=day)
    with pytest.raises(ValidationError) as refused:
        services.record_decision(
            review=review,
            step=1,
            what="x",
            decided_by="x",
            decided_on=day,
            meeting=elsewhere,
            by=None,
        )
    assert "meeting" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.record_decision(
            review=review,
            step=1,
            what="x",
            decided_by="x",
            decided_on=day - timedelta(days=1),
            meeting=meeting,
            by=None,
        )
    assert "decided_on" in refused.value.error_dict
    with pytest.raises(ValidationError):
        services.record_decision(
            review=review,
            step=1,
            what="x",
            decided_by="x",
            decided_on=timezone.localdate() + timedelta(days=1),
            meeting=None,
            by=None,
        )


@pytest.mark.parametrize(
    ("name", "size", "field_error"),
    [
        ("minutes.exe", 100, "PDF, Word"),
        ("big.pdf", 10 * 1024 * 1024 + 1, "10 MB"),
        ("empty.pdf", 0, "empty"),
        ("noextension", 100, "PDF, Word"),
    ],
)
def test_evidence_files_are_checked_for_kind_and_size(cast, name, size, field_error):
    review = make_review(cast.tmo)
    upload = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError) as refused:
        services.add_evidence_file(review=review, step=4, title="", upload=upload, by=None)
    assert field_error in refused.value.error_dict["file"][0].messages[0]


def test_a_good_evidence_file_is_kept(cast):
    review = make_review(cast.tmo)
    upload = SimpleUploadedFile("Repairs focus group.PDF", b"%PDF-1.4 notes")
    evidence = services.add_evidence_file(
        review=review, step=4, title="", upload=upload, by=cast.people["staff"]
    )
    assert evidence.title == "Repairs focus group.PDF" and evidence.added_by == cast.people["staff"]


def test_another_organisations_survey_is_refused(cast):
    review = make_review(cast.tmo)
    with pytest.raises(ValidationError):
        services.add_survey_evidence(
            review=review, step=4, survey=SurveyFactory(organisation=cast.other_tmo), by=None
        )


def test_four_cs_name_the_gaps_of_an_empty_review(cast):
    review = make_review(cast.tmo)
    panel = {c.key: c for c in selectors.four_cs(review)}
    assert "Nobody has yet asked whether the service is needed at all." in panel["challenge"].gaps
    assert "No stakeholder has been consulted yet." in panel["consult"].gaps
    assert any("no peer" in gap for gap in panel["compare"].gaps)
    assert panel["compete"].gaps == ["No option has been appraised."]


def test_four_cs_name_one_option_and_residents_only(cast):
    review = make_review(cast.tmo)
    Option.objects.create(
        review=review, kind="in_house", description="As now", cost_score=5, quality_score=5
    )
    Stakeholder.objects.create(
        review=review, kind="tenants", name="Tenants", consulted_on=date(2026, 2, 1)
    )
    panel = {c.key: c for c in selectors.four_cs(review)}
    assert panel["compete"].gaps == [
        "The option appraisal has only one option: nothing was compared with it."
    ]
    assert any("Only tenants and members" in gap for gap in panel["consult"].gaps)

    Option.objects.create(
        review=review, kind="contractor", description="Tender", cost_score=7, quality_score=None
    )
    Stakeholder.objects.create(
        review=review, kind="staff", name="Caretakers", consulted_on=date(2026, 2, 3)
    )
    BenchmarkVisit.objects.create(
        review=review, visited="Ashfield TMO", visited_on=date(2026, 3, 1), compared="Repair times"
    )
    panel = {c.key: c for c in selectors.four_cs(review)}
    assert panel["compete"].gaps == ["Some options have no cost or quality score."]
    assert not any("Only tenants" in gap for gap in panel["consult"].gaps)
    assert not any("no peer" in gap for gap in panel["compare"].gaps)


def test_gap_to_top_quartile_by_hand():
    # Higher is better: top quarter starts at 85.0; 78.5 is 6.5 short; 90 is inside (0).
    assert selectors.gap_to_top_quartile(
        value=Decimal("78.5"), top=Decimal("85.0"), higher_is_better=True
    ) == Decimal("6.5")
    assert selectors.gap_to_top_quartile(value=90, top=Decimal("85.0"), higher_is_better=True) == 0
    # Lower is better (days to repair): top quarter is 4 days or fewer; 9 days is 5 over.
    assert selectors.gap_to_top_quartile(
        value=9, top=Decimal("4"), higher_is_better=False
    ) == Decimal("5")
    assert (
        selectors.gap_to_top_quartile(value=None, top=Decimal("4"), higher_is_better=False) is None
    )


def test_a_local_indicator_made_at_step_8_appears_in_indicators(cast):
    from tenantry.indicators.models import Indicator

    review = make_review(cast.tmo)
    indicator = services.create_review_indicator(
        review=review,
        by=cast.people["committee"],
        name="Repairs right first visit",
        meaning="Share of repairs done at the first visit",
        unit="percent",
        higher_is_better=True,
        source="manual",
        config={},
        decimals=1,
    )
    assert Indicator.objects.filter(organisation=cast.tmo, pk=indicator.pk).exists()
    with pytest.raises(PermissionDenied):  # staff run reviews but do not keep indicators
        services.create_review_indicator(
            review=review,
            by=cast.people["staff"],
            name="Another",
            meaning="",
            unit="percent",
            higher_is_better=True,
            source="manual",
            config={},
            decimals=1,
        )


def test_four_cs_name_the_usual_suspects_from_the_surveys_reach(cast, monkeypatch):
    from tenantry.surveys import analysis
    from tenantry.surveys.reach import ReachRow

    review = make_review(cast.tmo)
    survey = SurveyFactory(organisation=cast.tmo, title="Repairs survey")
    services.add_survey_evidence(review=review, step=4, survey=survey, by=None)

    def row(group, status):
        return ReachRow("age_band", group, 1, 40, 0.1, 0.4, 0.25, status)

    age = analysis.ReachCharacteristic(
        "age_band",
        "Age",
        [
            row("16_24", "under_represented"),
            row("25_34", "represented"),
            row("75_plus", "under_represented"),
        ],
        {"16_24": "16–24", "25_34": "25–34", "75_plus": "75+"},
        "",
    )
    monkeypatch.setattr(analysis, "reach", lambda s: [age])

    consult = {c.key: c for c in selectors.four_cs(review)}["consult"]
    assert consult.gaps[-1] == (
        "The survey “Repairs survey” reached only the usual suspects: these groups gave far "
        "fewer answers than their share of residents: Age: 16–24, 75+."
    )
    assert "Survey “Repairs survey”: 0 answers" in consult.evidence
