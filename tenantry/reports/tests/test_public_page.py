"""An organisation's public page: written, previewed, published and taken down by those who keep
its details; read by everyone, in plain sentences with hand-worked figures, without personal
data or an estate's figures; kept in the cache, with a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.democracy.models import Meeting, Minutes, Motion
from tenantry.indicators.models import PeerLandlord, PeerValue, Result, Scope, Target
from tenantry.indicators.tests.routes_monitoring import indicator, result
from tenantry.organisations.models import AuditEntry
from tenantry.reports import services
from tenantry.reports.models import PublicPage
from tenantry.reports.publication import is_published
from tenantry.reviews.tests.plan_factories import ActionFactory, PublishedPlanFactory
from tenantry.scrutiny.tests.factories_report import PublishedReportFactory

pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")
LAST_YEAR = financial_year("2024/25")

TEXTS = {
    "introduction": "We are the tenants who run Kingsmead. We do the repairs and the cleaning.",
    "how_to_join": "Every tenant can join. Ask at the office. It is free.",
    "how_to_complain": "Tell us first. We answer in ten working days.",
}

# The session's reads are none (nobody signed in); the page reads its organisation with the
# page in one query, and the rest comes from the cache.
CACHED_PAGE = 1
# Drawn afresh: the organisation; who it is (services, homes counted, the directory page); the
# figures (the newest year with figures, four for every indicator's figure, target and the year
# before, the regulator's years, one per key figure compared); plans (two); scrutiny (three);
# meetings (two); the published annual reports (one). At most this many: the stock counts read
# one or two.
HOME_PAGE = 20
# The organisation; the figures as above, with the key figures' five years and targets (two).
PERFORMANCE_PAGE = 13


def _publish(organisation, **more):
    services.save_public_page(organisation=organisation, by=None, **(TEXTS | more))
    return services.publish_public_page(organisation=organisation, by=None)


def _figures(cast) -> None:
    """RP02-2: 4 of 5 emergency repairs on time in 2025/26 (80%), 1 of 2 in 2024/25 (50%), a
    target of 90% for 2025/26; an estate's 1 of 3, which the page must not show."""
    result(cast.tmo, "RP02-2", YEAR, "80", Decimal(4), Decimal(5))
    result(cast.tmo, "RP02-2", LAST_YEAR, "50", Decimal(1), Decimal(2))
    Target.objects.create(
        agreement=cast.agreement, indicator=indicator("RP02-2"), year_start=YEAR.start, value=90
    )
    Result.objects.create(
        indicator=indicator("RP02-2"), organisation=cast.tmo, scope=Scope.ESTATE,
        estate=cast.estate, period_kind="year", period_start=YEAR.start, period_end=YEAR.end,
        period_label=YEAR.label, value=Decimal("33.3"), numerator=1, denominator=3,
        source="records", computed_at=timezone.now(),
    )  # fmt: skip


def _peers(year_label: str, values: list[int], prefix: str = "P") -> None:
    for number, value in enumerate(values):
        landlord = PeerLandlord.objects.create(
            year_label=year_label, code=f"{prefix}{number}", name=f"Landlord {prefix}{number}"
        )
        PeerValue.objects.create(
            landlord=landlord, code="RP02-2", stock_type="", value=value, denominator=10
        )


def _meetings(cast) -> dict:
    today = timezone.localdate()
    coming = Meeting.objects.create(
        organisation=cast.tmo, kind="general", title="Autumn general meeting",
        day=today + timedelta(days=20), place="Community room, Mill Road",
        online_link="https://meet.example.org/kingsmead-secret",
    )  # fmt: skip
    past = Meeting.objects.create(
        organisation=cast.tmo, kind="agm", day=today - timedelta(days=90), place="Hall"
    )
    Motion.objects.create(
        meeting=past, title="Adopt the new garden plan", text="That the garden plan be adopted.",
        outcome="carried", outcome_text="Carried: 31 for, 4 against, 2 abstentions",
    )  # fmt: skip
    Minutes.objects.create(
        meeting=past, text="Present: Alice Resident, Bob Neighbour.", approved_on=today
    )
    committee = Meeting.objects.create(
        organisation=cast.tmo, kind="committee", day=today - timedelta(days=60)
    )
    Motion.objects.create(
        meeting=committee, title="Staff pay award", text="That pay rise.", outcome="carried"
    )
    Minutes.objects.create(meeting=committee, text="Staff matters.", approved_on=today)
    return {"coming": coming, "past": past}


