"""A general meeting in Chromium, on a phone and a desktop: notice sent in time, members signed
in at the door, the quorum reached live, a special resolution passed by show of hands; no
serious or critical axe-core problems and nothing too wide on the way."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tenantry.democracy.models import Constitution, Motion
from tenantry.democracy.tests.meeting_factories import MeetingFactory, MemberFactory
from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page: Page) -> None:  # noqa: F811
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_an_agm_from_notice_to_a_special_resolution(page: Page, cast):  # noqa: F811
    Constitution.objects.create(
        organisation=cast.tmo,
        legal_form="company",
        quorum_rule="number",
        quorum_number=2,
        quorum_percent=Decimal("10"),
    )
    ada = MemberFactory(organisation=cast.tmo, resident__name="Ada Okafor", number=41)
    MemberFactory(organisation=cast.tmo, resident__name="Bill Jones", number=42)
    meeting = MeetingFactory(
        organisation=cast.tmo, kind="agm", day=timezone.localdate() + timedelta(days=30)
    )
    Motion.objects.create(
        meeting=meeting, title="Online attendance", text="That rule 14 changes.", kind="special"
    )
    sign_in_with_password(page, cast.people["committee"])

    page.goto(reverse("democracy:meeting", args=[cast.tmo.slug, meeting.pk]))
    expect(page.locator("main")).to_contain_text("Your constitution asks for 14 clear days")
    page.get_by_role("link", name="Send notice").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send notice").click()
    expect(page.locator("main")).to_contain_text("Sent in time")

    page.get_by_role("link", name="Attendance at the door").click()
    expect(page.locator("main")).to_contain_text("Not quorate: 0 present of 2 needed")
    page.get_by_label("Find a member").fill("okaf")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Present – Ada Okafor").click()
    expect(page.locator("main")).to_contain_text("Not quorate: 1 present of 2 needed")
    page.get_by_label("Find a member").fill("42")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Online – Bill Jones").click()
    expect(page.locator("main")).to_contain_text("Quorate: 2 present of 2 needed")
    _fits(page)
    assert_accessible(page)
    assert ada.attendances.get().mode == "in_person"

    page.goto(reverse("democracy:meeting", args=[cast.tmo.slug, meeting.pk]))
    page.get_by_role("link", name="Record the vote – Online attendance").click()
    page.get_by_label("Votes for").fill("31")
    page.get_by_label("Votes against").fill("4")
    page.get_by_label("Abstentions").fill("2")
    page.get_by_role("button", name="Record the count").click()
    expect(page.locator("main")).to_contain_text(
        "31 for, 4 against, 2 abstentions — a special resolution needs at least 75% of votes "
        "cast; 89% voted for"
    )
    _fits(page)
    assert_accessible(page)

    # The minutes drafted from the meeting's record, then approved as a true record at the next
    # general meeting, after which they are locked.
    page.goto(reverse("democracy:minutes", args=[cast.tmo.slug, meeting.pk]))
    page.get_by_role("button", name="Draft them from the record").click()
    expect(page.locator("main")).to_contain_text("Online attendance")
    following = MeetingFactory(
        organisation=cast.tmo, kind="general", day=meeting.day + timedelta(days=42)
    )
    page.goto(reverse("democracy:meeting", args=[cast.tmo.slug, following.pk]))
    page.get_by_role("button", name="Put the minutes of").click()
    page.get_by_role("link", name="Record the vote").first.click()
    page.get_by_label("Votes for").fill("12")
    page.get_by_label("Votes against").fill("0")
    page.get_by_label("Abstentions").fill("1")
    page.get_by_role("button", name="Record the count").click()
    page.goto(reverse("democracy:minutes", args=[cast.tmo.slug, meeting.pk]))
    expect(page.locator("main")).to_contain_text("Approved as a true record at the")
    expect(page.get_by_role("link", name="Edit the draft")).to_have_count(0)
    _fits(page)
    assert_accessible(page)
    assert meeting.minutes.locked
