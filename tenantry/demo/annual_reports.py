"""Kingsmead TMO's annual report to tenants for 2025/26, written by its committee and published
in English and Welsh, its figures taken from the demo's records. The same for the same day."""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.periods import financial_year
from tenantry.core.permissions import Role
from tenantry.organisations.models import Organisation
from tenantry.reports import annual_services as services
from tenantry.reports.models import AnnualReport, PublicPage

ORGANISATION = "kingsmead-tmo"
YEAR = "2025/26"

TEXTS = {
    "introduction": (
        "Welcome to our report on the year from April 2025 to March 2026.\n\n"
        "This was the year tenants took a closer look at repairs. The scrutiny panel "
        "mystery-shopped our appointments and told us plainly that too many were missed. We "
        "listened: you can now choose a morning or an afternoon, and you get a text the day "
        "before.\n\n"
        "Not everything went to plan. We missed our target for answering complaints on time in "
        "the autumn, when two staff were off sick. We say below what we have done about it.\n\n"
        "Thank you to everyone who answered the satisfaction survey, came to a meeting or "
        "stood for the committee. This is your organisation.\n\n"
        "Pat Okafor, Chair"
    ),
    "satisfaction": (
        "Most of you are happy with the service overall, and more of you feel safe in your "
        "home than last year. Fewer of you are happy with how we handle complaints, and that "
        "is where we will put our effort in 2026/27."
    ),
    "approach": (
        "We ran the survey ourselves, with help from volunteers for the door-knocking. The "
        "answers are not weighted: each household's answer counts once. Tenants could answer "
        "online, on paper or at the door, and in English, Polish or Somali. No incentive was "
        "offered."
    ),
    "performance": (
        "Our targets are agreed each year with Northbrook Council in our management agreement. "
        "Where we missed one, we say why and what we are doing about it."
    ),
    "you_said": (
        "Here is what you raised with us this year, through the scrutiny panel and at our "
        "meetings, and what we did about it."
    ),
    "money": (
        "Northbrook Council pays us a management allowance to run services on the estate. "
        "We spent a little less than our budget on repairs because the new appointment system "
        "cut wasted visits. The money left over goes back into the repairs budget next year."
    ),
    "democracy": (
        "Every tenant on the estate can become a member. Our annual general meeting in "
        "September elected three new committee members, and for the first time in four years "
        "there were more candidates than places."
    ),
    "easy_read": (
        "We changed how repairs are booked.\n"
        "You can choose morning or afternoon.\n"
        "We send you a text the day before.\n"
        "We painted the stairs in three blocks."
    ),
}
COMMITMENTS = {
    "relationships": (
        "Treating every tenant fairly and with respect.",
        "Training for all staff on treating tenants with respect\n"
        "A named housing officer for every block",
        "More tenants told us we treat them fairly and with respect",
    ),
    "communication": (
        "Telling you what matters, in a way that suits you.",
        "A newsletter every three months, on paper and by email\n"
        "Notices in Polish and Somali as well as English",
        "More tenants say we keep them informed",
    ),
    "voice": (
        "Tenants shape the decisions we make.",
        "The scrutiny panel reviewed repairs appointments\n"
        "Tenants chose the new caretaking schedule at a drop-in",
        "Repairs appointments now come in morning and afternoon slots",
    ),
    "accountability": (
        "You can hold us to account.",
        "Every committee meeting's minutes published within a month\n"
        "This report, in English, Welsh, large print and easy read",
        "Questions raised at meetings answered on time",
    ),
    "quality": (
        "Good, safe homes.",
        "Fire doors replaced in Mill Court\nEvery gas safety check done on time",
        "Every home had its gas safety check",
    ),
    "things_wrong": (
        "Putting things right when they go wrong.",
        "A second complaints officer from January\nA weekly check of every complaint's due date",
        "Complaints answered on time rose again in the last quarter",
    ),
}
WELSH = {
    "introduction": (
        "Croeso i'n hadroddiad ar y flwyddyn o fis Ebrill 2025 i fis Mawrth 2026.\n\n"
        "Eleni, edrychodd tenantiaid yn fanylach ar atgyweiriadau. Gwrandawon ni: gallwch "
        "ddewis y bore neu'r prynhawn nawr, ac rydych yn cael neges destun y diwrnod cynt.\n\n"
        "Diolch i bawb a atebodd yr arolwg, a ddaeth i gyfarfod neu a safodd dros y pwyllgor.\n\n"
        "Pat Okafor, Cadeirydd"
    ),
    "easy_read": (
        "Rydyn ni wedi newid sut rydych chi'n trefnu atgyweiriadau.\n"
        "Gallwch ddewis y bore neu'r prynhawn.\n"
        "Rydyn ni'n anfon neges destun y diwrnod cynt."
    ),
}


def add_demo_annual_reports(*, progress: Callable[[str], None] = lambda message: None) -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None:
        return
    progress("Kingsmead TMO's annual report…")
    # The committee member of the demo's logins publishes it, as the committee would.
    chair = User.objects.filter(
        email="committee@example.org",
        role_assignments__organisation=organisation,
        role_assignments__role=Role.COMMITTEE,
    ).first()
    with transaction.atomic():
        _publish(organisation, chair)


def _publish(organisation: Organisation, chair: User | None) -> AnnualReport:
    report = services.start_annual_report(
        organisation=organisation, year=financial_year(YEAR), by=None, today=date.today()
    )
    if report.is_published:
        return report
    for section, body in TEXTS.items():
        _write(report, section, "en-gb", services.SectionText(body))
    for section, (body, actions, outcomes) in COMMITMENTS.items():
        _write(report, section, "en-gb", services.SectionText(body, actions, outcomes))
    for section, body in WELSH.items():
        _write(report, section, "cy", services.SectionText(body))
    services.set_report_languages(report=report, languages=["en-gb", "cy"], by=None)
    # Anyone may read a published report without signing in only where the organisation's
    # public page is published (reports/publication.py).
    PublicPage.objects.get_or_create(
        organisation=organisation, defaults={"published": True, "published_at": timezone.now()}
    )
    return services.publish_annual_report(report=report, by=chair)


def _write(report: AnnualReport, section: str, language: str, text) -> None:
    saved = report.texts.filter(section=section, language=language).first()
    services.save_section(
        report=report, section=section, language=language, text=text,
        version=saved.version if saved else 0, by=None,
    )  # fmt: skip