# --- services ------------------------------------------------------------------------------


def test_the_committee_writes_and_publishes_and_it_is_recorded(cast):
    committee = cast.people["committee"]

    services.save_public_page(organisation=cast.tmo, by=committee, **TEXTS)
    page = services.publish_public_page(organisation=cast.tmo, by=committee)

    assert page.published and page.published_at is not None
    assert page.updated_by == committee
    assert is_published(cast.tmo)
    entries = AuditEntry.objects.filter(organisation=cast.tmo, what="Public page")
    assert sorted(entries.values_list("action", flat=True)) == ["created", "opened"]
    assert {entry.by for entry in entries} == {committee}


def test_taking_the_page_down_keeps_its_texts_and_its_first_publication(cast):
    first = _publish(cast.tmo).published_at

    services.unpublish_public_page(organisation=cast.tmo, by=cast.people["landlord_officer"])
    assert not is_published(cast.tmo)
    page = services.publish_public_page(organisation=cast.tmo, by=cast.people["committee"])

    assert page.introduction == TEXTS["introduction"]
    assert page.published_at == first


@pytest.mark.parametrize("role", ["resident", "staff", "inspector", "outsider"])
def test_others_may_not_write_or_publish(cast, role):
    person = cast.people[role]
    with pytest.raises(PermissionDenied):
        services.save_public_page(organisation=cast.tmo, by=person, **TEXTS)
    with pytest.raises(PermissionDenied):
        services.publish_public_page(organisation=cast.tmo, by=person)
    with pytest.raises(PermissionDenied):
        services.unpublish_public_page(organisation=cast.tmo, by=person)
    assert not PublicPage.objects.exists()


def test_a_page_without_its_texts_cannot_be_published(cast):
    services.save_public_page(
        organisation=cast.tmo, by=None, introduction="We run the estate.", how_to_join="",
        how_to_complain="",
    )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        services.publish_public_page(organisation=cast.tmo, by=None)

    assert "how to join" in str(refused.value)
    assert not is_published(cast.tmo)


def test_a_published_page_cannot_lose_a_text_it_needs(cast):
    _publish(cast.tmo)

    with pytest.raises(ValidationError) as refused:
        services.save_public_page(organisation=cast.tmo, by=None, **(TEXTS | {"how_to_join": ""}))

    assert list(refused.value.message_dict) == ["how_to_join"]


def test_contact_details_shown_need_one_to_show(cast):
    with pytest.raises(ValidationError) as refused:
        services.save_public_page(organisation=cast.tmo, by=None, show_contact=True, **TEXTS)

    assert list(refused.value.message_dict) == ["contact_email"]


# --- the settings page ---------------------------------------------------------------------


def test_bad_input_is_refused_naming_the_field_and_kept(cast, client_as):
    client = client_as(cast.people["committee"])
    url = reverse("reports:public-page-settings", args=[cast.tmo.slug])
    sent = TEXTS | {"contact_email": "not an email", "how_to_join": "x" * 1501}

    response = client.post(url, sent)

    assert response.status_code == 400
    assert "Enter an email address in the correct format" in response.text
    assert "How to join must be 1,500 characters or fewer" in response.text
    assert TEXTS["introduction"] in response.text
    assert not PublicPage.objects.exists()


