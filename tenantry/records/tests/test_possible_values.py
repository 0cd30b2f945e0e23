"""Impossible values are refused alike on the staff forms and in imports: dates in the future
where they cannot be, an end before its start, negative money, a year before 1900; and an
import reports every problem in the file at once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tenantry.records import services, validation
from tenantry.records.models import AsbCase, Complaint, RentPeriod, Repair, Void
from tenantry.records.tests import factories

from .test_import_support import Place, csv_bytes, errors_of, run_import

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
TOMORROW = TODAY + timedelta(days=1)
YESTERDAY = TODAY - timedelta(days=1)


def uk(day) -> str:
    return day.strftime("%d/%m/%Y")


# --- the rules themselves ----------------------------------------------------------------------


def test_today_is_englands_date():
    assert validation.today() == timezone.localdate()


def test_every_rule_names_fields_its_model_has():
    for model_name, rules in validation.RULES.items():
        model = next(m for m in apps.get_models() if m._meta.model_name == model_name)
        for rule in rules:
            for name in validation.fields_of(rule):
                model._meta.get_field(name)


def test_a_rule_compares_a_date_with_a_moment_by_its_day_in_england():
    assert not validation.is_earlier("2026-07-01", "2026-07-01 23:30:00+01:00")
    assert validation.is_earlier("2026-06-30", "2026-07-01 00:30:00+01:00")
    assert validation.is_earlier("2026-07-01 09:00:00+01:00", "2026-07-01 10:00:00+01:00")


def test_today_is_allowed_and_tomorrow_is_not():
    assert validation.problems("asbcase", {"opened_on": TODAY}) == []
    assert validation.problems("asbcase", {"opened_on": TOMORROW}) == [
        ("opened_on", "The date the case was opened must be today or in the past")
    ]


def test_arrears_may_be_negative_but_money_charged_and_paid_may_not():
    values = {"arrears_brought_forward": Decimal("-20"), "arrears_carried_forward": Decimal("-5")}
    assert validation.problems("rentperiod", values) == []
    assert validation.problems("rentperiod", {"collected": Decimal("-0.01")}) == [
        ("collected", "Enter rent collected of £0 or more")
    ]


# --- the staff forms ---------------------------------------------------------------------------


def _create(cast, kind: str) -> str:
    return reverse("services:create-record", kwargs={"slug": cast.tmo.slug, "kind": kind})


def _staff(client_as, cast):
    return client_as(cast.people["staff"])


def test_the_repair_form_refuses_a_future_report_an_earlier_appointment_and_a_negative_cost(
    cast, client_as
):
    priority = factories.RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5, target_unit="working_days"
    )
    in_2031 = TODAY.replace(year=TODAY.year + 5)
    response = _staff(client_as, cast).post(
        _create(cast, "repairs"),
        {
            "home_reference": cast.home.reference, "kind": "responsive", "priority": priority.pk,
            "trade": "plumbing", "status": "open", "reported_at": f"{in_2031}T10:00",
            "appointment_at": "2020-01-06T09:00", "cost": "-500", "hazard": "",
            "appointment_kept": "", "right_first_time": "", "description": "Dripping tap",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date the repair was reported must be today or in the past" in page
    assert "Enter a cost of £0 or more" in page
    assert "Dripping tap" in page and "-500" in page  # what was typed is kept
    assert not Repair.objects.exists()


def test_the_repair_form_refuses_an_appointment_before_the_report(cast, client_as):
    priority = factories.RepairPriorityFactory(landlord=cast.landlord, code="U")
    response = _staff(client_as, cast).post(
        _create(cast, "repairs"),
        {
            "home_reference": cast.home.reference, "kind": "responsive", "priority": priority.pk,
            "trade": "plumbing", "status": "completed", "reported_at": f"{YESTERDAY}T10:00",
            "appointment_at": f"{YESTERDAY}T09:00", "completed_at": f"{YESTERDAY}T08:00",
            "hazard": "", "appointment_kept": "", "right_first_time": "",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert "Enter an appointment on or after the reported date" in page
    assert "Enter a completion date on or after the reported date" in page
    assert not Repair.objects.exists()


def test_the_asb_report_form_refuses_a_future_day_and_a_year_before_1900(cast, client_as):
    client = _staff(client_as, cast)
    base = {"estate": cast.estate.pk, "category": "noise", "channel": "phone"}
    response = client.post(_create(cast, "asb"), base | {"received_on": "1899-12-31"})
    assert "must be in 1900 or later" in response.content.decode()
    response = client.post(
        _create(cast, "asb"), base | {"received_on": str(TODAY + timedelta(days=1))}
    )
    assert "The date the report was received must be today or in the past" in (
        response.content.decode()
    )
    assert not AsbCase.objects.exists()


def test_the_void_form_refuses_a_let_before_the_home_was_ready(cast, client_as):
    response = _staff(client_as, cast).post(
        _create(cast, "voids"),
        {
            "home_reference": cast.home.reference, "reason": "moved_out",
            "tenancy_ended_on": str(TODAY - timedelta(days=30)),
            "ready_to_let_on": str(TODAY - timedelta(days=5)),
            "new_tenancy_started_on": str(TODAY - timedelta(days=10)),
        },
    )  # fmt: skip
    assert "Enter a new tenancy date on or after the ready to let date" in (
        response.content.decode()
    )
    assert not Void.objects.exists()


def test_the_rent_form_refuses_negative_rent_but_takes_a_credit(cast, client_as):
    household = cast.home.households.get()
    data = {
        "tenancy_reference": household.reference,
        "starts_on": str(TODAY - timedelta(days=13)),
        "ends_on": str(TODAY),
        "arrears_brought_forward": "-40.00",
        "rent_due": "-210.00",
        "collected": "0",
        "written_off": "0",
        "arrears_carried_forward": "-250.00",
    }
    client = _staff(client_as, cast)
    response = client.post(_create(cast, "rent"), data)
    assert "Enter rent due of £0 or more" in response.content.decode()
    assert not RentPeriod.objects.exists()
    client.post(
        _create(cast, "rent"), data | {"rent_due": "210.00", "arrears_carried_forward": "170.00"}
    )
    assert RentPeriod.objects.get().arrears_brought_forward == Decimal("-40.00")


def test_the_complaint_form_refuses_an_answer_before_the_acknowledgement(cast, client_as):
    response = _staff(client_as, cast).post(
        _create(cast, "complaints"),
        {
            "category": "repairs", "received_on": str(TODAY - timedelta(days=10)),
            "stage1_acknowledged_on": str(TODAY - timedelta(days=5)),
            "stage1_responded_on": str(TODAY - timedelta(days=6)),
            "stage1_extension_days": "0", "stage2_extension_days": "0",
        },
    )  # fmt: skip
    assert "Enter a stage 1 answer date on or after the acknowledgement" in (
        response.content.decode()
    )
    assert not Complaint.objects.exists()


def test_the_database_refuses_a_negative_cost_whatever_the_way_in(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.RepairFactory(organisation=cast.tmo, home=cast.home, cost=Decimal("-1"))


# --- imports -----------------------------------------------------------------------------------

HEADER = ["reference", "home", "priority", "reported_at", "status", "completed_at", "cost"]


def test_one_check_reports_every_problem_in_the_file_at_once(cast):
    place = Place(cast)
    home = place.home.reference
    data = csv_bytes([
        HEADER,
        ["R1", home, "EM", "02/11/2026 09:15", "open", "", ""],
        # a date that is not a date
        ["R2", home, "EM", "31/02/2026 10:00", "open", "", ""],
        # a completion before the report, on a row whose cost cannot be read either
        ["R3", home, "EM", "02/11/2026 10:00", "completed", "01/11/2026 10:00", "lots"],
        # a repeated reference, on a row with a problem of its own
        ["R1", home, "XX", "02/11/2026 09:15", "open", "", ""],
    ])  # fmt: skip

    outcome = run_import(cast.tmo, "repairs", data)

    assert errors_of(outcome) == [
        (3, "reported_at", "31/02/2026 10:00 is not a date and time"),
        (4, "cost", "lots is not an amount"),
        (4, "completed_at", "Enter a completion date on or after the reported date"),
        (5, "priority", "XX is not one of the landlord's repair priorities"),
        (5, "reference", "R1 is also on line 2"),
    ]
    assert not Repair.objects.exists()


def test_an_import_refuses_future_dates_negative_money_and_a_year_before_1900(cast):
    place = Place(cast)
    home = place.home.reference
    data = csv_bytes([
        HEADER + ["appointment_at"],
        ["R1", home, "EM", "03/02/2031 09:15", "open", "", "", ""],
        ["R2", home, "EM", f"{uk(YESTERDAY)} 09:15", "open", "", "-500", ""],
        ["R3", home, "EM", "02/11/1899 09:15", "open", "", "", ""],
        ["R4", home, "EM", f"{uk(YESTERDAY)} 09:15", "open", "", "", "06/01/2020 09:00"],
        ["R5", home, "EM", f"{uk(TODAY)} 00:01", "open", "", "0", f"{uk(TOMORROW)} 09:00"],
    ])  # fmt: skip

    outcome = run_import(cast.tmo, "repairs", data)

    assert errors_of(outcome) == [
        (2, "reported_at", "The date the repair was reported must be today or in the past"),
        (3, "cost", "Enter a cost of £0 or more"),
        (4, "reported_at", "reported_at must be in 1900 or later"),
        (5, "appointment_at", "Enter an appointment on or after the reported date"),
    ]


def test_an_import_of_rent_takes_a_credit_but_not_negative_rent(cast):
    place = Place(cast)
    header = ["reference", "home", "household", "starts_on", "ends_on",
              "arrears_brought_forward", "rent_due", "collected"]  # fmt: skip
    start, end = uk(TODAY - timedelta(days=13)), uk(TODAY)
    row = ["RA1", place.home.reference, place.household.reference, start, end]
    bad = run_import(cast.tmo, "rent", csv_bytes([header, row + ["-40", "-210", "-1"]]))
    assert errors_of(bad) == [
        (2, "rent_due", "Enter rent due of £0 or more"),
        (2, "collected", "Enter rent collected of £0 or more"),
    ]
    good = run_import(cast.tmo, "rent", csv_bytes([header, row + ["-40", "210", "0"]]))
    assert good.accepted
    assert RentPeriod.objects.get().arrears_carried_forward == Decimal("170.00")


def test_an_import_of_voids_and_asb_keeps_their_order(cast):
    place = Place(cast)
    voids = csv_bytes([
        ["reference", "home", "reason", "tenancy_ended_on", "ready_to_let_on",
         "new_tenancy_started_on"],
        ["V1", place.home.reference, "moved_out", uk(TODAY - timedelta(days=30)),
         uk(TODAY - timedelta(days=5)), uk(TODAY - timedelta(days=10))],
        ["V2", place.home.reference, "moved_out", uk(TOMORROW), "", ""],
    ])  # fmt: skip
    assert errors_of(run_import(cast.tmo, "voids", voids)) == [
        (2, "new_tenancy_started_on", "Enter a new tenancy date on or after the ready to let date"),
        (3, "tenancy_ended_on", "The date the tenancy ended must be today or in the past"),
    ]
    asb = csv_bytes([
        ["reference", "home", "category", "received_on", "case_closed_on"],
        ["A1", place.home.reference, "noise", uk(YESTERDAY), uk(YESTERDAY - timedelta(days=1))],
        ["A2", place.home.reference, "noise", uk(TOMORROW), ""],
    ])  # fmt: skip
    assert errors_of(run_import(cast.tmo, "asb", asb)) == [
        (2, "case_closed_on",
         "Enter a case closing date on or after the day the report was received"),
        (3, "received_on", "The date the report was received must be today or in the past"),
    ]  # fmt: skip


def test_a_service_refuses_what_the_form_would(cast):
    case = factories.AsbCaseFactory.build(
        organisation=cast.tmo, estate=cast.estate, opened_on=TOMORROW, reference="A1"
    )
    with pytest.raises(ValidationError) as error:
        services.save_record(record=case, by=None)
    assert error.value.message_dict == {
        "opened_on": ["The date the case was opened must be today or in the past"]
    }
