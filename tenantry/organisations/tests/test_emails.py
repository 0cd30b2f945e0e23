"""Account emails and each person's Email settings."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tenantry.core import email as emails
from tenantry.core.models import User

SETTINGS = reverse("email-settings")


def _html(message) -> str:
    (html, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return html


def test_the_sign_in_code_names_the_persons_organisation_and_has_an_html_part(cast, client):
    client.post(reverse("account_request_login_code"), {"email": cast.people["resident"].email})

    (message,) = mail.outbox
    assert message.subject == "Kingsmead TMO: Your sign-in code"
    html = _html(message)
    for part in (message.body, html):
        assert "From Kingsmead TMO, sent by Tenantry." in part
        assert "someone asked to sign in with this address" in part
        assert "Hello from" not in part and "testserver" not in part
    code = message.body.split("Your code to sign in to Tenantry is:")[1].split()[0]
    assert code in html
    assert 'lang="en-gb"' in html


def test_someone_who_chose_welsh_gets_their_sign_in_code_in_welsh(cast, client):
    resident = cast.people["resident"]
    resident.language = "cy"
    resident.save()
    client.post(reverse("account_request_login_code"), {"email": resident.email})

    (message,) = mail.outbox
    assert message.subject == "Kingsmead TMO: Eich cod mewngofnodi"
    assert "Eich cod i fewngofnodi i Tenantry yw:" in message.body
    assert "Eich cod i fewngofnodi i Tenantry yw:" in _html(message)


def test_an_address_with_no_account_is_told_to_ask_its_organisation_not_to_sign_up(db, client):
    client.post(reverse("account_request_login_code"), {"email": "stranger@example.net"})

    (message,) = mail.outbox
    assert message.subject == "Tenantry: You do not have an account yet"
    for part in (message.body, _html(message)):
        assert "ask them to add you" in part
        assert "sign up for an account" not in part  # allauth's words; sign-up is closed


def test_a_password_reset_email_is_tenantrys_own_with_an_html_part(cast, client):
    officer = cast.people["landlord_officer"]
    client.post(reverse("account_reset_password"), {"email": officer.email})

    (message,) = mail.outbox
    assert message.subject == "Northbrook Council: Choose a new password"
    assert "/accounts/password/reset/key/" in message.body
    assert "/accounts/password/reset/key/" in _html(message)


def test_a_new_person_is_told_in_text_and_html_which_organisation_added_them(
    cast, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_as(cast.people["committee"]).post(
            reverse("organisations:add-person", args=[cast.tmo.slug]),
            {"name": "Grace Okafor", "email": "grace@example.net", "role": "member"},
        )
    (message,) = mail.outbox
    assert message.subject == "Kingsmead TMO: You have been added on Tenantry"
    for part in (message.body, _html(message)):
        assert "Committee has added you to Kingsmead TMO as: member." in part
        assert "Hello Grace," in part
        assert "you were given a role in Kingsmead TMO" in part


def test_what_a_person_writes_cannot_become_html_in_an_email(cast):
    message = emails.render(
        emails.Email(
            to="grace@example.net",
            template="organisations/email/added",
            organisation_name="<b>Kingsmead</b> & Co",
            reason="added",
            name="<script>",
            context={"by_name": "<i>Eve</i>", "role": "member", "sign_in_url": "https://x/"},
        )
    )
    assert "<b>Kingsmead</b>" not in message.html and "&lt;b&gt;Kingsmead" in message.html
    assert "<script>" not in message.html and "<i>Eve</i>" not in message.html
    # The plain text is plain: nothing escaped in it.
    assert "<i>Eve</i> has added you to <b>Kingsmead</b> & Co" in message.text


@pytest.mark.parametrize(
    ("chosen", "fallback", "expected"),
    [
        ("cy", "en-gb", "cy"),  # their choice first
        ("", "cy", "cy"),  # else the language they are using the site in
        ("", "pl", "en-gb"),  # a language Tenantry does not write in yet: English
        ("", None, "en-gb"),
        ("", "cy-gb", "cy"),
    ],
)
def test_the_language_an_email_is_written_in(db, chosen, fallback, expected):
    user = User(email="a@example.org", name="A", language=chosen)
    assert emails.language_for(user, fallback) == expected


# --- the Email settings page -----------------------------------------------------------------


def test_signing_in_is_needed_to_change_email_settings(client):
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_everyone_who_signs_in_has_an_email_settings_page_of_their_own(cast, client_as):
    for role, person in cast.people.items():
        if person is not None:
            page = client_as(person).get(SETTINGS)
            assert page.status_code == 200, role
            assert f"We send emails to {person.email}." in page.content.decode()


def test_a_resident_turns_off_updates_and_chooses_welsh(cast, client_as):
    resident = cast.people["resident"]
    client = client_as(resident)
    page = client.get(SETTINGS).content.decode()
    assert "Updates on the repairs and complaints I report" in page
    assert "New repairs and complaints reported by residents" not in page  # staff only
    (my_cases,) = re.findall(r'<input[^>]*value="my_cases"[^>]*>', page)
    assert "checked" in my_cases  # on until they turn it off

    response = client.post(SETTINGS, {"language": "cy"})

    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.language, resident.emails_about_my_cases) == ("cy", False)
    assert resident.emails_about_new_reports is False


def test_staff_choose_to_hear_of_new_reports(cast, client_as):
    staff = cast.people["staff"]
    client = client_as(staff)
    assert "reported by residents to Kingsmead TMO" in client.get(SETTINGS).content.decode()

    client.post(SETTINGS, {"language": "", "topics": ["my_cases", "new_reports"]})

    staff.refresh_from_db()
    assert (staff.emails_about_my_cases, staff.emails_about_new_reports) == (True, True)
    page = client.get(SETTINGS).content.decode()
    assert "Your email settings have been saved." in page


def test_an_unknown_language_is_refused_and_nothing_changes(cast, client_as):
    resident = cast.people["resident"]
    response = client_as(resident).post(SETTINGS, {"language": "xx", "topics": []})
    assert response.status_code == 200
    assert "from the list" in response.content.decode()  # a GOV.UK message naming the field
    resident.refresh_from_db()
    assert resident.emails_about_my_cases is True


def test_nobody_changes_another_persons_email_settings(cast):
    with pytest.raises(PermissionDenied):
        emails.change_email_settings(
            user=cast.people["resident"],
            by=cast.people["staff"],
            language="",
            emails_about_my_cases=False,
            emails_about_new_reports=False,
        )


def test_every_page_links_to_email_settings_when_signed_in(cast, client_as):
    page = client_as(cast.people["resident"]).get("/", follow=True).content.decode()
    assert f'href="{SETTINGS}"' in page
