"""Sending a newsletter: who gets it and how, the emails as sent (both parts, the language, the
one-click unsubscribe headers), the letters as printed, and a send that is retried or asked
twice sending nobody anything twice."""

import io
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tenantry.core import pdf
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory
from tenantry.reports import selectors_newsletters as selectors
from tenantry.reports import sending_newsletters as sending
from tenantry.reports import services_newsletters as services
from tenantry.reports.newsletters import Delivery, Newsletter, NewsletterPreference

from .newsletter_helpers import add_every_kind, member, newsletter

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    settings.SITE_URL = "https://tenantry.example.org"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Press "Send now": the queued work runs as the request's transaction commits."""

    def press(item, by):
        with django_capture_on_commit_callbacks(execute=True):
            started = services.send_newsletter(newsletter=item, by=by)
        item.refresh_from_db()
        return started

    return press


def test_members_with_an_address_get_an_email_and_the_others_a_letter(cast, send):
    ann = member(cast.tmo, email="ann@example.org").resident
    bob = member(cast.tmo, email="").resident
    letter = newsletter(cast.tmo)

    assert send(letter, cast.people["committee"]) is True

    assert letter.status == Newsletter.Status.SENT and letter.recipients == 2
    channels = dict(Delivery.objects.values_list("resident_id", "channel"))
    assert channels == {ann.pk: "email", bob.pk: "letter"}
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    progress = selectors.progress_of(letter)
    assert (progress.emailed, progress.letters, progress.failed, progress.waiting) == (1, 1, 0, 0)


def test_every_household_with_an_address_gets_one_copy(cast):
    # The cast's two homes: 1 Mill Road (the resident's household) and 3 Mill Road.
    other_home = cast.agreement.coverage.exclude(home=cast.home).get().home
    household = HouseholdFactory(home=other_home)
    ResidentFactory(household=household, email="lead@example.org", is_lead_tenant=True)
    ResidentFactory(household=household, email="second@example.org", is_lead_tenant=False)
    empty = HouseholdFactory(home=cast.home)  # nobody on record
    letter = newsletter(cast.tmo, audience=Newsletter.Audience.HOUSEHOLDS)

    audience = selectors.audience_of(letter, timezone.localdate())

    # 1 Mill Road's resident (no email) by letter; 3 Mill Road's lead tenant by email; the
    # household made without residents as a letter "to the householder".
    assert (audience.by_email, audience.by_letter) == (1, 2)
    emailed = [r for r in audience.recipients if r.channel == "email"]
    assert emailed[0].resident_id == household.residents.get(is_lead_tenant=True).pk
    assert any(r.household_id == empty.pk and r.resident_id is None for r in audience.recipients)


def test_a_persons_own_account_language_comes_before_what_their_record_says(cast):
    welsh = member(cast.tmo, email="ann@example.org", language="en").resident
    welsh.user = UserFactory(language="cy")
    welsh.save()
    english = member(cast.tmo, email="bob@example.org", language="cy").resident
    english.user = UserFactory(language="en-gb")
    english.save()
    by_post = member(cast.tmo, language="pl").resident  # no account, and not a language we write
    letter = newsletter(cast.tmo)

    audience = selectors.audience_of(letter, timezone.localdate())

    languages = {r.resident_id: (r.channel, r.language) for r in audience.recipients}
    assert languages[welsh.pk] == ("email", "cy")
    assert languages[english.pk] == ("email", "en-gb")
    assert languages[by_post.pk] == ("letter", "en-gb")


def test_a_household_without_an_address_is_left_out(cast):
    cast.home.address = ""
    cast.home.save()
    letter = newsletter(cast.tmo, audience=Newsletter.Audience.HOUSEHOLDS)

    audience = selectors.audience_of(letter, timezone.localdate())

    assert audience.recipients == []


def test_the_email_has_both_parts_every_item_and_a_one_click_unsubscribe(cast, send):
    ann = member(cast.tmo, email="ann@example.org").resident
    letter = newsletter(cast.tmo)
    add_every_kind(letter)

    send(letter, cast.people["staff"])

    [message] = mail.outbox
    assert message.subject == "Kingsmead TMO: Autumn 2026"
    html = message.alternatives[0].content
    for text in (message.body, html):
        assert "News from your estate." in text
        assert "New bins" in text
        assert "85% of tenants are satisfied" in text or "85%" in text
        assert "AGM" in text
        assert "Review of repairs" in text
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://tenantry.example.org/o/kingsmead/newsletters/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert unsubscribe[1:-1] in message.body and unsubscribe[1:-1] in html
    assert "you are a member of Kingsmead TMO" in message.body
    assert ann.name.split(" ")[0] in message.body


