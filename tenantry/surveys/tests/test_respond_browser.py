"""Surveys in a real browser: a resident answers the TSM survey on a 375-pixel phone through
their household's personal link, in English and in Welsh; staff build, preview, interview and
key in paper. Every page on the way is checked with axe-core (no serious or critical problems).
"""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from tenantry.reports.tests.test_browser import (  # noqa: F401 (browser and page are fixtures)
    assert_accessible,
    browser,
    page,
    sign_in_with_password,
)
from tenantry.surveys import services
from tenantry.surveys.models import Response, Survey
from tenantry.surveys.tests.factories import QuestionFactory, SectionFactory, SurveyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
TOUCH_TARGET = 24  # CSS pixels: WCAG 2.2's minimum target size (2.5.8, AA)


@pytest.fixture
def phone(browser: Browser, live_server) -> Page:  # noqa: F811
    """A fresh browser context the size of a small phone, 375 CSS pixels wide."""
    context = browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    phone = context.new_page()
    phone.problems = []
    phone.on("pageerror", lambda error: phone.problems.append(f"script error: {error}"))
    phone.on(
        "response",
        lambda r: (
            phone.problems.append(f"{r.status}: {r.url}")
            if r.request.resource_type != "document" and r.status >= 400
            else None
        ),
    )
    yield phone
    context.close()


@pytest.fixture
def tsm(cast) -> Survey:
    survey = services.create_survey(
        organisation=cast.tmo, by=cast.people["staff"], template="tsm", name="Northbrook Council"
    )
    services.invite_households(survey=survey, by=cast.people["staff"])
    return services.open_survey(survey=survey, by=cast.people["staff"])


def _link(cast, survey: Survey) -> str:
    invitation = survey.invitations.get()
    return reverse("survey:start", args=[cast.tmo.slug, services.invitation_code(invitation)])


def _continue(page: Page) -> None:  # noqa: F811
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name=re.compile("Continue|Parhau")).click()


def _answer_every_question(page: Page, comments: str) -> int:  # noqa: F811
    """The first answer of each question (so every filter opens its follow-up); a comment for
    the written one; the optional "about you" questions left out. Returns how many pages."""
    pages = 0
    while "/check/" not in page.url:
        pages += 1
        assert pages < 40, page.url
        radios = page.locator("main input[type=radio]")
        optional = page.locator("main").get_by_text("You can leave this question out.").count()
        if radios.count() and not optional:
            radios.first.check()
        elif page.locator("main textarea").count():
            page.locator("main textarea").fill(comments)
        if pages in (1, 2):  # a question with a scale, and a filter question
            for box in (radios.nth(i).bounding_box() for i in range(radios.count())):
                assert box["width"] >= TOUCH_TARGET and box["height"] >= TOUCH_TARGET, box
            assert_accessible(page)
        _continue(page)
    return pages


def _no_sideways_scroll(page: Page) -> None:  # noqa: F811
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone at {page.url}"


def test_a_resident_answers_on_a_phone_in_english(phone: Page, cast, tsm):
    phone.goto(_link(cast, tsm))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tenant satisfaction survey")
    assert_accessible(phone)
    _no_sideways_scroll(phone)

    phone.get_by_role("button", name="Start now").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Taking everything into account")
    _continue(phone)  # no answer chosen
    expect(phone.locator(".govuk-error-summary")).to_contain_text("Select an answer")
    assert_accessible(phone)

    _answer_every_question(phone, "The caretaker is great.")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(phone.locator("main")).to_contain_text("The caretaker is great.")
    _no_sideways_scroll(phone)
    assert_accessible(phone)

    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert_accessible(phone)

    response = Response.objects.get()
    assert (response.mode, response.language, response.household) == ("web", "en", None)
    codes = set(response.answers.values_list("question__code", flat=True))
    assert {f"TP{n:02d}" for n in range(1, 13)} <= codes  # every filter said yes

    phone.goto(_link(cast, tsm))  # the link cannot be used twice
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your home has already answered")
    assert_accessible(phone)


def test_a_resident_answers_on_a_phone_in_welsh(phone: Page, cast, tsm):
    phone.goto(reverse("survey:enter-code", args=[cast.tmo.slug]))
    assert_accessible(phone)
    phone.get_by_label("Your code").fill(services.invitation_code(tsm.invitations.get()))
    phone.get_by_role("button", name="Continue").click()

    phone.get_by_label("Cymraeg").check()
    phone.get_by_role("button", name=re.compile("Start now|Dechrau")).click()
    expect(phone.locator("html")).to_have_attribute("lang", "cy")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Gan ystyried popeth")
    expect(phone.locator("main")).to_contain_text("Bodlon iawn")
    assert_accessible(phone)
    _no_sideways_scroll(phone)

    _answer_every_question(phone, "Mae’r gofalwr yn wych.")
    expect(phone.locator("main")).to_contain_text("Mae’r gofalwr yn wych.")
    assert_accessible(phone)
    phone.locator("main form button").click()
    expect(phone.locator(".govuk-panel")).to_be_visible()
    assert_accessible(phone)

    assert Response.objects.get().language == "cy"