def test_publishing_before_writing_says_what_to_do(cast, client_as):
    client = client_as(cast.people["committee"])

    response = client.post(
        reverse("reports:publish-public-page", args=[cast.tmo.slug]), follow=True
    )

    assert "Write who you are, how to join and how to complain" in response.text
    assert not is_published(cast.tmo)


def test_the_preview_shows_an_unpublished_page_to_its_keepers(cast, client_as):
    services.save_public_page(organisation=cast.tmo, by=None, **TEXTS)

    response = client_as(cast.people["committee"]).get(
        reverse("reports:preview-public-page", args=[cast.tmo.slug])
    )

    assert response.status_code == 200
    assert "Nobody else can see it until you publish it" in response.text
    assert TEXTS["introduction"] in response.text
    public = client_as(None).get(reverse("reports:public-page", args=[cast.tmo.slug]))
    assert public.status_code == 404


# --- what the public page says -------------------------------------------------------------


def test_figures_read_as_sentences_with_trend_target_and_comparison(cast, client):
    _figures(cast)
    # Eight landlords' 2025/26 figures. QUARTILE.INC: the lower quartile is at position 1.75
    # (70 + 0.75 × 8 = 76), the median at 3.5 (82 + 0.5 × 3 = 83.5). 80% is at or above the
    # lower quartile and below the median: the third quarter, the worse half.
    _peers("2025/26", [60, 70, 78, 82, 85, 90, 92, 95])
    _publish(cast.tmo)

    text = client.get(reverse("reports:public-performance", args=[cast.tmo.slug])).text

    assert "80% of emergency repairs were done within target (4 of 5)." in text
    assert "Up 30 points from 50% in 2024/25: better." in text
    assert "Our target was 90%." in text
    assert "Off target" in text
    assert "in the worse half of landlords in England" in text
    assert "compared with 8 landlords&#x27; figures for 2025/26" in text
    assert "(1 of 3)" not in text  # the estate's figure
    assert "Emergency repairs" in text and "<svg" in text and "<table" in text


def test_the_home_page_shows_plans_scrutiny_meetings_and_the_texts(cast, client):
    _figures(cast)
    plan = PublishedPlanFactory(review__organisation=cast.tmo, review__title="Repairs review")
    ActionFactory(plan=plan, due_on=date(2020, 1, 1))  # late
    ActionFactory(plan=plan, done_on=date(2026, 1, 5))  # done
    PublishedReportFactory(
        review__panel=cast.panel, review__scrutinised=cast.tmo,
        review__title="How appointments are made", recommendation__title="Offer evening slots",
    )  # fmt: skip
    _meetings(cast)
    _publish(cast.tmo, contact_email="office@kingsmead.example.org", show_contact=True)

    response = client.get(reverse("reports:public-page", args=[cast.tmo.slug]))
    text = response.text

    assert response.status_code == 200
    for written in TEXTS.values():
        assert written in text
    assert "80% of emergency repairs were done within target (4 of 5)." in text
    assert "Repairs review" in text
    assert reverse("improvement-plan:plan", args=[cast.tmo.slug, plan.review_id]) in text
    assert "How appointments are made" in text and "Offer evening slots" in text
    assert "Not answered yet" in text
    assert "Autumn general meeting" in text and "Community room, Mill Road" in text
    assert "Adopt the new garden plan" in text and "31 for, 4 against" in text
    assert "office@kingsmead.example.org" in text
    assert "Figures as at" in text


def test_the_page_shows_no_personal_data(cast, client):
    _meetings(cast)
    _publish(cast.tmo)

    text = client.get(reverse("reports:public-page", args=[cast.tmo.slug])).text

    assert cast.people["resident"].name not in text
    assert "kingsmead-secret" not in text  # the online link is for members
    assert "Alice Resident" not in text  # the minutes' own text names who came
    assert "Staff pay award" not in text  # the committee's decisions stay the committee's
    assert cast.home.address not in text


def test_the_contact_is_shown_only_when_chosen(cast, client):
    _publish(cast.tmo, contact_email="office@kingsmead.example.org", show_contact=False)

    text = client.get(reverse("reports:public-page", args=[cast.tmo.slug])).text

    assert "office@kingsmead.example.org" not in text