def test_a_welsh_speaker_gets_it_in_welsh(cast, send):
    member(cast.tmo, email="ann@example.org", language="cy")
    member(cast.tmo, email="bob@example.org", language="pl")  # not written: English
    letter = newsletter(cast.tmo)
    add_every_kind(letter)

    send(letter, cast.people["committee"])

    by_address = {m.to[0]: m for m in mail.outbox}
    welsh = by_address["ann@example.org"].body
    assert "Dad-danysgrifio" in welsh or "dad-danysgrifio" in welsh
    assert "Unsubscribe" not in welsh
    assert "Unsubscribe" in by_address["bob@example.org"].body


def test_one_click_unsubscribe_stops_the_next_send(cast, client, send):
    ann = member(cast.tmo, email="ann@example.org").resident
    member(cast.tmo, email="bob@example.org")
    first = newsletter(cast.tmo)
    send(first, cast.people["committee"])
    [link] = [m.extra_headers["List-Unsubscribe"][1:-1] for m in mail.outbox if m.to == [ann.email]]
    path = link.removeprefix("https://tenantry.example.org")

    # What a mail provider does (RFC 8058): a POST with this one field, no cookies, no token.
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    again = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == again.status_code == 200
    assert NewsletterPreference.objects.get(resident=ann).choice == "none"
    mail.outbox.clear()
    second = newsletter(cast.tmo, title="Winter")
    send(second, cast.people["committee"])
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert second.opted_out == 1
    assert not second.deliveries.filter(resident=ann).exists()


def test_someone_who_asked_for_post_gets_a_letter_not_an_email(cast, send):
    ann = member(cast.tmo, email="ann@example.org").resident
    services.choose_newsletters(organisation=cast.tmo, resident_id=ann.pk, choice="post")
    letter = newsletter(cast.tmo)

    send(letter, cast.people["committee"])

    assert mail.outbox == []
    assert letter.deliveries.get().channel == "letter"


def test_a_second_send_sends_nothing_more(cast, send):
    member(cast.tmo, email="ann@example.org")
    letter = newsletter(cast.tmo)

    assert send(letter, cast.people["committee"]) is True
    assert send(letter, cast.people["committee"]) is False

    assert len(mail.outbox) == 1


def test_running_the_work_again_creates_nobody_twice_and_emails_nobody_twice(cast, settings, send):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    for n in range(5):
        member(cast.tmo, email=f"m{n}@example.org")
    member(cast.tmo)
    letter = newsletter(cast.tmo)
    send(letter, cast.people["committee"])
    # A worker died after recording the deliveries and sending two emails.
    sending.create_deliveries(letter, timezone.localdate())
    content = sending.Content(letter)
    from django.core.mail import mailers

    sending.send_batch(letter, content, mailers.default, size=2)
    assert len(mail.outbox) == 2

    sending.run(letter.pk, prepare=False)
    sending.run(letter.pk, prepare=False)  # and once more after it finished: nothing

    assert Delivery.objects.filter(newsletter=letter).count() == 6
    assert sorted(m.to[0] for m in mail.outbox) == [f"m{n}@example.org" for n in range(5)]
    letter.refresh_from_db()
    assert letter.status == Newsletter.Status.SENT


def test_an_email_that_fails_is_counted_and_the_rest_go(cast, monkeypatch, send):
    member(cast.tmo, email="good@example.org")
    member(cast.tmo, email="bad@example.org")
    real = sending.message_for

    def refusing(email, unsubscribe):
        if email.to == "bad@example.org":
            raise OSError("mailbox unavailable")
        return real(email, unsubscribe)

    monkeypatch.setattr(sending, "message_for", refusing)
    letter = newsletter(cast.tmo)

    send(letter, cast.people["committee"])

    progress = selectors.progress_of(letter)
    assert (progress.emailed, progress.failed) == (1, 1)
    assert Delivery.objects.get(state="failed").error == "mailbox unavailable"


