"""Training's routes for the permission matrix.

Any organisation may keep courses, so the cast's TMO keeps them here: its committee and staff
and its landlord's officers run its training; its residents and inspectors are refused;
another organisation's people find no such page. The public list, a session's page and the
e-learning pages are for everyone; booking, the quiz and a person's own record need signing in.
A network's own pages are tested in test_training_network_matrix.py (the cast has no network)."""

from datetime import timedelta

from django.utils import timezone

from tenantry.core.tests.matrix import PUBLIC_LINK
from tenantry.journey.tests.factories import (
    BookingFactory,
    CourseFactory,
    SessionFactory,
    module_with_quiz,
)

TRAINERS = ["login", 403, 200, 200, 403, 200, 404, 404, 200]
TRAINERS_POST_ONLY = ["login", 403, 405, 405, 403, 405, 404, 404, 405]
SIGNED_IN = ["login", 200, 200, 200, 200, 200, 200, 200, 200]
SIGNED_IN_POST_ONLY = ["login", 405, 405, 405, 405, 405, 405, 405, 405]
# A certificate is its own person's only: the cast's people have none, so each finds none.
OWN_ONLY = ["login", 404, 404, 404, 404, 404, 404, 404, 404]


def _course(cast):
    return CourseFactory(organisation=cast.tmo).pk


def _session(cast):
    return SessionFactory(course__organisation=cast.tmo).pk


def _booking(cast):
    return BookingFactory(session__course__organisation=cast.tmo).pk


def _past_booking(cast):
    start = timezone.now() - timedelta(days=3)
    return BookingFactory(
        session__course__organisation=cast.tmo,
        session__starts_at=start,
        session__ends_at=start + timedelta(hours=3),
        attendance="attended",
    ).pk


def _module(cast):
    return module_with_quiz(cast.tmo).slug


def _attempt(cast):
    from tenantry.core.tests.factories import UserFactory
    from tenantry.journey.models import Attempt, Module

    module = module_with_quiz(cast.tmo)
    return Attempt.objects.create(
        module=Module.objects.get(pk=module.pk), user=UserFactory(), score=3, out_of=3, passed=True
    ).pk


ROUTES = {
    "training:courses": ("tmo", {}, TRAINERS),
    "training:add-course": ("tmo", {}, TRAINERS),
    "training:course": ("tmo", {"course": _course}, TRAINERS),
    "training:edit-course": ("tmo", {"course": _course}, TRAINERS),
    "training:add-session": ("tmo", {"course": _course}, TRAINERS),
    "training:session": ("tmo", {"session": _session}, TRAINERS),
    "training:book-for": ("tmo", {"session": _session}, TRAINERS),
    "training:attendance": ("tmo", {"session": _session}, TRAINERS_POST_ONLY),
    "training:cancel-booking": ("tmo", {"booking": _booking}, TRAINERS_POST_ONLY),
    "training:skills": ("tmo", {}, TRAINERS),
    "training:figures": ("tmo", {}, TRAINERS),
    "learning:courses": ("tmo", {}, PUBLIC_LINK),
    "learning:session": ("tmo", {"session": _session}, PUBLIC_LINK),
    "learning:module": ("tmo", {"module": _module}, PUBLIC_LINK),
    "learning:module-page": ("tmo", {"module": _module, "page": lambda cast: 1}, PUBLIC_LINK),
    "learning:mine": ("tmo", {}, SIGNED_IN),
    "learning:book": ("tmo", {"session": _session}, SIGNED_IN),
    "learning:quiz": ("tmo", {"module": _module}, SIGNED_IN),
    "learning:cancel": ("tmo", {"booking": _booking}, SIGNED_IN_POST_ONLY),
    "learning:session-certificate": ("tmo", {"booking": _past_booking}, OWN_ONLY),
    "learning:module-certificate": ("tmo", {"attempt": _attempt}, OWN_ONLY),
}
