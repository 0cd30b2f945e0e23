"""Registering interest with no account: the form, its spam checks, the email to confirm the
address, and the advisers told once it is confirmed."""

import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.journey import services_groups as services
from tenantry.journey import spam
from tenantry.journey.models import Group
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.tests.factories import LandlordFactory, RoleFactory

from .factories import GroupFactory, NetworkFactory

pytestmark = pytest.mark.django_db

URL = reverse("journey:register-interest")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Send the form; emails go out once the change commits, as they do for real."""

    def send(data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, data, **extra)

    return send


@pytest.fixture
def network():
    network = NetworkFactory(name="North West Tenant Control Network")
    adviser = UserFactory(email="adviser@example.org", name="Comfort Mensah")
    RoleFactory(user=adviser, organisation=network, role=Role.STAFF)
    return network


def _form(network, **changes) -> dict:
    data = {
        "network": network.pk,
        "name": "Hollybank Tenants and Residents Group",
        "area": "Hollybank estate, Salford",
        "homes": "240",
        "landlord_name": "Salford Council",
        "landlord": "",
        "already_does": "We meet the council every month and run a community garden.",
        "services_wanted": ["caretaking", "repairs"],
        "contact_name": "Grace Obi",
        "contact_email": "grace@example.net",
        "contact_phone": "0161 555 0101",
        "heard_from": "landlord",
        "consent_to_contact": "on",
        "website": "",
        "shown_at": spam.stamp(time.time() - 60),
    }
    data.update(changes)
    return data


def _confirm_link(message) -> str:
    start = message.body.index("/tenant-control/register/confirm/")
    return message.body[start:].split()[0]


def test_the_public_index_links_to_the_form(client):
    response = client.get(reverse("journey:index"))

    assert URL.encode() in response.content


def test_the_form_preselects_the_only_network_and_carries_a_signed_stamp(client, network):
    response = client.get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["network"] == network
    assert not spam.stamp_refused(form.initial["shown_at"], now=time.time() + 10)


def test_a_group_registers_and_its_contact_is_asked_to_confirm(client, post, network):
    response = post(_form(network))

    assert response.status_code == 302
    assert response.url == reverse("journey:registered")
    group = Group.objects.get()
    assert group.network == network
    assert group.homes == 240
    assert group.services_wanted == ["caretaking", "repairs"]
    assert group.email_confirmed_at is None
    assert group.consent_to_contact
    assert AuditEntry.objects.filter(organisation=network).count() == 1
    [message] = mail.outbox
    assert message.to == ["grace@example.net"]
    assert message.subject.startswith("North West Tenant Control Network: ")
    assert "/tenant-control/register/confirm/" in message.body
    assert client.get(response.url).status_code == 200


def test_refused_input_names_the_field_and_is_kept(client, network):
    response = client.post(
        URL,
        _form(network, homes="lots", contact_email="grace", consent_to_contact="", name=""),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the number of homes as a whole number, like 120" in page
    assert "Enter an email address in the correct format" in page
    assert "Agree to the network contacting you to send the form" in page
    assert "Enter your group&#x27;s name" in page
    assert 'value="Hollybank estate, Salford"' in page
    assert "We meet the council every month" in page
    assert not Group.objects.exists()


def test_a_landlord_on_tenantry_may_be_chosen(client, network):
    landlord = LandlordFactory(name="Salford Council")

    client.post(URL, _form(network, landlord=landlord.pk))

    assert Group.objects.get().landlord == landlord


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"website": "http://cheap.example.com"}, id="honeypot"),
        pytest.param({"shown_at": lambda: spam.stamp(time.time())}, id="too-fast"),
        pytest.param({"shown_at": spam.stamp(time.time() - 2 * 86400)}, id="too-old"),
        pytest.param({"shown_at": "12345:tampered"}, id="tampered-stamp"),
        pytest.param({"shown_at": ""}, id="no-stamp"),
        pytest.param(
            {"already_does": "See http://a.example https://b.example www.c.example"},
            id="links",
        ),
    ],
)
def test_a_robot_is_thanked_and_nothing_is_kept_or_sent(post, network, changes):
    changes = {k: v() if callable(v) else v for k, v in changes.items()}
    response = post(_form(network, **changes))

    assert response.status_code == 302
    assert response.url == reverse("journey:registered")
    assert not Group.objects.exists()
    assert mail.outbox == []


def test_one_link_is_allowed(client, network):
    client.post(URL, _form(network, already_does="Our page: https://hollybank.example"))

    assert Group.objects.count() == 1


def test_each_address_may_send_a_few_forms_then_is_thanked_for_nothing(client, network, settings):
    settings.JOURNEY_INTEREST_PER_ADDRESS = 2
    for n in range(3):
        client.post(URL, _form(network, name=f"Group {n}"), REMOTE_ADDR="203.0.113.9")
    client.post(URL, _form(network, name="From elsewhere"), REMOTE_ADDR="203.0.113.10")

    assert sorted(Group.objects.values_list("name", flat=True)) == [
        "From elsewhere",
        "Group 0",
        "Group 1",
    ]


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, network):
    page = client.get(URL).content.decode()

    assert '<div class="tenantry-honeypot" hidden aria-hidden="true">' in page
    assert 'tabindex="-1"' in page


def test_confirming_tells_the_advisers_once(
    client, post, network, django_capture_on_commit_callbacks
):
    post(_form(network))
    link = _confirm_link(mail.outbox[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)

    assert response.status_code == 200
    assert b"Your email address is confirmed" in response.content
    group = Group.objects.get()
    assert group.email_confirmed_at is not None
    [message] = mail.outbox
    assert message.to == ["adviser@example.org"]
    assert "A new tenant group is waiting: Hollybank" in message.subject
    assert f"/o/{network.slug}/groups/{group.pk}/" in message.body

    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(link)

    assert again.status_code == 200
    assert b"Your email address is confirmed" in again.content
    assert len(mail.outbox) == 1
    assert Group.objects.get().email_confirmed_at == group.email_confirmed_at


def test_an_expired_or_tampered_link_gives_a_clear_page(client, network, settings):
    group = GroupFactory(network=network)
    token = services.confirmation_token(group)
    settings.JOURNEY_CONFIRM_EMAIL_DAYS = 0

    expired = client.get(reverse("journey:confirm-email", args=[token]))

    assert expired.status_code == 200
    assert b"This link has expired" in expired.content

    settings.JOURNEY_CONFIRM_EMAIL_DAYS = 7
    tampered = client.get(reverse("journey:confirm-email", args=[token[:-3] + "abc"]))

    assert tampered.status_code == 200
    assert b"This link does not work" in tampered.content
    group.refresh_from_db()
    assert group.email_confirmed_at is None


def test_a_link_for_a_changed_address_does_not_confirm_the_new_one(network):
    group = GroupFactory(network=network, contact_email="old@example.net")
    token = services.confirmation_token(group)
    Group.objects.filter(pk=group.pk).update(contact_email="new@example.net")

    outcome, _group = services.confirm_email(token)

    assert outcome == services.Confirmed.INVALID


def test_the_stamp_is_refused_outside_its_window(settings):
    now = time.time()
    assert spam.stamp_refused(spam.stamp(now - 1), now=now)
    assert not spam.stamp_refused(spam.stamp(now - 30), now=now)
    assert spam.stamp_refused(spam.stamp(now - 86400 - 1), now=now)
    assert spam.stamp_refused(signing.dumps("x", salt=spam.SALT), now=now)


def test_the_service_refuses_a_group_without_consent_or_at_another_kind_of_organisation(network):
    interest = services.Interest(
        name="A",
        area="B",
        homes=3,
        landlord_name="C",
        contact_name="D",
        contact_email="d@example.net",
        consent_to_contact=False,
    )
    with pytest.raises(Exception, match="Agree"):
        services.register_interest(network=network, interest=interest)
    with pytest.raises(Exception, match="network"):
        services.register_interest(
            network=LandlordFactory(),
            interest=services.Interest(**{**interest.__dict__, "consent_to_contact": True}),
        )
    assert not Group.objects.exists()


def test_the_thank_you_page_says_what_happens_next(client):
    response = client.get(reverse("journey:registered"))

    assert b"What happens next" in response.content
    assert response.status_code == 200


def test_confirmed_at_is_kept_across_time(network):
    group = GroupFactory(network=network)
    outcome, _ = services.confirm_email(services.confirmation_token(group))
    assert outcome == services.Confirmed.NOW
    group.refresh_from_db()
    assert timezone.now() - group.email_confirmed_at < timedelta(minutes=1)


def test_a_slip_sent_at_once_is_shown_not_swallowed(client, network):
    response = client.post(URL, _form(network, homes="lots", shown_at=spam.stamp(time.time())))

    assert response.status_code == 400
    assert b"Enter the number of homes as a whole number" in response.content