def test_arabic_questions_read_right_to_left(phone: Page, cast, tsm):
    question = tsm.questions.get(code="TP01")
    question.text_translations = {**question.text_translations, "ar": "ما مدى رضاك عن الخدمة؟"}
    question.save()
    Survey.objects.filter(pk=tsm.pk).update(languages=["cy", "ar"])

    phone.goto(_link(cast, tsm))
    phone.get_by_label("العربية").check()
    phone.get_by_role("button", name="Start now").click()

    group = phone.locator("main .govuk-form-group")
    expect(group).to_have_attribute("dir", "rtl")
    expect(group).to_have_attribute("lang", "ar")
    expect(phone.get_by_role("heading", level=1)).to_have_text("ما مدى رضاك عن الخدمة؟")
    assert_accessible(phone)


def test_staff_build_preview_and_invite(page: Page, cast):  # noqa: F811
    sign_in_with_password(page, cast.people["staff"])
    page.goto(reverse("surveys:surveys", args=[cast.tmo.slug]))
    assert_accessible(page)

    page.get_by_role("link", name="Create a survey").click()
    assert_accessible(page)
    page.get_by_label("How democratic are we?").check()
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Having your say in Kingsmead TMO")
    assert_accessible(page)
    survey = Survey.objects.get()

    page.get_by_role("link", name="Settings: title, anonymity, languages, dates").click()
    assert_accessible(page)
    page.get_by_label("Welsh").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Questions", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a question").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Save the question").click()  # nothing typed
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    for name in ("translations", "invite"):
        page.goto(reverse(f"surveys:{name}", args=[cast.tmo.slug, survey.pk]))
        assert_accessible(page)
    page.goto(reverse("surveys:translate", args=[cast.tmo.slug, survey.pk, "cy"]))
    assert_accessible(page)

    page.goto(reverse("surveys:preview", args=[cast.tmo.slug, survey.pk]))
    expect(page.locator("body")).to_contain_text("Nothing you answer here is saved")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("did you know")
    assert_accessible(page)

    page.goto(reverse("surveys:invite", args=[cast.tmo.slug, survey.pk]))
    page.get_by_label("Every household (a census)").check()
    page.get_by_role("button", name="Invite them").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 households")
    assert survey.invitations.count() == 1


def test_staff_interview_at_the_door_and_key_in_paper(page: Page, cast, tsm):  # noqa: F811
    sign_in_with_password(page, cast.people["staff"])
    page.goto(reverse("surveys:survey", args=[cast.tmo.slug, tsm.pk]))
    assert_accessible(page)
    page.get_by_role("link", name="Invited households, interviews and letters").click()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Interview")).click()
    assert_accessible(page)
    page.get_by_label("Face to face, at the door").check()
    page.get_by_role("button", name="Start the interview").click()
    expect(page.locator("main")).to_contain_text("Each answer is saved as you go")
    assert_accessible(page)
    _answer_every_question(page, "Said the lifts are often broken.")
    page.get_by_role("button", name="Send the answers").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("are sent")
    assert Response.objects.get().mode == "door"

    page.goto(reverse("surveys:paper", args=[cast.tmo.slug, tsm.pk]))
    assert_accessible(page)
    page.get_by_label("The household's code").fill(services.invitation_code(tsm.invitations.get()))
    page.get_by_role("button", name="Save these answers").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already answered")
    assert_accessible(page)


def test_every_other_survey_page_is_accessible(page: Page, cast, tsm):  # noqa: F811
    draft = SurveyFactory(organisation=cast.tmo, title="Parking")
    section = SectionFactory(survey=draft, title="Cars")
    question = QuestionFactory(survey=draft, section=section, kind="yes_no", text="Do you drive?")
    sign_in_with_password(page, cast.people["committee"])
    slug = cast.tmo.slug
    for name, args in [
        ("edit-question", [draft.pk, question.pk]),
        ("delete-question", [draft.pk, question.pk]),
        ("add-section", [draft.pk]),
        ("edit-section", [draft.pk, section.pk]),
        ("delete-section", [draft.pk, section.pk]),
        ("delete-survey", [draft.pk]),
        ("questions", [tsm.pk]),
    ]:
        page.goto(reverse(f"surveys:{name}", args=[slug, *args]))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    page.goto(reverse("survey:start", args=[slug, "ABCDEFGHJKLM"]))  # a code that is not one
    expect(page.get_by_role("heading", level=1)).to_have_text("We cannot find that survey link")
    assert_accessible(page)

    Survey.objects.filter(pk=tsm.pk).update(status=Survey.Status.CLOSED)
    page.goto(_link(cast, tsm))
    expect(page.get_by_role("heading", level=1)).to_have_text("This survey is not open")
    assert_accessible(page)

    cache.set("survey-code-failures:127.0.0.1", 20)
    page.goto(reverse("survey:enter-code", args=[slug]))
    page.get_by_label("Your code").fill("ABCD-EFGH-JKLM")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries")
    assert_accessible(page)
