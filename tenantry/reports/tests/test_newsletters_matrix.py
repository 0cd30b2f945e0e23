"""Every newsletter route × every role, GET and POST: anonymous, a resident, the committee,
staff, an inspector, the landlord's officer, a scrutiny panel member of the organisation,
someone from another organisation, another landlord's officer and the site administrator."""

import pytest
from django.urls import reverse

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.reports import newsletter_urls
from tenantry.reports.newsletters import Newsletter, NewsletterItem, NewsletterPreference
from tenantry.reports.services_newsletters import unsubscribe_token

from .newsletter_helpers import member, newsletter

pytestmark = pytest.mark.django_db

PEOPLE = [
    "anonymous", "resident", "committee", "staff", "inspector", "landlord_officer", "panel",
    "outsider", "other_landlord_officer", "site_admin",
]  # fmt: skip

WRITERS = ["login", 403, 200, 200, 403, 403, 403, 404, 404, 200]
WRITERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 403, 404, 404, 405]
PUBLIC = [200] * 10

GET = {
    "reports:newsletters": WRITERS,
    "reports:newsletter-new": WRITERS,
    "reports:newsletter": WRITERS,
    "reports:newsletter-change": WRITERS,
    "reports:newsletter-add-item": WRITERS,
    "reports:newsletter-email": WRITERS,
    "reports:newsletter-email-text": WRITERS,
    "reports:newsletter-letter": WRITERS,
    "reports:newsletter-send": WRITERS,
    "reports:newsletter-remove-item": WRITERS_POST_ONLY,
    "reports:newsletter-move-item-up": WRITERS_POST_ONLY,
    "reports:newsletter-letters": WRITERS_POST_ONLY,
    "reports:newsletter-unsubscribe": PUBLIC,
}

# What a POST does for each person: 302 done and sent on; the refused change nothing.
WRITERS_CHANGE = ["login", 403, 302, 302, 403, 403, 403, 404, 404, 302]
POST = {
    "reports:newsletter-new": ({"title": "Spring", "audience": "members"}, WRITERS_CHANGE),
    "reports:newsletter-change": ({"title": "Spring", "audience": "members"}, WRITERS_CHANGE),
    "reports:newsletter-add-item": ({"body": "Words"}, WRITERS_CHANGE),
    "reports:newsletter-remove-item": ({}, WRITERS_CHANGE),
    "reports:newsletter-move-item-up": ({}, WRITERS_CHANGE),
    "reports:newsletter-send": ({}, WRITERS_CHANGE),
    "reports:newsletter-letters": ({}, WRITERS_CHANGE),
    "reports:newsletter-unsubscribe": ({"choice": "none"}, PUBLIC),
}


def test_every_route_is_in_the_tables():
    names = {f"reports:{p.name}" for p in newsletter_urls.urlpatterns}
    assert names == set(GET)
    assert {name for name, outcomes in GET.items() if outcomes != WRITERS} <= set(POST)


@pytest.fixture
def world(cast, settings):
    # Sending is queued, not run, so the matrix measures the pages alone.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    people = dict(cast.people)
    people["panel"] = RoleFactory(
        role=Role.PANEL, organisation=cast.tmo, user=UserFactory(name="Panel")
    ).user
    draft = newsletter(cast.tmo)
    NewsletterItem.objects.create(
        newsletter=draft, position=2, kind=NewsletterItem.Kind.TEXT, body="Second"
    )
    sent = newsletter(cast.tmo, title="Summer", status=Newsletter.Status.SENT)
    resident = member(cast.tmo, email="ann@example.org").resident
    item = draft.items.order_by("position").last()
    token = unsubscribe_token(organisation_id=cast.tmo.pk, resident_id=resident.pk)
    slug = cast.tmo.slug
    urls = {
        "reports:newsletters": reverse("reports:newsletters", args=[slug]),
        "reports:newsletter-new": reverse("reports:newsletter-new", args=[slug]),
        "reports:newsletter": reverse("reports:newsletter", args=[slug, draft.pk]),
        "reports:newsletter-change": reverse("reports:newsletter-change", args=[slug, draft.pk]),
        "reports:newsletter-add-item": reverse(
            "reports:newsletter-add-item", args=[slug, draft.pk, "text"]
        ),
        "reports:newsletter-email": reverse("reports:newsletter-email", args=[slug, draft.pk]),
        "reports:newsletter-email-text": reverse(
            "reports:newsletter-email-text", args=[slug, draft.pk]
        ),
        "reports:newsletter-letter": reverse("reports:newsletter-letter", args=[slug, draft.pk]),
        "reports:newsletter-send": reverse("reports:newsletter-send", args=[slug, draft.pk]),
        "reports:newsletter-remove-item": reverse(
            "reports:newsletter-remove-item", args=[slug, draft.pk, item.pk]
        ),
        "reports:newsletter-move-item-up": reverse(
            "reports:newsletter-move-item-up", args=[slug, draft.pk, item.pk]
        ),
        "reports:newsletter-letters": reverse("reports:newsletter-letters", args=[slug, sent.pk]),
        "reports:newsletter-unsubscribe": reverse(
            "reports:newsletter-unsubscribe", args=[slug, token]
        ),
    }
    return people, urls, draft


def _check(response, expected, name, who):
    if expected == "login":
        assert response.status_code == 302, (name, who)
        assert response.url.startswith(reverse("account_login")), (name, who)
    else:
        assert response.status_code == expected, (name, who, response.status_code)


@pytest.mark.parametrize("name", GET)
def test_each_person_gets_what_the_table_says(client_as, world, name):
    people, urls, _draft = world
    for who, expected in zip(PEOPLE, GET[name], strict=True):
        _check(client_as(people[who]).get(urls[name]), expected, name, who)


@pytest.mark.parametrize("name", POST)
@pytest.mark.parametrize("who", PEOPLE)
def test_each_person_may_change_what_the_table_says(client_as, world, name, who):
    people, urls, draft = world
    data, outcomes = POST[name]
    before = (
        Newsletter.objects.count(),
        NewsletterItem.objects.count(),
        list(Newsletter.objects.values_list("title", "status")),
    )

    response = client_as(people[who]).post(urls[name], data)

    expected = outcomes[PEOPLE.index(who)]
    if name == "reports:newsletter-unsubscribe":
        assert response.status_code == 200
        assert NewsletterPreference.objects.filter(choice="none").count() == 1
        return
    _check(response, expected, name, who)
    after = (
        Newsletter.objects.count(),
        NewsletterItem.objects.count(),
        list(Newsletter.objects.values_list("title", "status")),
    )
    if expected != 302:
        assert after == before, (name, who)
    elif name != "reports:newsletter-letters":
        assert after != before or name == "reports:newsletter-move-item-up", (name, who)
