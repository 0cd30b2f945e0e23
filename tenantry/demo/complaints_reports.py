"""Northbrook Council's Complaint Handling Code self-assessment and annual complaints report for
2025/26, approved by its housing committee and published; Kingsmead TMO's own self-assessment
for the same year, begun by its staff and not yet approved (docs/complaint-handling.md)."""

from collections.abc import Callable
from datetime import date

from django.db import transaction
from django.utils import timezone

from tenantry.organisations.models import Organisation
from tenantry.reports import complaints_services as services
from tenantry.reports.complaints_models import ComplaintsYear

YEAR = 2025  # 2025/26

COUNCIL_ANSWERS = {
    "1.2": ("yes", "Complaints policy (March 2025), section 2, uses the Code's definition.",
            "", ""),
    "1.3": ("yes", "Contact centre script and the online form both offer to log a complaint.",
            "Staff were reminded in team briefings that residents need not say "
            "\u201ccomplaint\u201d.", ""),
    "1.4": ("no", "Repairs requests are logged in the repairs system.",
            "Service requests outside repairs are not yet logged in one place, so we cannot "
            "review them together.",
            "Log every service request in the housing system from April 2026; the Head of "
            "Housing Services reviews them quarterly."),
    "2.1": ("yes", "Complaints policy, section 4: every complaint is logged before any decision "
            "not to accept it, and the reason is recorded.", "", ""),
    "2.2": ("yes", "Complaints policy, section 4, lists the exclusions: over 12 months old, "
            "legal proceedings started, or already considered.", "", ""),
    "2.3": ("yes", "Complaints policy, section 4.2.",
            "Two complaints about damp older than 12 months were accepted in 2025/26 because "
            "the residents had reported it repeatedly.", ""),
    "2.4": ("yes", "The refusal letter template gives the reason and the Ombudsman's details.",
            "", ""),
    "3.1": ("yes", "Complaints by phone, email, online, in person, by letter and through an "
            "advocate; interpreters and large print on request.", "", ""),
    "3.2": ("yes", "All housing staff completed complaints training in 2025; the estate "
            "offices pass complaints to the Customer Resolution Team the same day.", "", ""),
    "4.1": ("yes", "The Customer Resolution Team is the complaints officer and deals with the "
            "Ombudsman.", "", ""),
    "4.2": ("yes", "The team leader reports to the Head of Housing Services and can agree "
            "remedies up to £500 without referral.", "", ""),
    "4.3": ("no", "Complaints training is part of induction.",
            "The team was two officers short over the winter.",
            "Both posts filled by February 2026; cover arranged for future vacancies."),
    "5.1": ("yes", "One housing complaints policy, reviewed March 2025.", "", ""),
    "5.2": ("yes", "The policy has two stages and no informal stage.", "", ""),
    "5.3": ("yes", "Two stages only.", "", ""),
    "5.4": ("yes", "The repairs contract requires contractors' complaints to come into our "
            "two stages.", "", ""),
    "6.1": ("yes", "Complaints are triaged on the day they arrive; vulnerable residents and "
            "damp and mould cases are flagged.", "", ""),
    "6.2": ("no", "Acknowledgement letters are dated in the housing system.",
            "Acknowledgements slipped in the winter, when the team was two officers short.",
            "Daily report of unacknowledged complaints to the team leader from January 2026."),
    "6.3": ("yes", "Stage 1 answers are tracked against the 10-working-day date.",
            "Most late answers were complex damp and mould cases; we now extend those early and "
            "tell the resident why.", ""),
    "6.4": ("yes", "Extension letters give the new date and the Ombudsman's details.", "", ""),
    "6.10": ("yes", "Every stage 1 answer explains how to ask for stage 2.", "", ""),
    "6.11": ("yes", "Stage 2 requests go to the Customer Resolution Team and are acknowledged "
             "by letter.", "", ""),
    "6.12": ("yes", "Residents are not asked for reasons; the officer phones to understand "
             "what is still wrong.", "", ""),
    "6.13": ("yes", "Stage 2 is answered by a service manager who had no part in stage 1.", "", ""),
    "7.1": ("yes", "Stage 1 and stage 2 answers set out what went wrong and what we have done "
            "or will do.", "", ""),
    "7.2": ("yes", "Compensation follows the council's remedies policy, scaled to the impact "
            "on the resident.", "", ""),
    "7.3": ("yes", "Remedies are tracked in the housing system until done.", "", ""),
    "7.4": ("yes", "The remedies policy was revised in 2025 against the Ombudsman's remedies "
            "guidance.", "", ""),
    "8.1": ("yes", "This report.", "", ""),
    "8.2": ("yes", "Housing Committee, 18 June 2026.", "", ""),
    "9.1": ("yes", "Each closed complaint records any learning for the service concerned.",
            "", ""),
    "9.2": ("yes", "Complaint themes go to the housing management team every month.", "", ""),
    "9.3": ("yes", "Learning is reported to the tenants' scrutiny panel and in the tenants' "
            "newsletter.", "", ""),
    "9.4": ("yes", "The Director of Housing is accountable and reviews themes each quarter.",
            "", ""),
}  # fmt: skip

