"""The benchmark page and the note on why figures differ, as each role sees them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.periods import financial_year_of
from tenantry.indicators.models import BenchmarkNote, Indicator, Result, Scope
from tenantry.indicators.tests.test_benchmark_groups import YEAR, peer, result, tmo

pytestmark = pytest.mark.django_db


@pytest.fixture
def tp01():
    return Indicator.objects.get(code="TP01", organisation__isnull=True)


@pytest.fixture
def figures(cast, tp01):
    result(tp01, cast.tmo, 80)
    result(tp01, cast.landlord, 70, scope=Scope.LANDLORD_ALL)
    result(tp01, tmo(cast.landlord, "Riverside TMO", 3), 75)
    result(tp01, cast.other_tmo, 60)
    for number, (value, kind) in enumerate([(90, "PRP"), (80, "PRP"), (70, "LA"), (60, "LA"),
                                            ("[X]", "PRP")]):  # fmt: skip
        peer(f"P{number}", f"Landlord {number}", kind, "<5,000", "North",
             {("TP01", "lcra"): value})  # fmt: skip


def url(organisation, code="TP01", **query) -> str:
    address = reverse("indicators:benchmark", args=[organisation.slug, code])
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def note_url(organisation, code="TP01", year="2024/25") -> str:
    return reverse("indicators:edit-benchmark-note", args=[organisation.slug, code]) + (
        f"?year={year}"
    )


def test_the_committee_sees_every_group_the_chart_and_its_table(cast, client_as, figures):
    response = client_as(cast.people["committee"]).get(url(cast.tmo, year="2024/25"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Overall satisfaction" in page
    assert ">80%<" in page  # the organisation's own figure
    for heading in ("Northbrook Council&#x27;s own homes",
                    "Other organisations Northbrook Council works with",
                    "Organisations like yours", "Landlords in England (2024/25)"):  # fmt: skip
        assert heading in page
    assert "Riverside TMO" in page
    assert "A tenant management organisation of 1–99 homes" not in page  # Elsewhere: 0 homes
    assert "joint 2nd of 5" in page
    assert "<svg" in page and "Show the figures as a table" in page
    assert "1 landlord left it blank" in page
    assert "Write a note on why they differ" in page


def test_a_resident_sees_the_regulators_figures_only(cast, client_as, figures):
    response = client_as(cast.people["resident"]).get(url(cast.tmo, year="2024/25"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Landlords in England (2024/25)" in page
    assert "Riverside TMO" not in page
    assert "Organisations like yours" not in page
    assert "own homes" not in page
    assert "Write a note" not in page


def test_staff_and_inspectors_read_but_do_not_write_the_note(cast, client_as, figures):
    for role in ("staff", "inspector"):
        page = client_as(cast.people[role]).get(url(cast.tmo)).content.decode()
        assert "Riverside TMO" in page
        assert "Write a note" not in page


def test_the_newest_finished_year_is_shown_without_choosing(cast, client_as, tp01, figures):
    this_year = financial_year_of(timezone.localdate())
    result(tp01, cast.tmo, 50, year=this_year)  # still building up
    page = client_as(cast.people["committee"]).get(url(cast.tmo)).content.decode()
    assert "How we compare, 2024/25" in page
    assert f'<option value="{this_year.label}">' in page


def test_choosing_councils_narrows_the_landlords(cast, client_as, figures):
    page = client_as(cast.people["committee"]).get(url(cast.tmo, year="2024/25", type="la"))
    text = page.content.decode()
    assert "Councils" in text
    assert "1st of 3" in text  # 80% beats both councils' 70% and 60%


def test_a_choice_that_does_not_exist_is_reported_and_the_page_still_shows(
    cast, client_as, figures
):
    response = client_as(cast.people["committee"]).get(url(cast.tmo, type="castle"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the choice" in page
    assert "joint 2nd of 5" in page  # compared with every landlord meanwhile


def test_an_unknown_indicator_is_a_404(cast, client_as):
    assert client_as(cast.people["committee"]).get(url(cast.tmo, "NOPE")).status_code == 404


def test_another_organisations_own_indicator_is_a_404(cast, client_as):
    Indicator.objects.create(organisation=cast.other_tmo, code="PRIDE", name="Pride",
                             unit="percent", framework="local", source="survey")  # fmt: skip
    assert client_as(cast.people["committee"]).get(url(cast.tmo, "PRIDE")).status_code == 404


def test_with_nothing_to_compare_the_page_says_so(cast, client_as):
    response = client_as(cast.people["committee"]).get(url(cast.tmo, "BV212"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "has no figure for" in page


def test_a_year_with_nothing_to_measure_says_so(cast, client_as, figures):
    Result.objects.filter(organisation=cast.tmo).update(value=None)
    page = client_as(cast.people["committee"]).get(url(cast.tmo)).content.decode()
    assert "had nothing to measure for this in 2024/25" in page
    assert "joint 2nd of 5" not in page


def test_the_committee_writes_a_note_that_is_shown_beside_the_comparison(cast, client_as, figures):
    client = client_as(cast.people["committee"])
    assert client.get(note_url(cast.tmo)).status_code == 200

    response = client.post(note_url(cast.tmo), {"text": "Our tenants are older than most."})

    assert response.status_code == 302
    assert response.url == url(cast.tmo) + "?year=2024/25".replace("/", "%2F")
    note = BenchmarkNote.objects.get()
    assert (note.organisation, note.year_start, note.written_by) == (
        cast.tmo, YEAR.start, cast.people["committee"],
    )  # fmt: skip
    page = client.get(url(cast.tmo, year="2024/25")).content.decode()
    assert "Our tenants are older than most." in page
    assert "Change the note" in page
    # Residents read it too.
    resident_page = client_as(cast.people["resident"]).get(url(cast.tmo)).content.decode()
    assert "Our tenants are older than most." in resident_page


def test_a_note_that_is_too_long_is_refused_and_kept_for_correcting(cast, client_as):
    text = "Because " * 300  # 2,400 characters
    response = client_as(cast.people["landlord_officer"]).post(note_url(cast.tmo), {"text": text})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Because Because" in page
    assert not BenchmarkNote.objects.exists()


def test_staff_cannot_post_a_note(cast, client_as):
    response = client_as(cast.people["staff"]).post(note_url(cast.tmo), {"text": "No."})
    assert response.status_code == 403
    assert not BenchmarkNote.objects.exists()


def test_an_outsider_cannot_post_a_note(cast, client_as):
    response = client_as(cast.people["outsider"]).post(note_url(cast.tmo), {"text": "No."})
    assert response.status_code == 404


def test_an_empty_note_removes_it(cast, client_as, tp01):
    BenchmarkNote.objects.create(organisation=cast.tmo, indicator=tp01, year_start=YEAR.start,
                                 text="Old.")  # fmt: skip
    client_as(cast.people["committee"]).post(note_url(cast.tmo), {"text": ""})
    assert not BenchmarkNote.objects.exists()


def test_the_landlords_own_page_compares_its_whole_stock(cast, client_as, figures):
    page = client_as(cast.people["landlord_officer"]).get(url(cast.landlord)).content.decode()
    assert ">70%<" in page
    assert "The organisations you work with" in page
    assert "Kingsmead TMO" in page


def test_the_page_reads_a_fixed_number_of_queries_however_many_landlords(
    cast, client_as, figures, django_assert_max_num_queries
):
    client = client_as(cast.people["committee"])
    client.get(url(cast.tmo))  # warm the session and caches
    for number in range(40):
        peer(f"X{number}", f"More {number}", "PRP", "<5,000", "South",
             {("TP01", "lcra"): 50 + number})  # fmt: skip
    with django_assert_max_num_queries(40):
        assert client.get(url(cast.tmo)).status_code == 200
