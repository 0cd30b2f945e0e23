"""The meeting pages: the door finds members and shows the live quorum without JavaScript,
forms keep what was typed and name the field, draft minutes are the committee's, approved
minutes are locked on screen too, and the lists ask a fixed number of queries."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tenantry.democracy import meeting_pdf
from tenantry.democracy import meeting_services as services
from tenantry.democracy.models import Attendance, Constitution, Meeting, Minutes, Outcome
from tenantry.democracy.tests.meeting_factories import (
    CriticismFactory,
    MeetingFactory,
    MemberFactory,
    MinutesFactory,
    MotionFactory,
)
from tenantry.organisations.models import PreparedFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(cast):
    Constitution.objects.create(
        organisation=cast.tmo,
        legal_form="company",
        quorum_rule="number",
        quorum_number=2,
        quorum_percent=Decimal("10"),
    )
    return MeetingFactory(
        organisation=cast.tmo, kind="agm", day=timezone.localdate() + timedelta(days=30)
    )


def _url(cast, name, *args):
    return reverse(f"democracy:{name}", args=[cast.tmo.slug, *args])


def test_door_finds_a_member_by_name_or_number_and_marks_them_present(cast, client_as, meeting):
    ada = MemberFactory(organisation=cast.tmo, resident__name="Ada Okafor", number=417)
    MemberFactory(organisation=cast.tmo, resident__name="Bill Jones", number=12)
    client = client_as(cast.people["staff"])
    url = _url(cast, "attendance", meeting.pk)

    by_name = client.get(url, {"q": "okaf"})
    assert "Ada Okafor" in by_name.content.decode() and "Bill Jones" not in by_name.content.decode()
    by_number = client.get(url, {"q": "417"})
    assert "Ada Okafor" in by_number.content.decode()

    response = client.post(url, {"membership": ada.pk, "mode": "in_person", "q": "417"})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, membership=ada).mode == "in_person"
    page = client.get(url).content.decode()
    assert "Not quorate: 1 present of 2 needed" in page


def test_door_shows_quorate_once_enough_are_present(cast, client_as, meeting):
    client = client_as(cast.people["committee"])
    for name in ("Ada", "Bill", "Cara"):
        member = MemberFactory(organisation=cast.tmo, resident__name=name)
        services.mark_attendance(meeting=meeting, membership=member, mode="online", by=None)
    services.add_observer(meeting=meeting, name="Visitor", mode="in_person", by=None)
    page = client.get(_url(cast, "attendance", meeting.pk)).content.decode()
    assert "Quorate: 3 present of 2 needed" in page
    assert "1 observer" in page
    # The meeting's own page shows the same count to a resident.
    resident_page = client_as(cast.people["resident"]).get(_url(cast, "meeting", meeting.pk))
    assert "Quorate: 3 present of 2 needed" in resident_page.content.decode()


def test_a_member_of_another_organisation_cannot_be_marked(cast, client_as, meeting):
    stranger = MemberFactory(organisation=cast.other_tmo)
    client = client_as(cast.people["staff"])
    response = client.post(
        _url(cast, "attendance", meeting.pk), {"membership": stranger.pk, "mode": "in_person"}
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_meeting_page_quotes_the_notice_rule(cast, client_as):
    Constitution.objects.create(organisation=cast.tmo, legal_form="company", notice_clear_days=14)
    meeting = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 6, 25))
    page = client_as(cast.people["resident"]).get(_url(cast, "meeting", meeting.pk))
    assert (
        "Your constitution asks for 14 clear days' notice: send it by Wednesday 10 June."
        in page.content.decode()
    )


def test_create_meeting_keeps_what_was_typed_and_names_the_field(cast, client_as):
    client = client_as(cast.people["committee"])
    response = client.post(
        _url(cast, "create-meeting"), {"kind": "agm", "place": "Hall", "day": "31/2/2026"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The meeting" in page and 'value="Hall"' in page
    response = client.post(_url(cast, "create-meeting"), {"kind": "agm", "place": "Hall"})
    assert "Enter the meeting&#x27;s date" in response.content.decode()
    response = client.post(
        _url(cast, "create-meeting"), {"kind": "agm", "place": "Hall", "day": "2026-09-17"}
    )
    assert response.status_code == 302
    assert Meeting.objects.get().day == date(2026, 9, 17)


def test_show_of_hands_from_the_page(cast, client_as, meeting):
    motion = MotionFactory(meeting=meeting, kind="special")
    client = client_as(cast.people["committee"])
    url = _url(cast, "motion", meeting.pk, motion.pk)
    refused = client.post(url, {"action": "hands", "votes_for": "-1", "against": "2"})
    assert refused.status_code == 400
    client.post(url, {"action": "hands", "votes_for": "3", "against": "1", "abstentions": "0"})
    motion.refresh_from_db()
    assert motion.outcome == Outcome.CARRIED  # 75% is at least 75%


def test_draft_minutes_are_the_committee_s_until_approved(cast, client_as, meeting):
    past = MeetingFactory(organisation=cast.tmo, day=date(2025, 9, 18))
    MinutesFactory(meeting=past, text="Draft words")
    url = _url(cast, "minutes", past.pk)
    assert "Draft words" in client_as(cast.people["committee"]).get(url).content.decode()
    assert "Draft words" not in client_as(cast.people["resident"]).get(url).content.decode()
    Minutes.objects.filter(meeting=past).update(approved_on=date(2025, 12, 4))
    assert "Draft words" in client_as(cast.people["resident"]).get(url).content.decode()


def test_approved_minutes_cannot_be_edited_on_screen(cast, client_as):
    past = MeetingFactory(organisation=cast.tmo, day=date(2025, 9, 18))
    MinutesFactory(meeting=past, text="Final words", approved_on=date(2025, 12, 4))
    client = client_as(cast.people["committee"])
    response = client.post(_url(cast, "edit-minutes", past.pk), {"text": "Changed"})
    assert response.status_code == 302
    assert Minutes.objects.get(meeting=past).text == "Final words"


def test_criticisms_list_highlights_the_overdue_and_shows_answers(cast, client_as, meeting):
    CriticismFactory(meeting=meeting, text="Lights out for a month", due_on=date(2020, 1, 1))
    CriticismFactory(meeting=meeting, text="Not yet due", due_on=date(2099, 1, 1))
    answered = CriticismFactory(meeting=meeting, text="Answered one")
    services.answer_criticism(criticism=answered, response="Fixed it.", by=None)
    page = client_as(cast.people["resident"]).get(_url(cast, "criticisms")).content.decode()
    assert "2 waiting for an answer" in page
    assert page.count("Overdue") == 1
    assert "Fixed it." in page


def test_answering_from_the_page(cast, client_as, meeting):
    criticism = CriticismFactory(meeting=meeting)
    client = client_as(cast.people["staff"])
    url = _url(cast, "answer-criticism", criticism.pk)
    assert client.post(url, {"response": ""}).status_code == 400
    assert client.post(url, {"response": "Done"}).status_code == 302
    criticism.refresh_from_db()
    assert criticism.status == "answered"


def test_notice_letters_are_prepared_in_the_background_for_members_without_email(
    cast, client_as, meeting, django_capture_on_commit_callbacks
):
    for name, email in (("Ann Oak", ""), ("Bob Elm", "bob@example.org"), ("Cy Ash", "")):
        MemberFactory(organisation=cast.tmo, resident__name=name, resident__email=email)
    client = client_as(cast.people["staff"])
    url = _url(cast, "notice-letters", meeting.pk)
    assert client.get(url).status_code == 405  # nothing is made by opening a link

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    prepared = PreparedFile.objects.get()
    assert response.url == reverse("organisations:prepared-file", args=[cast.tmo.slug, prepared.pk])
    assert (prepared.status, prepared.done, prepared.total) == ("done", 2, 2)
    download = client.get(
        reverse("organisations:download-prepared-file", args=[cast.tmo.slug, prepared.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    text = "\n".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages
    )
    assert "Ann Oak" in text and "Cy Ash" in text and "Bob Elm" not in text


def test_notice_letters_written_in_parts_are_one_pdf_in_address_order(cast, meeting):
    for address in ("3 Cedar Close", "1 Ash Close", "2 Birch Close"):
        MemberFactory(organisation=cast.tmo, resident__email="", household__home__address=address)
    seen = []
    out = io.BytesIO()

    written = meeting_pdf.write_notice_letters(
        meeting=meeting,
        out=out,
        progress=lambda done, total: seen.append((done, total)),
        per_part=2,
    )

    assert written == 3 and seen == [(2, 3), (3, 3)]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)
    assert text.index("1 Ash Close") < text.index("2 Birch Close") < text.index("3 Cedar Close")


def _many(cast):
    for n in range(3):
        meeting = MeetingFactory(organisation=cast.tmo, day=date(2025, 1 + n, 10))
        motion = MotionFactory(meeting=meeting)
        services.record_show_of_hands(motion=motion, votes_for=5, against=1, abstentions=0, by=None)
        CriticismFactory(meeting=meeting)
        answered = CriticismFactory(meeting=meeting)
        services.answer_criticism(criticism=answered, response="Answered.", by=None)


@pytest.mark.parametrize("name", ["meetings", "decisions", "criticisms"])
def test_lists_ask_a_fixed_number_of_queries(cast, client_as, name, django_assert_max_num_queries):
    client = client_as(cast.people["resident"])
    _many(cast)
    client.get(_url(cast, name))  # warm the session and the menu's caches
    with django_assert_max_num_queries(12) as first:
        client.get(_url(cast, name))
    _many(cast)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(_url(cast, name))