COUNCIL_REPORT = {
    "learning": (
        "Damp and mould and repairs that took too long were behind almost half of our "
        "complaints. Residents told us the hardest part was not knowing when someone would "
        "come. Complaints about communication fell after we started texting appointment times."
        "\n\n"
        "Stage 2 complaints were mostly about repairs promised at stage 1 that were not done: "
        "the stage 1 answer was right, but nobody followed the work through."
    ),
    "improvements": (
        "From September 2025 every stage 1 answer that promises work names the officer who "
        "checks it is done, and the resident is told when it is.\n\n"
        "A damp and mould surveyor now visits within 10 working days of a complaint, in line "
        "with Awaab's Law.\n\n"
        "Kingsmead TMO and the council now share one complaints log, so residents are not "
        "passed between us."
    ),
    "governing_body_response": (
        "The Housing Committee welcomes the fall in late stage 1 answers and asks for a "
        "quarterly report on acknowledgements until they are reliably within 5 working days. "
        "The committee's member responsible for complaints, Cllr Amina Okafor, will meet the "
        "tenants' scrutiny panel in the autumn to hear how residents found the changes."
    ),
    "ombudsman_determinations": 3,
    "ombudsman_maladministration": 1,
    "ombudsman_notes": (
        "One finding of service failure on the time taken to repair a leaking roof at Mill "
        "Court; we paid the compensation ordered and have changed how roof leaks are "
        "prioritised."
    ),
}

TMO_ANSWERS = {
    "1.2": ("yes", "Our complaints leaflet uses the Code's definition.", "", ""),
    "6.2": ("yes", "Acknowledged by the estate office, usually the same day.", "", ""),
    "6.13": ("yes", "Stage 2 goes to the council's Customer Resolution Team.", "", ""),
}  # fmt: skip


def _answer(organisation: Organisation, answers: dict) -> None:
    for code, (complies, evidence, explanation, action) in answers.items():
        services.answer_provision(
            organisation=organisation,
            year=YEAR,
            code=code,
            complies=complies,
            evidence=evidence,
            explanation=explanation,
            action=action,
            by=None,
        )


@transaction.atomic
def add_demo_complaints_reports(*, progress: Callable[[str], None] = lambda m: None) -> None:
    council = Organisation.objects.filter(slug="northbrook-council").first()
    if council is None or ComplaintsYear.objects.filter(organisation=council, year=YEAR).exists():
        return
    progress("Complaints self-assessments…")
    today = timezone.localdate()
    _answer(council, COUNCIL_ANSWERS)
    services.save_report(organisation=council, year=YEAR, values=COUNCIL_REPORT, by=None)
    services.approve(
        organisation=council,
        year=YEAR,
        approved_on=min(date(2026, 6, 18), today),
        minute_reference="HC 2026/31",
        by=None,
    )
    services.publish(organisation=council, year=YEAR, by=None)
    tmo = Organisation.objects.filter(slug="kingsmead-tmo").first()
    if tmo is not None:
        _answer(tmo, TMO_ANSWERS)
