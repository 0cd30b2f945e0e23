"""Write every email Tenantry sends, in English and Welsh, to files a browser can open.

    tenantry preview_emails [--out /tmp/emails_preview]

Each email is rendered by the same code that sends it (`tenantry.core.email.render`) from a
believable example that is never saved, so no database content is needed or changed. Each
`.html` file shows the subject and the plain-text part above the HTML part, as a reader's mail
program would offer them.
"""

from datetime import date, datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand
from django.urls import reverse

from tenantry.core import email as emails
from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.democracy.models import AgendaItem, Meeting
from tenantry.homes.models import Home
from tenantry.organisations.models import Organisation
from tenantry.records import notifications
from tenantry.records.models import Complaint, Repair, RepairPriority
from tenantry.scrutiny.models import EvidenceRequest, ScrutinyReview

LONDON = ZoneInfo("Europe/London")


def _examples() -> list[tuple[str, emails.Email]]:
    tmo = Organisation(pk=1, name="Kingsmead TMO", slug="kingsmead-tmo", phone="020 7946 0123")
    home = Home(pk=1, address="14 Mill Road", postcode="N17 6QP")
    resident = User(pk=1, email="resident@example.org", name="Amina Hassan")
    staff = User(pk=2, email="staff@example.org", name="Joanne Wright")
    routine = RepairPriority(pk=1, code="R", name="Routine", target_amount=20,
                             target_unit="working_days")  # fmt: skip
    urgent = RepairPriority(pk=2, code="U", name="Urgent", target_amount=5,
                            target_unit="working_days")  # fmt: skip

    def repair(priority: RepairPriority | None, **fields) -> Repair:
        """A repair; with no priority, a resident's report awaiting triage."""
        values = {"trade": Repair.Trade.PLUMBING} | fields
        made = Repair(
            pk=7, organisation=tmo, home=home, reference="WEB-R000007", priority=priority,
            reported_at=datetime.now(LONDON), **values,
        )  # fmt: skip
        made.due_at = priority.timescale.due(made.reported_at) if priority else None
        return made

    complaint = Complaint(
        pk=3, organisation=tmo, home=home, reference="WEB-C000003",
        category=Complaint.Category.REPAIRS, received_on=date.today(),
    )  # fmt: skip
    answered = Complaint(
        pk=3, organisation=tmo, home=home, reference="WEB-C000003",
        category=Complaint.Category.REPAIRS, received_on=date(2025, 12, 1),
        stage1_acknowledged_on=date(2025, 12, 2), stage1_responded_on=date(2025, 12, 10),
        escalated_on=date.today(),
    )  # fmt: skip
    appointment = repair(urgent, appointment_at=datetime.now(LONDON).replace(hour=9, minute=30))
    Changes = notifications.Changes
    return [
        (
            "sign_in_code",
            emails.Email(
                to=resident.email, template="account/email/login_code", reason="sign_in",
                organisation_name=tmo.name, name="Amina",
                context={"code": "K7Q2PX", "code_minutes": 15},
            ),
        ),
        (
            "added_to_organisation",
            emails.Email.to_user(
                resident, template="organisations/email/added", reason="added",
                organisation_name=tmo.name,
                context={"by_name": "Patrick Kelly", "role": Role.RESIDENT.label,
                         "sign_in_url": emails.absolute(reverse("account_login"))},
            ),
        ),
        ("repair_reported", notifications.acknowledgement_to(resident, repair(None))),
        ("repair_reported_emergency",
         notifications.acknowledgement_to(resident, repair(None, reported_as_emergency=True))),
        ("repair_reported_damp", notifications.acknowledgement_to(
            resident, repair(None, trade=Repair.Trade.DAMP_MOULD,
                             hazard=Repair.Hazard.SIGNIFICANT))),
        ("repair_priority_set", notifications.update_to(
            resident, repair(routine), Changes(priority=True))),
        ("repair_appointment_and_priority",
         notifications.update_to(resident, appointment, Changes(appointment=True, priority=True))),
        ("repair_completed", notifications.update_to(
            resident, repair(routine, status=Repair.Status.COMPLETED), Changes(completed=True))),
        ("complaint_made", notifications.acknowledgement_to(resident, complaint)),
        ("complaint_answered_and_escalated", notifications.update_to(
            resident, answered, Changes(answered=1, escalated=True))),
        ("new_repair_for_staff", notifications.new_report_to(staff, repair(None))),
        ("new_complaint_for_staff", notifications.new_report_to(staff, complaint)),
        ("meeting_notice", emails.Email(
            to="member@example.net", template="democracy/email/meeting_notice", reason="member",
            organisation_name=tmo.name, name="Amina",
            context={
                "meeting": Meeting(pk=5, organisation=tmo, kind="agm", day=date(2026, 6, 25),
                                   starts_at=datetime(2026, 6, 25, 19).time(),
                                   title="Annual general meeting 2026",
                                   place="Kingsmead Community Hall",
                                   online_link="https://meet.example.org/kingsmead-agm"),
                "agenda": [AgendaItem(title=t) for t in (
                    "Apologies", "Minutes of the last general meeting",
                    "Annual report and accounts", "Election of the committee")],
                "url": emails.absolute("/o/kingsmead-tmo/meetings/5/"),
            },
        )),
        ("evidence_late_for_landlord", emails.Email(
            to="landlord@example.org", template="scrutiny/email/evidence_late",
            reason="evidence_request", organisation_name="Northbrook Tenant Scrutiny Panel",
            name="Gareth",
            context={
                "request": EvidenceRequest(
                    what="The training records of contact-centre staff on recognising "
                    "complaints.", due_on=date(2026, 11, 19)),
                "review": ScrutinyReview(title="Complaints handling"),
                "panel": "Northbrook Tenant Scrutiny Panel",
                "days_late": 16,
                "url": emails.absolute("/o/northbrook-council/scrutiny/followed/evidence/2/"),
            },
        )),
    ]  # fmt: skip


def _page(message: emails.Rendered) -> str:
    return (
        f'<!DOCTYPE html><html lang="{message.language}"><meta charset="utf-8">'
        f"<title>{escape(message.subject)}</title>"
        '<body style="margin:0;font-family:Arial,sans-serif">'
        '<div style="padding:12px 16px;background:#eee;border-bottom:1px solid #999">'
        f"<p><strong>To:</strong> {escape(message.to)}<br>"
        f"<strong>Subject:</strong> {escape(message.subject)}</p>"
        "<details><summary>Plain-text part</summary>"
        f'<pre style="white-space:pre-wrap">{escape(message.text)}</pre></details></div>'
        f'<iframe title="HTML part" style="width:100%;height:80vh;border:0" '
        f'srcdoc="{escape(message.html)}"></iframe></body></html>'
    )


class Command(BaseCommand):
    help = "Write each email Tenantry sends, in English and Welsh, to .html files to look at."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="/tmp/emails_preview")

    def handle(self, *args, out, **options):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for language in ("en-gb", "cy"):
            for name, email in _examples():
                email.language = language
                path = folder / f"{name}.{language}.html"
                path.write_text(_page(emails.render(email)), encoding="utf-8")
                written.append(path.name)
        links = "".join(f'<li><a href="{n}">{n}</a></li>' for n in written)
        (folder / "index.html").write_text(
            f'<!DOCTYPE html><meta charset="utf-8"><title>Emails</title><ul>{links}</ul>',
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {len(written)} emails to {folder / 'index.html'}")
