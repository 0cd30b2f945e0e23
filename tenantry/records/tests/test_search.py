"""Staff search (`tenantry/records/search.py`): one box for homes, repairs, complaints, ASB
cases and voids, within the organisation, by reference, postcode, address and (for those who
may see households) a resident's name."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.homes.models import Home, Resident
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.records import search
from tenantry.records.models import Repair
from tenantry.records.tests.factories import (
    LONDON,
    AsbCaseFactory,
    ComplaintFactory,
    RepairFactory,
    VoidFactory,
)

pytestmark = pytest.mark.django_db

STAFF = frozenset({Role.STAFF})
COMMITTEE = frozenset({Role.COMMITTEE})


def _kestrel(cast, **fields):
    """A home the TMO manages: 42 Kestrel Court, NB3 7QT, reference KM-0042."""
    values = {"reference": "KM-0042", "address": "42 Kestrel Court", "postcode": "NB3 7QT"}
    home = HomeFactory(estate=cast.estate, **(values | fields))
    CoverageFactory(agreement=cast.agreement, home=home)
    return home


def _found(cast, query, roles=STAFF, organisation=None):
    terms = search.Terms.read(query)
    groups = search.search(
        organisation=organisation or cast.tmo, roles=roles, terms=terms, per_group=10
    )
    return {group.slug: group.found for group in groups}


# --- reading what was typed ---------------------------------------------------------------------


def test_terms_tidy_spaces_and_read_a_postcode_without_its_space():
    terms = search.Terms.read("  nb3   7qt ")
    assert terms.text == "nb3 7qt"
    assert terms.words == ("NB3", "7QT")
    assert terms.postcode == "NB37QT"


def test_a_number_cannot_start_a_postcode_and_one_character_is_too_little():
    assert search.Terms.read("42").postcode == ""
    assert search.Terms.read("4") is None
    assert search.Terms.read(" - ") is None


# --- what it finds ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["KM-0042", "km-0042", "KM-00", "km"])
def test_a_home_is_found_by_its_reference_or_the_start_of_it(cast, query):
    home = _kestrel(cast)
    assert _found(cast, query)["homes"] == [home]


def test_the_exact_reference_comes_first(cast):
    longer = _kestrel(cast, reference="KM-00421", address="421 Kestrel Court")
    exact = _kestrel(cast)
    assert _found(cast, "KM-0042")["homes"] == [exact, longer]


@pytest.mark.parametrize("query", ["NB3 7QT", "nb37qt", "nb3 7qt", "Nb37Q", "nb3"])
def test_a_home_is_found_by_its_postcode_with_or_without_the_space_in_any_case(cast, query):
    home = _kestrel(cast)
    assert _found(cast, query)["homes"] == [home]


def test_a_postcode_stored_without_its_space_is_found_typed_with_it(cast):
    home = _kestrel(cast, postcode="nb37qt")
    assert _found(cast, "NB3 7QT")["homes"] == [home]


@pytest.mark.parametrize("query", ["42 Kestrel Court", "kestrel", "court 42", "Kestrel, 42"])
def test_a_home_is_found_by_every_word_of_its_address(cast, query):
    home = _kestrel(cast)
    assert _found(cast, query)["homes"] == [home]


def test_a_word_not_in_the_address_finds_nothing(cast):
    _kestrel(cast)
    assert _found(cast, "42 Kestrel Lane")["homes"] == []


def test_staff_find_a_home_by_the_name_of_someone_living_there(cast):
    home = _kestrel(cast)
    ResidentFactory(household=HouseholdFactory(home=home), name="Amara Okonkwo")
    assert _found(cast, "amara okonkwo")["homes"] == [home]
    assert _found(cast, "Okonkwo")["homes"] == [home]


def test_a_former_tenants_name_does_not_find_the_home(cast):
    home = _kestrel(cast)
    gone = HouseholdFactory(home=home, started_on=date(2010, 1, 1), ended_on=date(2019, 5, 31))
    ResidentFactory(household=gone, name="Bartholomew Quist")
    assert _found(cast, "Quist")["homes"] == []


def test_the_committee_cannot_search_by_residents_names(cast):
    home = _kestrel(cast)
    ResidentFactory(household=HouseholdFactory(home=home), name="Amara Okonkwo")
    RepairFactory(organisation=cast.tmo, home=home, reference="REP-000777")
    found = _found(cast, "Okonkwo", roles=COMMITTEE)
    assert found["homes"] == [] and found["repairs"] == []
    assert _found(cast, "Kestrel", roles=COMMITTEE)["homes"] == [home]  # addresses they may


def test_records_are_found_by_their_reference_and_by_their_home(cast):
    home = _kestrel(cast)
    repair = RepairFactory(organisation=cast.tmo, home=home, reference="REP-000123")
    complaint = ComplaintFactory(organisation=cast.tmo, home=home, reference="COMP-000009")
    case = AsbCaseFactory(organisation=cast.tmo, home=home, reference="ASB-000004")
    void = VoidFactory(organisation=cast.tmo, home=home, reference="VOID-000002")
    assert _found(cast, "rep-0001")["repairs"] == [repair]
    assert _found(cast, "COMP-000009")["complaints"] == [complaint]
    by_postcode = _found(cast, "nb37qt")
    assert by_postcode["repairs"] == [repair]
    assert by_postcode["complaints"] == [complaint]
    assert by_postcode["asb"] == [case]
    assert by_postcode["voids"] == [void]


def test_a_record_found_by_its_own_reference_comes_before_those_found_by_their_home(cast):
    home = _kestrel(cast, reference="REP-HOUSE")
    newer = RepairFactory(
        organisation=cast.tmo, home=home, reported_at=datetime(2026, 2, 2, 9, tzinfo=LONDON)
    )
    by_reference = RepairFactory(organisation=cast.tmo, reference="REP-1")
    assert _found(cast, "REP")["repairs"] == [by_reference, newer]


def test_records_at_a_home_are_latest_first(cast):
    home = _kestrel(cast)
    old = RepairFactory(
        organisation=cast.tmo, home=home, reported_at=datetime(2024, 5, 1, 9, tzinfo=LONDON)
    )
    new = RepairFactory(
        organisation=cast.tmo, home=home, reported_at=datetime(2026, 1, 5, 9, tzinfo=LONDON)
    )
    assert _found(cast, "Kestrel")["repairs"] == [new, old]


# --- within the organisation --------------------------------------------------------------------


def test_a_home_the_organisation_does_not_manage_is_not_found(cast):
    HomeFactory(estate=cast.estate, reference="KM-0099", address="99 Kestrel Court")
    elsewhere = HomeFactory(reference="KM-0042", address="42 Kestrel Court", postcode="NB3 7QT")
    found = _found(cast, "Kestrel")
    assert found["homes"] == []
    assert _found(cast, "KM-0042")["homes"] == []
    # The other landlord's own search finds its home.
    assert _found(cast, "KM-0042", organisation=elsewhere.landlord)["homes"] == [elsewhere]


def test_another_organisations_records_are_not_found_even_at_the_same_home(cast):
    home = _kestrel(cast)
    RepairFactory(organisation=cast.landlord, home=home, reference="REP-LANDLORD")
    RepairFactory(organisation=cast.other_tmo, reference="REP-ELSEWHERE")
    ours = RepairFactory(organisation=cast.tmo, home=home, reference="REP-OURS")
    assert _found(cast, "REP")["repairs"] == [ours]
    assert _found(cast, "Kestrel")["repairs"] == [ours]


def test_a_landlord_finds_every_home_it_owns_and_only_its_own_records(cast):
    home = _kestrel(cast)
    not_covered = HomeFactory(estate=cast.estate, address="7 Kestrel Court", reference="KM-0007")
    theirs = RepairFactory(organisation=cast.landlord, home=home, reference="REP-L")
    RepairFactory(organisation=cast.tmo, home=home, reference="REP-T")
    found = _found(
        cast, "Kestrel", roles=frozenset({Role.LANDLORD_OFFICER}), organisation=cast.landlord
    )
    assert set(found["homes"]) == {home, not_covered}
    assert found["repairs"] == [theirs]


def test_a_name_in_another_landlords_home_is_not_found(cast):
    other = HomeFactory(address="5 Far Street")
    ResidentFactory(household=HouseholdFactory(home=other), name="Zebedee Farthingale")
    assert _found(cast, "Farthingale")["homes"] == []


# --- the page -----------------------------------------------------------------------------------


def _search(client, cast, **params):
    return client.get(reverse("services:search", args=[cast.tmo.slug]), params)


def test_results_are_grouped_and_link_to_their_pages_with_reference_and_postcode(cast, client_as):
    home = _kestrel(cast)
    repair = RepairFactory(organisation=cast.tmo, home=home, reference="REP-000123")
    page = _search(client_as(cast.people["staff"]), cast, q="nb3 7qt").content.decode()
    home_url = reverse("homes:home", args=[cast.tmo.slug, home.pk])
    repair_url = reverse("services:record", args=[cast.tmo.slug, "repairs", repair.pk])
    assert f'href="{home_url}">42 Kestrel Court, NB3 7QT (KM-0042)</a>' in page
    assert f'href="{repair_url}">REP-000123</a>' in page
    assert page.index(">Homes</h2>") < page.index(">Repairs</h2>")
    assert "Complaints</h2>" not in page  # a group with nothing found is left out


def test_each_group_shows_five_and_links_to_all_of_them_paged(cast, client_as):
    for n in range(7):
        _kestrel(cast, reference=f"KM-01{n}", address=f"{n + 1} Kestrel Court")
    client = client_as(cast.people["staff"])
    response = _search(client, cast, q="kestrel")
    assert len(response.context["groups"][0]["rows"]) == 5
    page = response.content.decode()
    assert 'href="?q=kestrel&amp;group=homes">See all homes that match</a>' in page
    every = _search(client, cast, q="kestrel", group="homes")
    assert len(every.context["rows"]) == 7
    assert "7 matches" in every.content.decode()


def test_a_query_too_short_is_an_error_naming_the_field(cast, client_as):
    page = _search(client_as(cast.people["staff"]), cast, q="4").content.decode()
    assert "Enter at least 2 letters or numbers to search for" in page
    assert 'href="#search-q"' in page
    assert 'value="4"' in page  # what was typed is kept


def test_nothing_found_says_so(cast, client_as):
    page = _search(client_as(cast.people["staff"]), cast, q="zzqx").content.decode()
    assert "No homes or records match “zzqx”." in page


def test_the_search_page_takes_the_same_queries_however_many_match(
    cast, client_as, django_assert_num_queries
):
    home = _kestrel(cast)
    for _ in range(8):
        RepairFactory(organisation=cast.tmo, home=home)
        ComplaintFactory(organisation=cast.tmo, home=home)
    client = client_as(cast.people["staff"])
    _search(client, cast, q="kestrel")
    # session, user, organisation, roles; homes; then for repairs (with home, block and
    # priority), complaints, ASB cases and voids, those by reference and those at the homes;
    # the count beside "New repair reports" in a staff member's menu.
    with django_assert_num_queries(14):
        _search(client, cast, q="kestrel")


def test_a_groups_own_list_takes_the_same_queries_however_many_match(
    cast, client_as, django_assert_num_queries
):
    home = _kestrel(cast)
    for _ in range(60):
        RepairFactory(organisation=cast.tmo, home=home)
    client = client_as(cast.people["staff"])
    _search(client, cast, q="kestrel", group="repairs")
    # session, user, organisation, roles; the matches counted (to `core.paging.CAP`): those
    # by their own reference, then those at the homes; the page of them with home, block and
    # priority; the count beside "New repair reports".
    with django_assert_num_queries(8):
        response = _search(client, cast, q="kestrel", group="repairs")
    assert len(response.context["rows"]) == 50
    assert 'href="?q=kestrel&amp;group=repairs&amp;page=2"' in response.content.decode()


def test_the_header_has_the_search_box_for_staff_and_not_for_residents(cast, client_as):
    home_url = reverse("reports:organisation-home", args=[cast.tmo.slug])
    search_url = reverse("services:search", args=[cast.tmo.slug])
    for role in ("staff", "committee", "inspector", "landlord_officer"):
        page = client_as(cast.people[role]).get(home_url).content.decode()
        assert f'action="{search_url}" role="search"' in page, role
    resident_page = client_as(cast.people["resident"]).get(home_url).content.decode()
    assert 'role="search"' not in resident_page


# --- PostgreSQL: every condition can be answered from its index -------------------------------


def _plan(queryset, *, in_order: bool = False) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # Left to choose, the planner reads a table this small whole; forbid that (and plain
        # index scans) so the plan shows whether the condition's own index can answer it: only
        # an index on the same expression can. bench/search.py shows them chosen at size.
        cursor.execute("SET LOCAL enable_seqscan = off")
        if in_order:
            # Rows wanted in an order: forbid sorting (and bitmap scans, which lose the order),
            # so only an index that reads them in that order can answer.
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        else:
            cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_on_postgresql_each_condition_of_a_search_reads_its_index(cast):
    terms = search.Terms.read("nb3 7qt")
    homes = Home.objects.order_by()
    conditions = {
        "homes_home_reference_search": homes.filter(reference__istartswith=terms.text),
        "homes_home_postcode_search": homes.alias(key=search.postcode_key()).filter(
            key__startswith=terms.postcode
        ),
        "homes_home_address_trgm": Home.objects.filter(
            search._all_words_in("address", terms.words)
        ),
        "homes_resident_name_trgm": Resident.objects.filter(
            search._all_words_in("name", terms.words)
        ),
        "services_repair_reference_search": Repair.objects.filter(
            reference__istartswith=terms.text
        ),
        "services_re_organis_7898dc_idx": Repair.objects.filter(organisation=cast.tmo).order_by(
            "-reported_at"
        )[:6],
    }
    for index, queryset in conditions.items():
        plan = _plan(queryset, in_order=queryset.query.order_by != ())
        assert index in plan, plan


def test_a_groups_own_list_pages_through_those_by_reference_then_the_latest_at_the_homes(
    cast, client_as
):
    from datetime import datetime, timedelta

    from tenantry.core.deadlines import LONDON

    home = _kestrel(cast)
    start = datetime(2025, 6, 1, 9, tzinfo=LONDON)
    at_home = [
        RepairFactory(organisation=cast.tmo, home=home, reported_at=start + timedelta(days=n))
        for n in range(55)
    ]
    elsewhere = RepairFactory(organisation=cast.tmo, reference="KM-0042-A")  # by its reference
    client = client_as(cast.people["staff"])

    first = _search(client, cast, q="km-0042", group="repairs")
    second = _search(client, cast, q="km-0042", group="repairs", page=2)
    latest_first = sorted(at_home, key=lambda r: r.reported_at, reverse=True)
    assert [r.pk for r in first.context["page"]] == [elsewhere.pk] + [
        r.pk for r in latest_first[:49]
    ]
    assert [r.pk for r in second.context["page"]] == [r.pk for r in latest_first[49:]]
    assert first.context["page"].paginator.count == 56