def test_the_page_is_in_welsh_for_welsh_readers(cast, client):
    _publish(cast.tmo)
    client.cookies["django_language"] = "cy"

    text = client.get(reverse("reports:public-page", args=[cast.tmo.slug])).text

    assert 'lang="cy"' in text
    assert "Sut i ymuno" in text  # How to join
    assert "Sut i gwyno" in text  # How to complain


def test_the_index_lists_only_published_organisations(cast, client):
    _publish(cast.tmo)
    PublicPage.objects.create(organisation=cast.other_tmo, published=False, **TEXTS)

    text = client.get(reverse("public-pages:index")).text

    assert cast.tmo.name in text
    assert cast.other_tmo.name not in text


# --- the cache and the queries -------------------------------------------------------------


def test_the_page_is_kept_and_a_change_to_it_is_seen_at_once(cast, client, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    _publish(cast.tmo)
    url = reverse("reports:public-page", args=[cast.tmo.slug])
    assert "Ask at the office" in client.get(url).text

    result(cast.tmo, "RP02-2", YEAR, "80", Decimal(4), Decimal(5))
    kept = client.get(url).text
    services.save_public_page(
        organisation=cast.tmo, by=None, **(TEXTS | {"how_to_join": "Fill in the form online."})
    )
    changed = client.get(url).text

    assert "emergency repairs" not in kept  # the figures wait for the cache to expire
    assert "Fill in the form online." in changed
    assert "emergency repairs" in changed


def test_a_kept_page_reads_one_query(cast, client, settings, django_assert_num_queries):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    _figures(cast)
    _publish(cast.tmo)
    for name in ("reports:public-page", "reports:public-performance"):
        url = reverse(name, args=[cast.tmo.slug])
        client.get(url)
        with django_assert_num_queries(CACHED_PAGE):
            assert client.get(url).status_code == 200


def _more_of_everything(cast) -> None:
    """Five more years of figures, the regulator's landlords, three more plans and reports,
    and more meetings: a bigger organisation's page."""
    for back in range(2, 7):
        result(cast.tmo, "RP02-2", financial_year(YEAR.start.year - back), "70")
    _peers("2025/26", [60, 65, 70, 75, 85, 90, 92, 95], prefix="Q")
    for _ in range(3):
        plan = PublishedPlanFactory(review__organisation=cast.tmo)
        ActionFactory.create_batch(3, plan=plan)
        PublishedReportFactory(review__panel=cast.panel, review__scrutinised=cast.tmo)
    _meetings(cast)
    _meetings(cast)


@pytest.mark.parametrize(
    ("name", "queries"),
    [("reports:public-page", HOME_PAGE), ("reports:public-performance", PERFORMANCE_PAGE)],
)
def test_a_page_drawn_afresh_reads_the_same_queries_whatever_the_size(
    cast, client, settings, name, queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    _figures(cast)
    _peers("2025/26", [60, 70, 80, 90])
    plan = PublishedPlanFactory(review__organisation=cast.tmo)
    ActionFactory(plan=plan)
    PublishedReportFactory(review__panel=cast.panel, review__scrutinised=cast.tmo)
    _publish(cast.tmo)
    url = reverse(name, args=[cast.tmo.slug])
    client.get(url)  # the organisation's stock is counted on its first view

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _more_of_everything(cast)
    with CaptureQueriesContext(connection) as bigger:
        client.get(url)

    assert len(small) == len(bigger)
    assert len(small) <= queries


def test_the_texts_a_published_page_needs_are_not_called_optional(cast, client_as):
    client = client_as(cast.people["committee"])
    text = client.get(reverse("reports:public-page-settings", args=[cast.tmo.slug])).text

    assert text.count("(needed to publish)") == 3
    assert "Contact email <span" in text and text.count("(optional)") == 3  # email, phone, address
