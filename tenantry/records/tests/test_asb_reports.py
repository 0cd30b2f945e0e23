"""Anti-social behaviour reports and cases: the one rule that puts a report in its case, staff
linking and splitting, and who may see a report."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tenantry.homes.tests.factories import EstateFactory, HomeFactory
from tenantry.organisations.models import AuditEntry
from tenantry.records.asb_services import (
    case_history,
    change_asb_report,
    link_report,
    record_asb_report,
    split_report,
)
from tenantry.records.models import AsbCase, AsbReport

pytestmark = pytest.mark.django_db

NOISE, DRUGS = AsbCase.Category.NOISE, AsbCase.Category.DRUGS


@pytest.fixture
def staff(cast):
    return cast.people["staff"]


@pytest.fixture
def report(cast, staff):
    """Record a report through the staff service, as every route does."""

    def make(received_on, *, home=cast.home, estate=None, category=NOISE, hate=False, **more):
        return record_asb_report(
            report=AsbReport(
                organisation=cast.tmo,
                home=home,
                estate=estate,
                category=category,
                is_hate_incident=hate,
                received_on=received_on,
                **more,
            ),
            by=staff,
        )

    return make


def _case(report: AsbReport) -> AsbCase:
    return AsbCase.objects.get(pk=AsbReport.objects.get(pk=report.pk).case_id)


# --- the rule ---------------------------------------------------------------------------------


def test_a_repeat_report_while_the_case_is_open_joins_it(report):
    first = report(date(2025, 6, 2))
    again = report(date(2025, 6, 20))

    assert _case(again) == _case(first)
    assert AsbCase.objects.count() == 1
    assert _case(first).opened_on == date(2025, 6, 2)
    assert list(_case(first).reports.order_by("received_on")) == [first, again]


def test_a_report_after_the_case_closed_opens_a_new_case(report):
    first = report(date(2025, 6, 2))
    AsbCase.objects.filter(pk=first.case_id).update(closed_on=date(2025, 6, 30))

    on_the_closing_day = report(date(2025, 6, 30))
    after = report(date(2025, 7, 1))

    assert _case(on_the_closing_day) == _case(first)  # not closed before it: still open
    assert _case(after) != _case(first)
    assert _case(after).opened_on == date(2025, 7, 1)
    assert AsbCase.objects.count() == 2


def test_a_different_kind_of_behaviour_at_the_same_home_is_a_new_case(report):
    noise = report(date(2025, 6, 2))
    drugs = report(date(2025, 6, 3), category=DRUGS)

    assert _case(noise) != _case(drugs)
    assert _case(drugs).category == DRUGS


def test_a_report_about_another_home_is_a_new_case(cast, report):
    other = HomeFactory(estate=cast.estate)
    first = report(date(2025, 6, 2))
    elsewhere = report(date(2025, 6, 3), home=other)

    assert _case(first) != _case(elsewhere)


def test_estate_reports_join_the_open_estate_case_not_a_home_case_on_it(cast, report):
    at_home = report(date(2025, 6, 1))
    on_estate = report(date(2025, 6, 2), home=None, estate=cast.estate)
    again_on_estate = report(date(2025, 6, 9), home=None, estate=cast.estate)
    other_estate = report(date(2025, 6, 9), home=None, estate=EstateFactory(landlord=cast.landlord))

    assert _case(on_estate) == _case(again_on_estate) != _case(at_home)
    assert _case(on_estate).home is None and _case(on_estate).estate == cast.estate
    assert _case(other_estate) not in {_case(on_estate), _case(at_home)}
    assert AsbCase.objects.count() == 3


def test_a_report_dated_before_the_open_case_began_opens_its_own(report):
    later = report(date(2025, 6, 10))
    earlier = report(date(2025, 6, 1))  # the case was not open that day

    assert _case(earlier) != _case(later)


def test_another_organisations_open_case_is_not_joined(cast, report):
    AsbCase.objects.create(
        organisation=cast.other_tmo, reference="X1", home=cast.home, estate=cast.estate,
        category=NOISE, opened_on=date(2025, 5, 1),
    )  # fmt: skip
    mine = report(date(2025, 6, 1))

    assert _case(mine).organisation == cast.tmo
    assert AsbCase.objects.filter(organisation=cast.tmo).count() == 1


def test_the_case_involves_a_hate_incident_when_any_report_is_one(report, staff):
    first = report(date(2025, 6, 2))
    assert _case(first).is_hate_incident is False

    report(date(2025, 6, 5), hate=True)
    assert _case(first).is_hate_incident is True

    # Correcting the only hate report takes the flag off the case again.
    hate = AsbReport.objects.get(is_hate_incident=True)
    hate.is_hate_incident = False
    change_asb_report(report=hate, by=staff)
    assert _case(first).is_hate_incident is False


def test_new_cases_are_numbered_and_the_history_says_how_each_report_came(report):
    first = report(date(2025, 6, 2))
    report(date(2025, 6, 3))

    case = _case(first)
    assert case.reference == "ASB-000001"
    assert first.reference == "ASBR-000001"
    details = [entry.detail for entry in case_history(case=case)]
    assert details == [
        "Report ASBR-000002 joined the case (other or not known).",
        "Opened by report ASBR-000001 (other or not known).",
    ]


# --- link and split ---------------------------------------------------------------------------


def test_staff_link_a_report_to_another_open_case_and_its_empty_case_goes(cast, report, staff):
    first = report(date(2025, 6, 2))
    # Reported as drugs, but it is the same matter as the noise case.
    stray = report(date(2025, 6, 4), category=DRUGS)
    stray_case = _case(stray)

    link_report(report=stray, case=_case(first), by=staff)

    assert _case(stray) == _case(first)
    assert not AsbCase.objects.filter(pk=stray_case.pk).exists()
    assert AsbCase.objects.count() == 1
    entries = AuditEntry.objects.filter(organisation=cast.tmo).order_by("-pk")[:2]
    assert {entry.action for entry in entries} == {"changed", "deleted"}


def test_linking_an_earlier_report_moves_the_case_opening_back(report, staff):
    early = report(date(2025, 6, 1), category=DRUGS)
    case = _case(report(date(2025, 6, 10)))

    link_report(report=early, case=case, by=staff)

    assert AsbCase.objects.get(pk=case.pk).opened_on == date(2025, 6, 1)


def test_a_report_cannot_be_linked_to_a_case_closed_before_it_came(report, staff):
    closed = _case(report(date(2025, 5, 1)))
    AsbCase.objects.filter(pk=closed.pk).update(closed_on=date(2025, 5, 31))
    later = report(date(2025, 6, 10), category=DRUGS)

    with pytest.raises(ValidationError, match="before this report was received"):
        link_report(report=later, case=AsbCase.objects.get(pk=closed.pk), by=staff)
    assert _case(later) != closed


def test_staff_split_a_report_into_a_new_case(report, staff):
    first = report(date(2025, 6, 2))
    different = report(date(2025, 6, 9))
    old = _case(first)

    new = split_report(report=different, by=staff)

    assert _case(different) == new != old
    assert (new.opened_on, new.closed_on, new.category) == (date(2025, 6, 9), None, NOISE)
    assert [e.detail for e in case_history(case=new)][0] == (
        f"Opened by splitting report {different.reference} out of {old.reference}."
    )
    assert list(_case(first).reports.all()) == [first]


def test_splitting_the_first_report_moves_the_old_case_opening_on(report, staff):
    first = report(date(2025, 6, 2))
    report(date(2025, 6, 9))
    old = _case(first)

    split_report(report=first, by=staff)

    assert AsbCase.objects.get(pk=old.pk).opened_on == date(2025, 6, 9)


def test_the_only_report_of_a_case_cannot_be_split_out(report, staff):
    alone = report(date(2025, 6, 2))
    with pytest.raises(ValidationError, match="only report"):
        split_report(report=alone, by=staff)


@pytest.mark.parametrize("role", ["committee", "inspector", "resident"])
def test_only_those_who_keep_records_link_or_split(cast, report, staff, role):
    first = report(date(2025, 6, 2))
    second = report(date(2025, 6, 3))
    other = report(date(2025, 6, 3), category=DRUGS)
    person = cast.people[role]

    with pytest.raises(PermissionDenied):
        split_report(report=second, by=person)
    with pytest.raises(PermissionDenied):
        link_report(report=other, case=_case(first), by=person)
    with pytest.raises(PermissionDenied):
        record_asb_report(
            report=AsbReport(organisation=cast.tmo, home=cast.home, category=NOISE,
                             received_on=date(2025, 6, 4)),
            by=person,
        )  # fmt: skip
    assert AsbCase.objects.count() == 2


def test_a_case_of_another_organisation_cannot_be_linked_to(cast, report, staff):
    theirs = AsbCase.objects.create(
        organisation=cast.other_tmo, reference="X1", estate=cast.estate, category=NOISE,
        opened_on=date(2025, 5, 1),
    )  # fmt: skip
    mine = report(date(2025, 6, 1))

    with pytest.raises(PermissionDenied):
        link_report(report=mine, case=theirs, by=staff)


def test_refresh_refuses_a_case_left_with_no_report_before_it_closed(report, staff):
    first = report(date(2025, 6, 2))
    report(date(2025, 6, 20))
    AsbCase.objects.filter(pk=first.case_id).update(closed_on=date(2025, 6, 25))
    late = AsbReport.objects.get(received_on=date(2025, 6, 20))
    late.received_on = date(2025, 6, 26)  # a correction would leave it after the closing day
    late.save()

    with pytest.raises(ValidationError, match="no report before the day it closed"):
        split_report(report=first, by=staff)