def test_the_send_request_does_no_work_per_recipient(cast, client_as, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = client_as(cast.people["committee"])

    def queries_to_send(members: int) -> int:
        for _n in range(members):
            member(cast.tmo, email="m@example.org")
        letter = newsletter(cast.tmo)
        url = reverse("reports:newsletter-send", args=[cast.tmo.slug, letter.pk])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.post(url)
        assert response.status_code == 302
        return len(captured.captured_queries)

    client.get(reverse("reports:newsletters", args=[cast.tmo.slug]))  # warm the session
    few = queries_to_send(2)
    many = queries_to_send(40)

    assert few == many
    assert Delivery.objects.count() == 0  # the work is queued, not done


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _font_sizes(content: bytes | None = None, pages=None) -> set[float]:
    sizes: set[float] = set()
    for page in pages if pages is not None else PdfReader(io.BytesIO(content)).pages:

        def visit(text, cm, tm, font, size):
            if text.strip():
                sizes.add(round(size * abs(tm[3]) * abs(cm[3]), 1))

        page.extract_text(visitor_text=visit)
    return sizes


def test_the_letters_are_in_address_order_in_the_households_language_and_large_print(cast, send):
    member(cast.tmo, address="2 Birch Close", language="cy")
    member(cast.tmo, address="1 Ash Close", large=True)
    member(cast.tmo, address="3 Cedar Close", email="c@example.org")  # by email: no letter
    letter = newsletter(cast.tmo)
    add_every_kind(letter)
    send(letter, cast.people["committee"])
    seen = []
    out = io.BytesIO()

    written = sending.write_letters(
        newsletter=letter, out=out, progress=lambda done, total: seen.append((done, total))
    )

    assert written == 2 and seen == [(2, 2)]
    text = _pdf_text(out.getvalue())
    assert text.index("1 Ash Close") < text.index("2 Birch Close")
    assert "3 Cedar Close" not in text
    assert "New bins" in text and "Review of repairs" in text
    reader = PdfReader(io.BytesIO(out.getvalue()))
    large_pages = [p for p in reader.pages if "1 Ash Close" in p.extract_text()]
    welsh_pages = [p for p in reader.pages if "2 Birch Close" in p.extract_text()]
    assert "Cyfnod" in "".join(p.extract_text() for p in welsh_pages)
    large_text = "".join(p.extract_text() for p in large_pages)
    assert "Period" in large_text
    assert min(_font_sizes(pages=large_pages)) >= 18
    assert 11 in _font_sizes(pages=welsh_pages)


def test_the_sample_letter_in_large_print_is_18_point(cast):
    letter = newsletter(cast.tmo)

    standard = _font_sizes(sending.sample_letter(newsletter=letter, large=False, language="en-gb"))
    large = _font_sizes(sending.sample_letter(newsletter=letter, large=True, language="en-gb"))

    assert min(large) >= 18 > max(s for s in standard if s < 14)
    assert 11 in standard


def test_the_sample_letter_is_laid_out_once_and_the_real_letters_every_time(
    cast, send, monkeypatch
):
    laid_out = []
    real = pdf.HTML
    monkeypatch.setattr(pdf, "HTML", lambda **kw: laid_out.append(1) or real(**kw))
    cache.clear()
    member(cast.tmo, address="1 Ash Close")
    letter = newsletter(cast.tmo)
    send(letter, cast.people["committee"])
    deliveries = list(selectors.letters_of(letter))
    laid_out.clear()  # the letters prepared as the send ended

    first = sending.sample_letter(newsletter=letter, large=False, language="en-gb")
    again = sending.sample_letter(newsletter=letter, large=False, language="en-gb")
    assert first == again and len(laid_out) == 1
    sending.sample_letter(newsletter=letter, large=True, language="en-gb")
    assert len(laid_out) == 2

    # A household's own letter is laid out each time it is asked for, never kept.
    content = sending.Content(letter)
    for _asked in range(2):
        sending.letters_pdf(newsletter=letter, deliveries=deliveries, content=content)
    assert len(deliveries) == 1 and len(laid_out) == 4


def test_the_sender_gets_the_letters_prepared_when_the_send_ends(cast, send):
    member(cast.tmo, address="1 Ash Close")
    letter = newsletter(cast.tmo)

    send(letter, cast.people["committee"])

    prepared = letter.letters_file
    assert prepared is not None and prepared.status == "done"
    assert prepared.requested_by == cast.people["committee"]
    with prepared.file.open("rb") as pdf:
        assert "1 Ash Close" in _pdf_text(pdf.read())


def test_a_newsletter_with_nothing_in_it_is_not_sent(cast):
    letter = newsletter(cast.tmo, intro="", items=False)

    with pytest.raises(Exception, match="Add an introduction or an item"):
        services.send_newsletter(newsletter=letter, by=cast.people["committee"])

    letter.refresh_from_db()
    assert letter.status == Newsletter.Status.DRAFT


def test_unsubscribe_tokens_are_signed(cast):
    token = services.unsubscribe_token(organisation_id=cast.tmo.pk, resident_id=7)

    assert services.read_unsubscribe_token(token) == (cast.tmo.pk, 7)
    assert services.read_unsubscribe_token(token[:-2] + "xx") is None
    assert services.read_unsubscribe_token("nonsense") is None
    assert re.fullmatch(r"[\w:.\-]+", token)
