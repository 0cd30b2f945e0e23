"""The newsletter pages: writing one (bad input kept and named), picking items only from the
organisation's own, the preview, the progress page, the unsubscribe page, query counts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tenantry.organisations.tests.factories import AgreementFactory
from tenantry.reports.newsletters import Newsletter, NewsletterItem, NewsletterPreference
from tenantry.reports.services_newsletters import unsubscribe_token

from .newsletter_helpers import add_every_kind, figure, member, newsletter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _url(cast, name, *args):
    return reverse(f"reports:{name}", args=[cast.tmo.slug, *args])


def test_writing_a_newsletter(cast, client_as):
    client = client_as(cast.people["committee"])

    response = client.post(
        _url(cast, "newsletter-new"),
        {"title": "Autumn 2026", "intro": "Hello all.", "audience": "households"},
    )

    made = Newsletter.objects.get()
    assert response.url == _url(cast, "newsletter", made.pk)
    assert (made.title, made.audience, made.status) == ("Autumn 2026", "households", "draft")
    assert made.created_by == cast.people["committee"]


def test_a_missing_title_is_named_and_what_was_typed_is_kept(cast, client_as):
    client = client_as(cast.people["committee"])

    response = client.post(
        _url(cast, "newsletter-new"), {"title": "", "intro": "Kept words", "audience": "nobody"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the newsletter&#x27;s title" in page or "Enter the newsletter's title" in page
    assert "Kept words" in page
    assert "govuk-error-summary" in page
    assert not Newsletter.objects.exists()


def test_a_text_item_needs_its_text(cast, client_as):
    draft = newsletter(cast.tmo, items=False)
    client = client_as(cast.people["staff"])

    response = client.post(
        _url(cast, "newsletter-add-item", draft.pk, "text"), {"heading": "Kept heading"}
    )

    assert response.status_code == 400
    assert "Enter the text of the item" in response.content.decode()
    assert "Kept heading" in response.content.decode()
    assert not draft.items.exists()


def test_an_unknown_kind_of_item_is_404(cast, client_as):
    draft = newsletter(cast.tmo)

    response = client_as(cast.people["staff"]).get(
        _url(cast, "newsletter-add-item", draft.pk, "poem")
    )

    assert response.status_code == 404


def test_a_figure_is_picked_from_the_organisations_own(cast, client_as):
    draft = newsletter(cast.tmo, items=False)
    own = figure(cast.tmo)
    theirs = figure(cast.other_tmo)
    client = client_as(cast.people["committee"])
    url = _url(cast, "newsletter-add-item", draft.pk, "figure")

    refused = client.post(url, {"result": theirs.pk})
    added = client.post(url, {"result": own.pk})

    assert refused.status_code == 400
    assert "result" in refused.context["form"].errors
    assert added.status_code == 302
    assert draft.items.get().result == own


def test_items_move_up_and_are_removed(cast, client_as):
    draft = newsletter(cast.tmo)
    second = NewsletterItem.objects.create(newsletter=draft, position=2, kind="text", body="Second")
    client = client_as(cast.people["committee"])

    client.post(_url(cast, "newsletter-move-item-up", draft.pk, second.pk))
    assert list(draft.items.values_list("body", flat=True))[0] == "Second"

    client.post(_url(cast, "newsletter-remove-item", draft.pk, second.pk))
    assert draft.items.count() == 1


def test_a_sent_newsletter_cannot_be_changed(cast, client_as):
    sent = newsletter(cast.tmo, status=Newsletter.Status.SENT)
    item = sent.items.get()
    client = client_as(cast.people["committee"])

    client.post(_url(cast, "newsletter-change", sent.pk), {"title": "New", "audience": "members"})
    client.post(_url(cast, "newsletter-remove-item", sent.pk, item.pk))
    client.post(_url(cast, "newsletter-add-item", sent.pk, "text"), {"body": "More"})

    sent.refresh_from_db()
    assert sent.title == "Autumn 2026" and sent.items.count() == 1


def test_the_preview_shows_every_item_and_the_email_as_sent(cast, client_as):
    draft = newsletter(cast.tmo)
    add_every_kind(draft)
    client = client_as(cast.people["committee"])

    page = client.get(_url(cast, "newsletter", draft.pk)).content.decode()
    html = client.get(_url(cast, "newsletter-email", draft.pk)).content.decode()
    welsh = client.get(_url(cast, "newsletter-email", draft.pk) + "?language=cy")
    text = client.get(_url(cast, "newsletter-email-text", draft.pk)).content.decode()

    for shown in (page, html, text):
        assert "New bins" in shown and "AGM" in shown and "Review of repairs" in shown
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text
    assert 'lang="cy"' in welsh.content.decode()
    assert mail.outbox == []  # a preview sends nothing


def test_the_sample_letter_is_a_pdf(cast, client_as):
    draft = newsletter(cast.tmo)

    response = client_as(cast.people["committee"]).get(
        _url(cast, "newsletter-letter", draft.pk) + "?large=1"
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_progress_page_counts_and_refreshes_while_sending(cast, client_as):
    sending = newsletter(cast.tmo, status=Newsletter.Status.SENDING, heartbeat_at=timezone.now())
    sending.deliveries.create(household=member(cast.tmo).household, channel="letter", state="print")
    client = client_as(cast.people["staff"])

    response = client.get(_url(cast, "newsletter", sending.pk))

    assert response["Refresh"] == "5"
    page = response.content.decode()
    assert "How the sending is going" in page and "Letters to print" in page
    assert _url(cast, "newsletter", sending.pk) + "#progress" in page


@pytest.mark.parametrize("name", ["newsletters", "newsletter"])
def test_pages_ask_a_fixed_number_of_queries(cast, client_as, name, django_assert_max_num_queries):
    client = client_as(cast.people["committee"])
    first = newsletter(cast.tmo)
    args = [] if name == "newsletters" else [first.pk]
    client.get(_url(cast, name, *args))  # warm the session and the menu's caches
    with django_assert_max_num_queries(30) as few:
        client.get(_url(cast, name, *args))
    for _n in range(5):
        newsletter(cast.tmo)
    add_every_kind(first)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(cast, name, *args))


def test_the_send_page_counts_who_gets_it_how(cast, client_as):
    member(cast.tmo, email="a@example.org")
    member(cast.tmo)
    draft = newsletter(cast.tmo)

    page = client_as(cast.people["committee"]).get(_url(cast, "newsletter-send", draft.pk))

    audience = page.context["audience"]
    assert (audience.by_email, audience.by_letter, audience.opted_out) == (1, 1, 0)


# --- Unsubscribing -----------------------------------------------------------------------------


def _unsubscribe_url(cast, resident_id, organisation=None):
    organisation = organisation or cast.tmo
    token = unsubscribe_token(organisation_id=organisation.pk, resident_id=resident_id)
    return reverse("reports:newsletter-unsubscribe", args=[cast.tmo.slug, token])


def test_unsubscribing_asks_first_then_confirms_and_works_twice(cast, client):
    ann = member(cast.tmo, email="ann@example.org").resident
    url = _unsubscribe_url(cast, ann.pk)

    asked = client.get(url)
    assert asked.status_code == 200
    assert not NewsletterPreference.objects.exists()  # a link checker's GET changes nothing

    first = client.post(url, {"choice": "none"})
    second = client.post(url, {"choice": "none"})

    assert first.status_code == second.status_code == 200
    assert "You will get no more newsletters" in second.content.decode()
    assert NewsletterPreference.objects.get().choice == "none"


def test_unsubscribing_without_a_choice_is_named(cast, client):
    ann = member(cast.tmo, email="ann@example.org").resident

    response = client.post(_unsubscribe_url(cast, ann.pk), {"choice": "maybe"})

    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not NewsletterPreference.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "", "a:b:c"])
def test_a_bad_link_gets_a_plain_page(cast, client, token):
    url = f"/o/{cast.tmo.slug}/newsletters/unsubscribe/{token or 'x'}/"

    response = client.get(url)
    posted = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == posted.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not NewsletterPreference.objects.exists()


def test_a_link_for_another_organisation_does_not_work_here(cast, client):
    ann = member(cast.tmo, email="ann@example.org").resident
    other = AgreementFactory(organisation__slug="third").organisation

    response = client.get(_unsubscribe_url(cast, ann.pk, organisation=other))

    assert response.status_code == 400


def test_an_expired_link_gets_a_plain_page(cast, client, monkeypatch):
    ann = member(cast.tmo, email="ann@example.org").resident
    url = _unsubscribe_url(cast, ann.pk)
    later = timezone.now().timestamp() + 3 * 365 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.get(url)

    assert response.status_code == 400


def test_a_stalled_send_can_be_carried_on_and_a_live_one_cannot(cast, client_as, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    long_ago = timezone.now() - timedelta(hours=1)
    stuck = newsletter(cast.tmo, status=Newsletter.Status.SENDING, heartbeat_at=long_ago)
    live = newsletter(cast.tmo, status=Newsletter.Status.SENDING, heartbeat_at=timezone.now())
    client = client_as(cast.people["staff"])

    assert "Carry on sending" in client.get(_url(cast, "newsletter", stuck.pk)).content.decode()
    assert "Carry on sending" not in client.get(_url(cast, "newsletter", live.pk)).content.decode()
    client.post(_url(cast, "newsletter-send", stuck.pk))
    client.post(_url(cast, "newsletter-send", live.pk))

    stuck.refresh_from_db()
    assert stuck.heartbeat_at > long_ago
    assert stuck.status == Newsletter.Status.SENDING
