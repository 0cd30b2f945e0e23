"""The Northbrook Tenant Scrutiny Panel's terms of reference and its scrutiny reports: a finished
review of repairs appointments (the report published about eleven months ago, every
recommendation answered in time, the actions signed off, "you said, we did" written for
tenants), a report on complaints whose answers are overdue and have been escalated to the
council's senior officer, and a peer review by another panel. The inspector reads the panel's
record. The same for the same day."""

from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation
from tenantry.scrutiny import peer_services, report_services
from tenantry.scrutiny.models import (
    PeerReview,
    Recommendation,
    ScrutinyReport,
    ScrutinyReview,
    ScrutinyStage,
    TermsOfReference,
)

PANEL = "northbrook-scrutiny-panel"
FINISHED = "Repairs appointments: do tenants get the visit they were promised?"

FINDINGS = (
    "Over four months the panel mystery-shopped 40 repair reports, read 120 repair records, met "
    "the repairs team and the contractor, and heard from 86 tenants at two drop-in sessions.\n\n"
    "Emergency repairs are fast. But one in four routine appointments was missed or moved, and "
    "tenants were told on the day, if at all. No tenant was asked which day or time suited "
    "them. Tenants who do not speak English as a first language found the phone line hardest."
)

# (what the panel recommends, why, the council's answer, its reasons, who, months to deliver,
# what the panel saw when it signed off, what tenants are told)
RECOMMENDATIONS = [
    (
        "Let tenants choose the day and time of a routine repair when they report it",
        "None of the 40 mystery shoppers was offered a choice; 11 appointments were then missed.",
        "accepted",
        "",
        "Head of repairs",
        4,
        "Appointments kept rose from 76% to 94% over two quarters (repairs records, Q2 and Q3).",
        "You now choose a morning, afternoon or school-hours slot when you report a repair.",
    ),
    (
        "Send a text the day before a visit, and if the operative is running late",
        "Tenants waited in all day without word; 23 of 86 at the drop-ins raised it.",
        "accepted",
        "",
        "Customer services manager",
        3,
        "Texts sent for every appointment since March; complaints about waiting fell by half.",
        "You get a text the day before your repair, and another if we are running late.",
    ),
    (
        "Offer reporting by text and interpreters on the repairs line",
        "Tenants with little English found the phone line hardest.",
        "partly",
        "We have added interpreters on the line now. Reporting by text needs the new housing "
        "system, due next year; we will report back then.",
        "Customer services manager",
        2,
        "An interpreter answered in 9 of the panel's 10 test calls in five languages.",
        "You can ask for an interpreter when you ring about a repair.",
    ),
    (
        "Bring the repairs contract back in-house",
        "The contractor's missed appointments cost the council more in repeat visits.",
        "rejected",
        "The contract runs to 2028 and ending it early would cost more than it saves. We will "
        "use the panel's findings to set the standards for the next contract.",
        "",
        0,
        "",
        "",
    ),
]

YOU_SAID_WE_DID = (
    "You told us repair visits were often missed and nobody let you know. We asked the council "
    "to let you choose your appointment and to text you. It agreed, and now appointments kept "
    "are up from 76% to 94%. You asked for help if English is not your first language: you "
    "can now ask for an interpreter on the repairs line. The council would not end its repairs "
    "contract early, but will put our standards into the next one."
)


def _review(panel: Organisation, title: str, service: str, started_days_ago: int, today):
    return ScrutinyReview.objects.create(
        panel=panel,
        scrutinised=panel.landlord,
        service=service,
        title=title,
        stage=ScrutinyStage.REPORTING,
        started_on=today - timedelta(days=started_days_ago),
    )


def _report(review: ScrutinyReview, summary: str, recommendations) -> ScrutinyReport:
    report = report_services.save_report(
        report=ScrutinyReport(review=review, summary=summary), by=None
    )
    for title, reason in recommendations:
        report_services.save_recommendation(
            recommendation=Recommendation(report=report, title=title, reason=reason), by=None
        )
    return report


def _finished(panel: Organisation, officer: User | None, member: User | None, today) -> None:
    review = _review(panel, FINISHED, "repairs", 560, today)
    report = _report(review, FINDINGS, [(r[0], r[1]) for r in RECOMMENDATIONS])
    published = today - timedelta(days=330)
    # No email is sent from the demo itself.
    report = report_services.publish_report(
        report=report, by=None, today=published, tell_landlord=False
    )
    answered = published + timedelta(days=52)  # within the two months
    recommendations = list(report.recommendations.order_by("position"))
    for recommendation, spec in zip(recommendations, RECOMMENDATIONS, strict=True):
        _title, _why, response, reasons, owner, months, evidence, note = spec
        report_services.answer_recommendation(
            recommendation=recommendation,
            response=response,
            reasons=reasons,
            owner=owner,
            due_on=answered + timedelta(days=30 * months) if months else None,
            by=officer,
            today=answered,
        )
    for recommendation, spec in zip(recommendations, RECOMMENDATIONS, strict=True):
        recommendation.refresh_from_db()
        if recommendation.action is None:
            continue
        due = recommendation.action.due_on
        report_services.report_action_progress(
            recommendation=recommendation,
            progress="on_track",
            note="Work started; the panel has seen the plan.",
            by=officer,
            today=answered + timedelta(days=30),
        )
        report_services.report_action_progress(
            recommendation=recommendation,
            progress="done",
            note="Finished and in use.",
            evidence=spec[6],
            by=officer,
            today=due - timedelta(days=7),
        )
        report_services.sign_off(
            recommendation=recommendation,
            verdict="delivered",
            evidence=spec[6],
            note=spec[7],
            by=member,
            today=due + timedelta(days=14),
        )
    report_services.save_tenant_summary(report=report, text=YOU_SAID_WE_DID, by=member)


