"""One void, one figure: the voids list, the void's page and BV212 all time a void by
`tenantry.records.voids` (the agreement in force when the tenancy ended, the days strictly
between the clock's start and stop)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tenantry.core.periods import financial_year
from tenantry.indicators.calculators import Subject, calculate
from tenantry.indicators.models import Indicator, Scope
from tenantry.organisations.tests.factories import AgreementFactory
from tenantry.records import voids
from tenantry.records.models import Void
from tenantry.records.tests.factories import VoidFactory

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")


def _bv212(cast):
    found = calculate(
        Indicator.objects.get(code="BV212", organisation=None),
        Subject(Scope.ORGANISATION, cast.tmo),
        YEAR,
    )
    return found.numerator, found.denominator, found.value


def _list_days(client, cast, void) -> str:
    page = client.get(
        reverse("services:record-list", kwargs={"slug": cast.tmo.slug, "kind": "voids"})
    ).content.decode()
    row = page.split(f">{void.reference}</a>")[1].split("</tr>")[0]
    return re.findall(r'govuk-table__cell--numeric">([^<]*)</td>', row)[0]


def _record_page(client, cast, void) -> str:
    url = reverse("services:record", kwargs={"slug": cast.tmo.slug, "kind": "voids", "pk": void.pk})
    return client.get(url).content.decode()


def _worked_example(cast, **fields):
    # Tenancy ended Monday 3 November 2025, keys back 10 November, new tenancy Monday
    # 1 December 2025.
    made = {
        "organisation": cast.tmo,
        "home": cast.home,
        "tenancy_ended_on": date(2025, 11, 3),
        "keys_returned_on": date(2025, 11, 10),
        "new_tenancy_started_on": date(2025, 12, 1),
    }
    return VoidFactory(**(made | fields))


def test_the_worked_example_is_20_days_on_the_list_the_record_and_in_bv212(cast, client_as):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.void_clock_stops = "new_tenancy"
    cast.agreement.save()
    void = _worked_example(cast)
    staff = client_as(cast.people["staff"])

    # From the keys (10 Nov) to the new tenancy (1 Dec): 11 to 30 November, 20 days strictly
    # between. (The list used to say 28, the page 21.)
    assert voids.days_to_let(void) == 20
    assert _list_days(staff, cast, void) == "20"
    page = _record_page(staff, cast, void)
    assert "20 calendar days" in page
    assert "The clock runs from when the keys were returned until the new tenancy started." in page
    assert _bv212(cast) == (20, 1, 20)


def test_a_void_is_timed_by_the_agreement_in_force_when_its_tenancy_ended(cast, client_as):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.ends_on = date(2025, 11, 30)
    cast.agreement.save()
    # Today's agreement (and the one at the year's end) starts the clock at the tenancy's end.
    AgreementFactory(
        organisation=cast.tmo,
        landlord=cast.landlord,
        starts_on=date(2025, 12, 1),
        void_clock_starts="tenancy_end",
        services=cast.agreement.services,
    )
    void = _worked_example(cast)
    staff = client_as(cast.people["staff"])

    assert _list_days(staff, cast, void) == "20"
    assert "20 calendar days" in _record_page(staff, cast, void)
    assert _bv212(cast) == (20, 1, 20)


def test_an_agreement_is_in_force_from_its_first_day(cast):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.starts_on = date(2025, 11, 3)
    cast.agreement.save()
    assert voids.days_to_let(_worked_example(cast)) == 20

    # Begun the day before any agreement: the Best Value definition, tenancy end to new
    # tenancy, 4 to 30 November.
    cast.agreement.starts_on = date(2025, 11, 4)
    cast.agreement.save()
    void = _worked_example(cast)
    assert voids.days_to_let(void) == 27
    assert voids.void_clock_of(void) == voids.BEST_VALUE


def test_a_landlords_own_void_is_timed_by_the_best_value_definition(cast):
    void = _worked_example(cast, organisation=cast.landlord)
    found = calculate(
        Indicator.objects.get(code="BV212", organisation=None),
        Subject(Scope.LANDLORD_DIRECT, cast.landlord),
        YEAR,
    )
    assert voids.days_to_let(void) == 27
    assert (found.numerator, found.denominator, found.value) == (27, 1, 27)


@pytest.mark.parametrize("excluded, counted", [(True, (0, 0, None)), (False, (20, 1, 20))])
def test_major_works_voids_have_days_but_count_only_if_the_agreement_says(
    cast, client_as, excluded, counted
):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.void_excludes_major_works = excluded
    cast.agreement.save()
    void = _worked_example(cast, major_works=True)

    assert _list_days(client_as(cast.people["staff"]), cast, void) == "20"
    assert _bv212(cast) == counted


def test_a_void_still_empty_has_no_days_yet(cast, client_as):
    cast.agreement.void_clock_stops = "ready_to_let"
    cast.agreement.save()
    void = _worked_example(cast, new_tenancy_started_on=None)
    staff = client_as(cast.people["staff"])

    assert voids.days_to_let(void) is None
    assert _list_days(staff, cast, void) == "–"
    page = _record_page(staff, cast, void)
    assert "Still empty: the clock has not stopped." in page
    assert "The clock runs from when the tenancy ended until the home was ready to let." in page
    assert _bv212(cast) == (0, 0, None)

    # Ready to let on 21 November: 4 to 20 November, 17 days.
    void.ready_to_let_on = date(2025, 11, 21)
    void.save()
    assert _list_days(staff, cast, void) == "17"
    assert "17 calendar days" in _record_page(staff, cast, void)
    assert _bv212(cast) == (17, 1, 17)


def test_the_voids_list_says_what_starts_and_stops_the_clock(cast, client_as):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.save()
    page = client_as(cast.people["staff"]).get(
        reverse("services:record-list", kwargs={"slug": cast.tmo.slug, "kind": "voids"})
    )
    text = page.content.decode()
    assert "strictly between" in text
    assert "The clock runs from when the keys were returned until the new tenancy started." in text


ANNOTATED = (
    "clock_starts",
    "clock_stops",
    "clock_excludes_major_works",
    "clock_by_agreement",
    "clock_start_on",
    "clock_stop_on",
)


def test_a_page_of_voids_is_timed_in_python_as_the_database_times_them(cast):
    """`mark_clock` (a page already read) sets what `with_void_clock` (the database form, for
    BV212) annotates: each agreement's choice of events, the day either side of the change from
    one agreement to the next, the day before any agreement, events not yet recorded, and a
    landlord's own void."""
    cast.agreement.starts_on = date(2025, 4, 1)
    cast.agreement.ends_on = date(2025, 11, 30)
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.void_clock_stops = "ready_to_let"
    cast.agreement.void_excludes_major_works = False
    cast.agreement.save()
    AgreementFactory(
        organisation=cast.tmo,
        landlord=cast.landlord,
        starts_on=date(2025, 12, 1),
        void_clock_starts="ready_to_let",
        void_clock_stops="new_tenancy",
        services=cast.agreement.services,
    )
    made = []
    for ended in (date(2025, 3, 31), date(2025, 4, 1), date(2025, 11, 30), date(2025, 12, 1)):
        for keys, ready, let in (
            (ended.replace(day=min(ended.day + 3, 28)), None, None),
            (None, date(2026, 1, 10), date(2026, 2, 2)),
            (date(2025, 12, 20), date(2026, 1, 5), None),
        ):
            made.append(
                VoidFactory(
                    organisation=cast.tmo,
                    home=cast.home,
                    tenancy_ended_on=ended,
                    keys_returned_on=keys,
                    ready_to_let_on=ready,
                    new_tenancy_started_on=let,
                )
            )
    made.append(_worked_example(cast, organisation=cast.landlord))
    pks = [v.pk for v in made]
    in_db = {v.pk: v for v in voids.with_void_clock(Void.objects.filter(pk__in=pks))}
    page = list(Void.objects.filter(pk__in=pks))
    voids.mark_clock(page)
    differ = [
        (v.reference, name, getattr(v, name), getattr(in_db[v.pk], name))
        for v in page
        for name in ANNOTATED
        if getattr(v, name) != getattr(in_db[v.pk], name)
    ]
    assert differ == []
    by_agreement = {v.tenancy_ended_on: v.clock_by_agreement for v in page}
    assert by_agreement[date(2025, 3, 31)] == 0  # before any agreement: Best Value
    assert by_agreement[date(2025, 11, 30)] == cast.agreement.pk
    assert by_agreement[date(2025, 12, 1)] not in (0, cast.agreement.pk)


def test_a_void_read_on_its_own_is_timed_in_one_query(cast, django_assert_num_queries):
    void = Void.objects.get(pk=_worked_example(cast).pk)
    with django_assert_num_queries(1):
        assert voids.days_to_let(void) == 27 and voids.void_clock_of(void).by_agreement
