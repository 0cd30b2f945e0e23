"""Builders shared by the scrutiny tests: a review with evidence requests and an exercise."""

from datetime import date

from tenantry.scrutiny import evidence_services, programme_services, shopping_services
from tenantry.scrutiny.models import ShoppingExercise, TopicRequest


def review(cast, **kwargs):
    return programme_services.start_review(
        panel=cast.panel,
        scrutinised=cast.landlord,
        title=kwargs.pop("title", "Complaints handling"),
        started_on=kwargs.pop("started_on", date(2026, 1, 5)),
        by=None,
        **kwargs,
    )


def evidence_request(cast, **kwargs):
    return evidence_services.ask_for_evidence(
        review=kwargs.pop("review", None) or review(cast),
        what=kwargs.pop("what", "The complaints policy and last year's complaints log"),
        by=None,
        **kwargs,
    )


def exercise(cast, *, questions=(("Was the phone answered within a minute?", 1),), opened=True):
    made = shopping_services.save_exercise(
        exercise=ShoppingExercise(
            review=review(cast),
            title="Reporting a leak",
            scenario="Ring to report a leak under the kitchen sink.",
            channel="phone",
        ),
        by=None,
    )
    for text, most in questions:
        shopping_services.add_question(exercise=made, text=text, max_points=most, by=None)
    if opened:
        shopping_services.open_exercise(exercise=made, by=None)
    return made


def topic(cast, **kwargs) -> TopicRequest:
    return programme_services.ask_for_topic(
        panel=cast.panel,
        asked_from=cast.tmo,
        asked_as=kwargs.pop("asked_as", "resident"),
        topic=kwargs.pop("topic", "How long repairs take"),
        why=kwargs.pop("why", "My boiler took three weeks."),
        by=kwargs.pop("by", None),
        **kwargs,
    )
