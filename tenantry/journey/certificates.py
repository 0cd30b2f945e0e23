"""Certificates: one PDF for a session a person attended, one for a module they passed, laid out
by WeasyPrint through `core/pdf.py` (A4 landscape). Each carries a reference that its issuer
can look up: TS- and the booking's number, EL- and the passing attempt's number."""

from django.template.loader import render_to_string
from django.utils import timezone

from tenantry.core.pdf import pdf_of

from .models import Attempt, Booking


def session_certificate(booking: Booking) -> bytes:
    """The certificate of attendance at a course session."""
    session = booking.session
    course = session.course
    return pdf_of(
        render_to_string(
            "journey/training/certificate.html",
            {
                "kind": "session",
                "name": booking.name,
                "title": course.title,
                "issuer": course.organisation.name,
                "day": timezone.localtime(session.starts_at).date(),
                "course": course,
                "session": session,
                "skills": course.skill_labels(),
                "reference": f"TS-{booking.pk:06d}",
            },
        )
    )


def module_certificate(attempt: Attempt) -> bytes:
    """The certificate of completing an e-learning module: its first passing attempt."""
    module = attempt.module
    return pdf_of(
        render_to_string(
            "journey/training/certificate.html",
            {
                "kind": "module",
                "name": attempt.user.name or attempt.user.email,
                "title": module.title,
                "issuer": module.organisation.name,
                "day": timezone.localtime(attempt.taken_at).date(),
                "module": module,
                "attempt": attempt,
                "skills": module.skill_labels(),
                "reference": f"EL-{attempt.pk:06d}",
            },
        )
    )
