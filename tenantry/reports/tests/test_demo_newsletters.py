"""The demo's newsletters at Kingsmead: Autumn 2026 sent to the members, emailing nobody for
real, and the Winter draft."""

import pytest
from django.core import mail

from tenantry.demo.newsletters import add_demo_newsletters
from tenantry.organisations.tests.factories import AgreementFactory, LandlordFactory
from tenantry.reports.newsletters import Newsletter, NewsletterPreference

from .newsletter_helpers import member

pytestmark = pytest.mark.django_db


def test_demo_newsletters_at_kingsmead(django_capture_on_commit_callbacks):
    kingsmead = AgreementFactory(
        organisation__slug="kingsmead-tmo",
        organisation__name="Kingsmead TMO",
        organisation__landlord=LandlordFactory(slug="northbrook-council"),
    ).organisation
    for n in range(4):
        member(kingsmead, email=f"m{n}@example.org")
    member(kingsmead)

    with django_capture_on_commit_callbacks(execute=True):
        add_demo_newsletters()
        add_demo_newsletters()  # a second run adds nothing

    autumn = Newsletter.objects.get(title="Autumn 2026")
    assert autumn.status == Newsletter.Status.SENT and autumn.sent_at.date().isoformat() == (
        "2026-10-02"
    )
    # Of five members, four with an address: one of those asked for post, one for none; so
    # two emails, and letters for the one by post and the one without an address.
    assert NewsletterPreference.objects.count() == 2
    assert autumn.deliveries.filter(channel="email", state="sent").count() == 2
    assert autumn.deliveries.filter(channel="letter").count() == 2
    assert autumn.opted_out == 1
    assert mail.outbox == []  # the in-memory mailer's copies are not kept
    winter = Newsletter.objects.get(title="Winter 2026")
    assert winter.status == Newsletter.Status.DRAFT and winter.items.count() == 1
