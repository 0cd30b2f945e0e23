"""Demo surveys: an open TSM perception survey of Kingsmead TMO's households with answers given
every way (online, at the door, by phone, on paper), one household part-way through, and a
democratic-health questionnaire still being written. The same for the same seed."""

import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.periods import financial_year_of
from tenantry.homes.models import Household, Resident
from tenantry.organisations.models import Organisation
from tenantry.surveys import background, handover, services
from tenantry.surveys.models import Mode, Question
from tenantry.surveys.questionnaire import Answers, Questionnaire

ORGANISATION = "kingsmead-tmo"
COMMENTS = [
    "The caretaker does a great job on our block.",
    "Repairs take too long to be booked in.",
    "Please fix the lights on the stairwell.",
    "Happy overall, thank you.",
    "Nobody told us about the works on the roof.",
    # A spreadsheet would read this as a sum: the responses download writes it as text.
    "+1 for the new caretaker, the block is much cleaner.",
    # What residents write most, in their own words (the themes page groups them).
    "I reported a leak in March and I am still waiting for the repair.",
    "The contractor missed two appointments for my boiler repair.",
    "Repairs are done badly and the same thing breaks again a month later.",
    "There is black mould in the bathroom and bedroom that keeps coming back.",
    "Damp in my flat every winter, the walls are wet and the children are coughing.",
    "Condensation and mould on the windows, the extractor fan has never worked.",
    "Loud music and parties from the flat upstairs until the early hours.",
    "Young people hanging around the stairwell at night, I don't feel safe.",
    "Nothing is done about the neighbour who shouts and slams doors all night.",
    "The bins are always overflowing and there are rats by the bin store.",
    "Stairs and landings are rarely cleaned and smell awful.",
    "Fly-tipping by the garages is left for weeks.",
    "Nobody answers the phone at the office and emails go unanswered.",
    "We never hear back when we ask a question, please keep us informed.",
    "The lift in our block breaks down every few weeks.",
    "Parking is impossible, people from outside the estate park here.",
]
# How often each answer of the five-point scales is given: a fairly content estate.
SCALE_WEIGHTS = [30, 36, 12, 12, 10]


def _answer(rng: random.Random, question: Question, codes: list[str]):
    if question.kind in (Question.Kind.SATISFACTION, Question.Kind.AGREEMENT):
        if "dont_know" in codes and rng.random() < 0.05:
            return "dont_know"
        return rng.choices(codes[:5], SCALE_WEIGHTS)[0]
    if question.kind == Question.Kind.YES_NO:
        return "yes" if rng.random() < 0.55 else "no"
    if question.kind == Question.Kind.SINGLE:
        return rng.choice(codes)
    if question.kind == Question.Kind.MULTIPLE:
        picked = set(rng.sample(codes, k=min(len(codes), rng.choice([1, 1, 2]))))
        return [code for code in codes if code in picked]
    if question.kind == Question.Kind.NUMBER:
        return rng.randint(question.number_min or 0, question.number_max or 5)
    return rng.choice(COMMENTS) if rng.random() < 0.3 else None


def _about(household: Household | None) -> dict[str, object]:
    """The "about you" answers the household's lead tenant would truly give, so the demo's
    reach table compares like with like."""
    lead = household and household.residents.filter(is_lead_tenant=True).first()
    if lead is None:
        return {}
    needs = [name for name in Resident.NEED_FIELDS if getattr(lead, name)] or ["none"]
    about: dict[str, object] = {
        "language": lead.language,
        "communication_needs": needs,
        "tenure": household.home.tenure,
    }
    profile = getattr(lead, "equality", None)
    if profile is not None:
        for name in ("age_band", "disability", "ethnicity", "gender"):
            about[name] = getattr(profile, name)
    return about


def _answers(rng: random.Random, questionnaire: Questionnaire, about: dict) -> Answers:
    """Answers to every question shown, in order, as a resident might give them."""
    answers: Answers = {}
    item = questionnaire.next_item(None, answers)
    while item is not None:
        question = item.question
        codes = [choice.value for choice in item.choices]
        if question.profile_field:
            # About-you questions are optional: some skip them; the rest answer truly.
            value = about.get(question.profile_field) if rng.random() < 0.7 else None
            if isinstance(value, list):
                value = [code for code in value if code in codes] or None
            elif value not in codes:
                value = "other" if value and "other" in codes else None
        else:
            value = _answer(rng, question, codes)
        if value is not None:
            answers[str(question.pk)] = value
        item = questionnaire.next_item(item, answers)
    return answers


