"""The Guide's nine steps of a review (chapter 4): each step's title, the Guide's question and
the structured answers it records. The words are the Guide's own."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    key: str
    label: str | Promise
    hint: str | Promise = ""


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str | Promise
    question: str | Promise
    fields: tuple[Field, ...]
    record: str | Promise  # what the Guide says to record at the end of the step


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "decide",
        _("Decide what to review"),
        _("Which aspects on the edges of the service are in the review, and which are not?"),
        (
            Field(
                "in_scope",
                _("In the review"),
                _(
                    "For example: how the organisation makes decisions about the service, how it "
                    "deals with complaints about it."
                ),
            ),
            Field("out_of_scope", _("Not in the review")),
        ),
        _("Record what has been decided"),
    ),
    Step(
        2,
        "challenge",
        _("Challenge the service"),
        _("Is there really a need for this service? Who needs it? Who is badly served by it?"),
        (
            Field(
                "need",
                _(
                    "Is there really a need for this service? Could tenants do without "
                    "it, or do some of it themselves?"
                ),
            ),
            Field("who_needs", _("Is it only certain groups of tenants that need it?")),
            Field("badly_served", _("Which groups are not well served by the service at present?")),
        ),
        _("Record what has been decided"),
    ),
    Step(
        3,
        "aims",
        _("Agree the service aims"),
        _(
            "What do you really want to get from the service? Each term of the aims is tied to "
            "a measure, so you can check whether the aims are being achieved."
        ),
        (
            Field("statement", _("Statement of the organisation's aims for the service")),
            Field("quality", _("Quality: to what standard, measured how?")),
            Field("responsiveness", _("Responsiveness: what speed of response, measured how?")),
            Field(
                "value_for_money", _("Value for money: what service for the budget, measured how?")
            ),
            Field(
                "satisfaction", _("Satisfaction: what level of tenant satisfaction, measured how?")
            ),
        ),
        _("Record what has been decided"),
    ),
    Step(
        4,
        "problems",
        _("Identify problems and pinpoint their causes"),
        _("What do stakeholders say is wrong, and why does it happen?"),
        (
            Field("problems", _("Problems identified")),
            Field("causes", _("Their causes")),
            Field(
                "events",
                _("Consultation events held"),
                _("Drop-in sessions, interviews, focus groups, ‘planning for real’ events…"),
            ),
        ),
        _("Record any problems which have been identified"),
    ),
    Step(
        5,
        "compare",
        _("Compare"),
        _(
            "How does the service compare with the landlord's, with other organisations' and "
            "with the national figures? Why are they different?"
        ),
        (
            Field("compared_with", _("Who you compare with and why")),
            Field("learnt", _("What has been learnt")),
        ),
        _("Record what has been learnt"),
    ),
    Step(
        6,
        "compete",
        _("Compete"),
        _(
            "Is the service costing more than it needs to? Could another way of providing it "
            "give better value?"
        ),
        (Field("procurement", _("Advice on procurement received, and tenders invited")),),
        _("Record what has been decided"),
    ),
    Step(
        7,
        "conclude",
        _("Challenge how the service is provided"),
        _(
            "Should the service be carried out or managed in a different way, have a different "
            "budget, or different standards, targets or indicators?"
        ),
        (
            Field("conclusions", _("Conclusions of the challenge")),
            Field("outside_people", _("Outside people involved in the review")),
        ),
        _("Record the conclusions of the ‘challenge’"),
    ),
    Step(
        8,
        "standards",
        _("Review standards and targets"),
        _(
            "Are the current standards and targets the right ones? Should they be raised year "
            "by year over the next five years, towards the top quarter of landlords?"
        ),
        (Field("reasoning", _("Why these standards and targets")),),
        _("Record what has been decided"),
    ),
    Step(
        9,
        "plan",
        _("The improvement plan"),
        _(
            "What steps will be taken to improve the service, by when, and how will success be "
            "measured?"
        ),
        (),
        _("Record what has been decided"),
    ),
)

BY_NUMBER = {step.number: step for step in STEPS}


def step(number: int) -> Step:
    return BY_NUMBER[number]