def _overdue(panel: Organisation, officer: User | None, today) -> None:
    review = _review(
        panel, "How complaints are answered: first replies and learning", "complaints", 200, today
    )
    report = _report(
        review,
        "The panel read 60 complaint files and spoke to 25 complainants. Most first replies "
        "came within the Housing Ombudsman's ten working days, but one in three did not say what "
        "would happen next, and nothing showed what the council learnt from complaints.",
        [
            (
                "End every complaint reply with what happens next and by when",
                "20 of 60 replies gave no next step or date.",
            ),
            (
                "Report to tenants each quarter what complaints taught the council",
                "No complainant knew whether anything changed because they complained.",
            ),
        ],
    )
    published = today - timedelta(days=75)
    # No email is sent from the demo itself.
    report = report_services.publish_report(
        report=report, by=None, today=published, tell_landlord=False
    )
    report_services.send_interim_reply(
        report=report,
        text="We accept the first recommendation and are asking our complaints team about the "
        "second; we will answer both in full by the end of next month.",
        by=officer,
        today=published + timedelta(days=40),
    )
    first = report.recommendations.order_by("position").first()
    report_services.answer_recommendation(
        recommendation=first,
        response="accepted",
        reasons="",
        owner="Complaints manager",
        due_on=today + timedelta(days=60),
        by=officer,
        today=published + timedelta(days=45),
    )
    # The second is still unanswered: the answers fell due about two weeks ago and were raised
    # with the senior officer the next morning, as `escalate_late_answers` does (no email is
    # sent from the demo itself).
    terms = report_services.terms_for(panel)
    report.escalated_at = timezone.make_aware(
        datetime.combine(report.answers_due_on + timedelta(days=1), time(6, 0))
    )
    report.escalated_to = terms.senior_officer_email
    report.save(update_fields=["escalated_at", "escalated_to"])


def _peer_review(panel: Organisation, member: User | None, today) -> None:
    other = Organisation.objects.filter(slug="westbury-scrutiny-panel").first()
    if other is None:
        # A panel of another landlord on Tenantry, which the Northbrook panel asks to review it.
        westbury = Organisation.objects.filter(slug="westbury-homes").first()
        westbury = westbury or organisations.create_organisation(
            by=None,
            name="Westbury Homes",
            slug="westbury-homes",
            kind=Organisation.Kind.HOUSING_ASSOCIATION,
            email="hello@westbury.example.org",
        )
        other = organisations.create_organisation(
            landlord=westbury,
            by=None,
            name="Westbury Tenant Scrutiny Panel",
            slug="westbury-scrutiny-panel",
            kind=Organisation.Kind.SCRUTINY_PANEL,
            email="panel@westbury.example.org",
            about="Tenants who scrutinise Westbury Homes' services.",
        )
    peer = peer_services.invite_peer_review(
        panel=panel,
        reviewer=other,
        request="How we chose our topics this year, and how clear our repairs report was.",
        by=member,
        today=today - timedelta(days=60),
    )
    peer_services.write_peer_review(
        peer=peer,
        report=(
            "The panel chose topics tenants care about, using complaints and its own survey. "
            "The repairs report is clear and every recommendation is backed by evidence. We "
            "would add a short summary for tenants at the front, and set a date to check the "
            "rejected recommendation again when the contract is retendered."
        ),
        by=None,
        today=today - timedelta(days=21),
    )


@transaction.atomic
def add_demo_scrutiny_reports(*, progress: Callable[[str], None] = lambda m: None) -> None:
    panel = Organisation.objects.filter(slug=PANEL).first()
    if panel is None or ScrutinyReview.objects.filter(panel=panel, title=FINISHED).exists():
        return
    progress("Scrutiny reports and the landlord's answers…")
    today = timezone.localdate()
    terms, _created = TermsOfReference.objects.get_or_create(
        panel=panel,
        defaults={"agreed_on": today - timedelta(days=720)},
    )
    if not terms.senior_officer_email:
        terms.senior_officer_name = "Helen Price, Director of Housing"
        terms.senior_officer_email = "director.housing@northbrook.example.org"
        terms.save()
    officer = User.objects.filter(email="landlord@example.org").first()
    member = User.objects.filter(email="panel@example.org").first()
    _finished(panel, officer, member, today)
    _overdue(panel, officer, today)
    if not PeerReview.objects.filter(panel=panel).exists():
        _peer_review(panel, member, today)
    inspector = User.objects.filter(email="inspector@example.org").first()
    if inspector is not None:
        organisations.assign_role(user=inspector, organisation=panel, role=Role.INSPECTOR)