@transaction.atomic
def add_demo_surveys(*, seed: int = 1, progress: Callable[[str], None] = lambda m: None) -> int:
    """Add the demo surveys once; returns how many responses were made."""
    organisation = Organisation.objects.get(slug=ORGANISATION)
    if organisation.surveys.exists():
        return 0
    return _add_surveys(
        organisation,
        rng=random.Random(seed),
        name="Kingsmead TMO",
        title="Kingsmead residents' survey",
        progress=progress,
    )


@transaction.atomic
def add_generated_surveys(
    *, landlord: Organisation, seed: int = 1, progress: Callable[[str], None] = lambda m: None
) -> int:
    """The demo's surveys for every organisation the landlord delegates to, so a larger
    landlord (which works with more organisations) has more surveys and more responses: each
    asks all its households, and about 45% answer. Returns how many responses were made."""
    made = 0
    managers = Organisation.objects.filter(
        landlord=landlord, kind__in=[Organisation.Kind.TMO, Organisation.Kind.TMC,
                                     Organisation.Kind.EMB],
    ).order_by("pk")  # fmt: skip
    for n, organisation in enumerate(managers):
        if organisation.surveys.exists():
            continue
        if organisation.slug == ORGANISATION:
            made += add_demo_surveys(seed=seed, progress=progress)
            continue
        made += _add_surveys(
            organisation,
            rng=random.Random(seed + n + 1),
            name=organisation.name,
            title=f"{organisation.name}: residents' survey",
            progress=progress,
        )
    return made


def _add_surveys(
    organisation: Organisation,
    *,
    rng: random.Random,
    name: str,
    title: str,
    progress: Callable[[str], None],
) -> int:
    """A democratic-health questionnaire being written and an open TSM survey of every
    household, 45% answered every way; its figures sent to the Performance page."""
    staff = User.objects.filter(
        role_assignments__organisation=organisation, role_assignments__role="staff"
    ).first()
    committee = User.objects.filter(
        role_assignments__organisation=organisation, role_assignments__role="committee"
    ).first()
    by = staff or committee

    services.create_survey(
        organisation=organisation, by=committee or by, template="democratic_health"
    )
    tsm = services.create_survey(
        organisation=organisation,
        by=by,
        template="tsm",
        name=name,
        title=title,
    )
    services.invite_households(survey=tsm, by=by)
    tsm = services.open_survey(survey=tsm, by=by)
    questionnaire = Questionnaire(tsm)
    invitations = list(tsm.invitations.select_related("household__home").order_by("pk"))
    rng.shuffle(invitations)
    answering = invitations[: int(len(invitations) * 0.45)]
    modes = [Mode.WEB, Mode.WEB, Mode.WEB, Mode.DOOR, Mode.PHONE, Mode.PAPER]
    for n, invitation in enumerate(answering):
        mode = modes[n % len(modes)]  # every way of answering, in the same proportions
        answers = _answers(rng, questionnaire, _about(invitation.household))
        language = "cy" if rng.random() < 0.05 else "en"
        if mode == Mode.PAPER:
            services.enter_paper_response(
                survey=tsm, by=by, answers=answers, language=language, invitation=invitation
            )
            continue
        draft = services.start_draft(
            invitation=invitation,
            mode=mode,
            language=language,
            by=None if mode == Mode.WEB else by,
        )
        draft.answers = answers
        draft.save(update_fields=["answers"])
        services.submit_draft(draft=draft)
    if len(invitations) > len(answering):
        # One household stopped part-way through: its first answers are saved.
        waiting = invitations[len(answering)]
        draft = services.start_draft(invitation=waiting, mode=Mode.WEB, language="en")
        first = questionnaire.items[0].question
        services.save_answer(draft=draft, question_pk=first.pk, value="fairly_satisfied")
    progress(f"{len(answering)} survey responses from {len(invitations)} households invited")
    # The answers so far are this year's Tenant Satisfaction Measures on the Performance page.
    handover.send_tsm_results(survey=tsm, period=financial_year_of(timezone.localdate()), by=by)
    if staff and len(invitations) > len(answering):
        # Letters the staff member printed for the households of one postcode still to answer:
        # a file ready to download from its page (`organisations/prepared.py`).
        postcode = invitations[len(answering)].household.home.postcode
        background.prepare_letters(
            survey=tsm,
            estate=None,
            status="waiting",
            search=postcode,
            site="http://127.0.0.1:8000",
            by=staff,
        )
        progress(f"letters prepared for the households of {postcode} still to answer")
    return len(answering)
