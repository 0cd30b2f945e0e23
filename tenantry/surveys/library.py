"""Ready-made surveys: the regulator's TSM perception survey, the Guide's democratic-health
questionnaire, repair satisfaction and a service-review consultation.

Each is data: sections of questions with codes, answer choices and "show only if" rules.
`{name}` in a text becomes the name the organisation chooses at creation (the landlord's or
its own), `{service}` the service under review. English texts are marked for translation, so
the Welsh catalogue translates them; the TSM questions also carry their Welsh here, written
for this template (docs/surveys.md says what is confirmed).

Where the TSM wording comes from: the regulator's own data dictionary for the 2024/25 data
collection (../shared/data/tsm/tsm2025_data_dictionary.csv) quotes each TP question in full,
its five answers in order, and which questions count "not applicable / don't know" answers
(TP05–TP08, TP11, TP12). The three filter questions (a repair, a complaint, communal areas in
the last 12 months) are worded from the same dictionary's descriptions of them.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from tenantry.homes.models import EqualityProfile, Resident, Tenure

from .models import DONT_KNOW, ProfileField, Question
from .scoring import COMPLAINED, HAD_REPAIR, HAS_COMMUNAL_AREAS

Text = str | Promise


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    label: Text
    cy: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    kind: str
    text: Text
    cy: str = ""  # the Welsh, where written here; otherwise the Welsh catalogue's
    help: Text = ""
    required: bool = True
    choices: tuple[ChoiceSpec, ...] = ()  # only for single and multiple choice
    choice_cy: dict[str, str] = field(default_factory=dict)  # Welsh for a scale's labels
    show_if: tuple[str, tuple[str, ...]] | None = None  # (code, answer codes)
    offers_dont_know: bool = False
    profile_field: str = ""


@dataclass(frozen=True)
class SectionSpec:
    title: Text
    questions: tuple[QuestionSpec, ...]
    cy: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    key: str
    name: Text
    description: Text
    title: Text
    intro: Text
    sections: tuple[SectionSpec, ...]
    title_cy: str = ""
    intro_cy: str = ""
    languages: tuple[str, ...] = ()
    anonymity: str = "anonymous"


def _choices(*pairs) -> tuple[ChoiceSpec, ...]:
    return tuple(ChoiceSpec(*pair) for pair in pairs)


# --- About you: optional questions that let results show who answered (reach) -------------

_NOT_SAID = ("not_said", _("Prefer not to say"))

ABOUT_YOU = SectionSpec(
    title=_("About you"),
    cy="Amdanoch chi",
    questions=(
        QuestionSpec(
            "AGE",
            Question.Kind.SINGLE,
            _("How old are you?"),
            cy="Faint yw eich oed?",
            help=_("These questions are optional. They show us who we are hearing from."),
            required=False,
            choices=_choices(*EqualityProfile.AgeBand.choices),
            profile_field=ProfileField.AGE_BAND,
        ),
        QuestionSpec(
            "DISABILITY",
            Question.Kind.SINGLE,
            _("Do you have a disability or a long-term health condition?"),
            cy="Oes gennych chi anabledd neu gyflwr iechyd hirdymor?",
            required=False,
            choices=_choices(*EqualityProfile.Disability.choices),
            profile_field=ProfileField.DISABILITY,
        ),
        QuestionSpec(
            "ETHNICITY",
            Question.Kind.SINGLE,
            _("What is your ethnic group?"),
            cy="Beth yw eich grŵp ethnig?",
            required=False,
            choices=_choices(*EqualityProfile.Ethnicity.choices),
            profile_field=ProfileField.ETHNICITY,
        ),
        QuestionSpec(
            "GENDER",
            Question.Kind.SINGLE,
            _("How would you describe yourself?"),
            cy="Sut fyddech chi’n disgrifio eich hun?",
            required=False,
            choices=_choices(*EqualityProfile.Gender.choices),
            profile_field=ProfileField.GENDER,
        ),
        QuestionSpec(
            "LANGUAGE",
            Question.Kind.SINGLE,
            _("What is your first language?"),
            cy="Beth yw eich iaith gyntaf?",
            required=False,
            choices=_choices(
                ("en", _("English"), "Saesneg"),
                ("cy", _("Welsh"), "Cymraeg"),
                ("pl", _("Polish"), "Pwyleg"),
                ("bn", _("Bengali"), "Bengaleg"),
                ("ur", _("Urdu"), "Wrdw"),
                ("pa", _("Panjabi"), "Pwnjabeg"),
                ("so", _("Somali"), "Somalieg"),
                ("ar", _("Arabic"), "Arabeg"),
                ("tr", _("Turkish"), "Tyrceg"),
                ("other", _("Another language")),
                _NOT_SAID,
            ),
            profile_field=ProfileField.LANGUAGE,
        ),
        QuestionSpec(
            "NEEDS",
            Question.Kind.MULTIPLE,
            _("Do you need information in any of these forms?"),
            cy="Oes angen gwybodaeth arnoch chi yn unrhyw un o’r ffurfiau hyn?",
            help=_("Select all that apply."),
            required=False,
            choices=(
                *(
                    ChoiceSpec(name, Resident._meta.get_field(name).verbose_name)
                    for name in Resident.NEED_FIELDS
                ),
                ChoiceSpec("none", _("None of these"), "Dim un o’r rhain"),
            ),
            profile_field=ProfileField.COMMUNICATION_NEEDS,
        ),
        QuestionSpec(
            "TENURE",
            Question.Kind.SINGLE,
            _("Do you rent or own your home?"),
            cy="Ydych chi’n rhentu neu’n berchen ar eich cartref?",
            required=False,
            choices=(
                *_choices(*Tenure.choices),
                ChoiceSpec("not_sure", _("Not sure"), "Ddim yn siŵr"),
            ),
            profile_field=ProfileField.TENURE,
        ),
    ),
)


# --- The regulator's Tenant Satisfaction Measures: the perception survey --------------------

_S, _A, _Y = Question.Kind.SATISFACTION, Question.Kind.AGREEMENT, Question.Kind.YES_NO
# Welsh yes and no answer the question's own verb.
_HAS_IT = {"yes": "Ydy", "no": "Nac ydy"}
_HAVE_I = {"yes": "Ydw", "no": "Nac ydw"}

TSM = TemplateSpec(
    key="tsm",
    name=_("Tenant Satisfaction Measures (TSM) perception survey"),
    description=_(
        "The regulator's twelve questions TP01 to TP12, worded and scaled as the TSM rules "
        "set them, with the three filter questions for repairs, complaints and communal areas."
    ),
    title=_("Tenant satisfaction survey"),
    title_cy="Arolwg bodlonrwydd tenantiaid",
    intro=_(
        "Please tell us what you think of the service you get from {name}. It takes about "
        "five minutes. Your answers help decide what improves next."
    ),
    intro_cy=(
        "Dywedwch wrthym beth yw eich barn am y gwasanaeth a gewch gan {name}. Mae’n cymryd "
        "tua phum munud. Mae eich atebion yn helpu i benderfynu beth sy’n gwella nesaf."
    ),
    languages=("cy",),
    sections=(
        SectionSpec(
            title=_("The service overall"),
            cy="Y gwasanaeth yn gyffredinol",
            questions=(
                QuestionSpec(
                    "TP01",
                    _S,
                    _(
                        "Taking everything into account, how satisfied or dissatisfied are you "
                        "with the service provided by {name}?"
                    ),
                    cy=(
                        "Gan ystyried popeth, pa mor fodlon neu anfodlon ydych chi â’r "
                        "gwasanaeth a ddarperir gan {name}?"
                    ),
                ),
            ),
        ),
        SectionSpec(
            title=_("Repairs and your home"),
            cy="Atgyweiriadau a’ch cartref",
            questions=(
                QuestionSpec(
                    HAD_REPAIR,
                    _Y,
                    _("Has {name} carried out a repair to your home in the last 12 months?"),
                    cy=(
                        "A yw {name} wedi gwneud atgyweiriad i’ch cartref yn ystod y 12 mis "
                        "diwethaf?"
                    ),
                    choice_cy=_HAS_IT,
                ),
                QuestionSpec(
                    "TP02",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you with the overall repairs service "
                        "from {name} over the last 12 months?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi â’r gwasanaeth atgyweirio "
                        "cyffredinol gan {name} dros y 12 mis diwethaf?"
                    ),
                    show_if=(HAD_REPAIR, ("yes",)),
                ),
                QuestionSpec(
                    "TP03",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you with the time taken to complete "
                        "your most recent repair after you reported it?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi â’r amser a gymerwyd i gwblhau "
                        "eich atgyweiriad diweddaraf ar ôl i chi roi gwybod amdano?"
                    ),
                    show_if=(HAD_REPAIR, ("yes",)),
                ),
                QuestionSpec(
                    "TP04",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you that {name} provides a home that "
                        "is well maintained?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi fod {name} yn darparu cartref "
                        "sy’n cael ei gynnal a’i gadw’n dda?"
                    ),
                ),
                QuestionSpec(
                    "TP05",
                    _S,
                    _(
                        "Thinking about the condition of the property or building you live in, "
                        "how satisfied or dissatisfied are you that {name} provides a home that "
                        "is safe?"
                    ),
                    cy=(
                        "Wrth feddwl am gyflwr yr eiddo neu’r adeilad rydych chi’n byw ynddo, "
                        "pa mor fodlon neu anfodlon ydych chi fod {name} yn darparu cartref "
                        "sy’n ddiogel?"
                    ),
                    offers_dont_know=True,
                ),
            ),
        ),
        SectionSpec(
            title=_("Being heard and treated fairly"),
            cy="Cael eich clywed a’ch trin yn deg",
            questions=(
                QuestionSpec(
                    "TP06",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you that {name} listens to your "
                        "views and acts upon them?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi fod {name} yn gwrando ar eich "
                        "barn ac yn gweithredu arni?"
                    ),
                    offers_dont_know=True,
                ),
                QuestionSpec(
                    "TP07",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you that {name} keeps you informed "
                        "about things that matter to you?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi fod {name} yn rhoi gwybod i chi "
                        "am bethau sy’n bwysig i chi?"
                    ),
                    offers_dont_know=True,
                ),
                QuestionSpec(
                    "TP08",
                    _A,
                    _(
                        "To what extent do you agree or disagree with the following: "
                        "“{name} treats me fairly and with respect”?"
                    ),
                    cy=(
                        "I ba raddau ydych chi’n cytuno neu’n anghytuno â’r canlynol: "
                        "“Mae {name} yn fy nhrin yn deg a gyda pharch”?"
                    ),
                    offers_dont_know=True,
                ),
                QuestionSpec(
                    COMPLAINED,
                    _Y,
                    _("Have you made a complaint to {name} in the last 12 months?"),
                    cy="Ydych chi wedi gwneud cwyn i {name} yn ystod y 12 mis diwethaf?",
                    choice_cy=_HAVE_I,
                ),
                QuestionSpec(
                    "TP09",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you with {name}’s approach to "
                        "complaints handling?"
                    ),
                    cy=("Pa mor fodlon neu anfodlon ydych chi â dull {name} o ymdrin â chwynion?"),
                    show_if=(COMPLAINED, ("yes",)),
                ),
            ),
        ),
        SectionSpec(
            title=_("Your building and neighbourhood"),
            cy="Eich adeilad a’ch cymdogaeth",
            questions=(
                QuestionSpec(
                    HAS_COMMUNAL_AREAS,
                    _Y,
                    _(
                        "Do you live in a building with communal areas, either inside or "
                        "outside, that {name} is responsible for maintaining?"
                    ),
                    cy=(
                        "Ydych chi’n byw mewn adeilad â mannau cymunol, naill ai y tu mewn "
                        "neu’r tu allan, y mae {name} yn gyfrifol am eu cynnal a’u cadw?"
                    ),
                    choice_cy=_HAVE_I,
                ),
                QuestionSpec(
                    "TP10",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you that {name} keeps these communal "
                        "areas clean and well maintained?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi fod {name} yn cadw’r mannau "
                        "cymunol hyn yn lân ac wedi’u cynnal a’u cadw’n dda?"
                    ),
                    show_if=(HAS_COMMUNAL_AREAS, ("yes",)),
                ),
                QuestionSpec(
                    "TP11",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you that {name} makes a positive "
                        "contribution to your neighbourhood?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi fod {name} yn gwneud cyfraniad "
                        "cadarnhaol i’ch cymdogaeth?"
                    ),
                    offers_dont_know=True,
                ),
                QuestionSpec(
                    "TP12",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you with {name}’s approach to "
                        "handling anti-social behaviour?"
                    ),
                    cy=(
                        "Pa mor fodlon neu anfodlon ydych chi â dull {name} o ymdrin ag "
                        "ymddygiad gwrthgymdeithasol?"
                    ),
                    offers_dont_know=True,
                ),
                QuestionSpec(
                    "COMMENTS",
                    Question.Kind.TEXT,
                    _("Is there anything else you would like to tell {name}?"),
                    cy="Oes unrhyw beth arall yr hoffech ei ddweud wrth {name}?",
                    required=False,
                ),
            ),
        ),
        ABOUT_YOU,
    ),
)


# --- The Guide's democratic-health questionnaire (chapter 5) --------------------------------

_M, _SINGLE, _T = Question.Kind.MULTIPLE, Question.Kind.SINGLE, Question.Kind.TEXT

DEMOCRATIC_HEALTH = TemplateSpec(
    key="democratic_health",
    name=_("How democratic are we? (the Guide's questionnaire)"),
    description=_(
        "The Guide's questions for the majority who do not come to meetings: do you know we "
        "exist, why don't you come to general meetings, how would you like to be consulted, "
        "can you make your views heard, are you happy with the way we operate."
    ),
    title=_("Having your say in {name}"),
    intro=_(
        "{name} is run by residents for residents. Most people never come to our meetings, "
        "and we want to hear from you too. This takes about five minutes."
    ),
    sections=(
        SectionSpec(
            title=_("Knowing about us"),
            questions=(
                QuestionSpec(
                    "DH01",
                    _Y,
                    _("Before today, did you know that {name} exists?"),
                    help=_("{name} manages services for your homes on behalf of residents."),
                ),
                QuestionSpec(
                    "DH02",
                    _Y,
                    _("Have you been to a general meeting of {name} in the last two years?"),
                    show_if=("DH01", ("yes",)),
                ),
                QuestionSpec(
                    "DH03",
                    _M,
                    _("Why have you not been to a general meeting?"),
                    help=_("Select all that apply."),
                    show_if=("DH02", ("no",)),
                    choices=_choices(
                        ("not_known", _("I did not know about them")),
                        ("times", _("The days or times do not suit me")),
                        ("caring_work", _("Work, childcare or caring for someone")),
                        ("health", _("My health or a disability makes it hard")),
                        ("language", _("Meetings are hard to follow in English")),
                        ("unwelcome", _("I would not feel welcome")),
                        ("no_difference", _("Going would not make a difference")),
                        ("content", _("I am happy with how things are run")),
                        ("not_interested", _("I am not interested")),
                        ("other", _("Another reason")),
                    ),
                ),
                QuestionSpec(
                    "DH03_OTHER",
                    _T,
                    _("What is the other reason?"),
                    required=False,
                    show_if=("DH03", ("other",)),
                ),
            ),
        ),
        SectionSpec(
            title=_("Being consulted"),
            questions=(
                QuestionSpec(
                    "DH04",
                    _M,
                    _("How would you like {name} to ask for your views?"),
                    help=_("Select all that apply."),
                    choices=_choices(
                        ("paper", _("A questionnaire through the door")),
                        ("door", _("Someone calling at my door")),
                        ("phone", _("A phone call")),
                        ("online", _("An online survey, by email or text message")),
                        ("newsletter", _("A newsletter with a reply slip")),
                        ("small_group", _("A small group discussion")),
                        ("drop_in", _("A drop-in session on the estate")),
                        ("general_meeting", _("A general meeting")),
                        ("social_media", _("Social media or a chat group")),
                    ),
                ),
                QuestionSpec(
                    "DH05",
                    _A,
                    _("“I am confident I can make my views heard by {name} when I want to.”"),
                    help=_("How much do you agree or disagree?"),
                ),
                QuestionSpec(
                    "DH06",
                    _Y,
                    _("Do you know how to make your views heard by {name}?"),
                ),
                QuestionSpec(
                    "DH07",
                    _S,
                    _("How satisfied or dissatisfied are you with the way {name} operates?"),
                ),
                QuestionSpec(
                    "DH08",
                    _SINGLE,
                    _("Would you like to be more involved in {name}?"),
                    choices=_choices(
                        ("yes", _("Yes")),
                        ("maybe", _("Maybe, if it fitted around my life")),
                        ("no", _("No")),
                    ),
                ),
                QuestionSpec(
                    "DH09",
                    _T,
                    _("Is there anything else you would like to tell us about how {name} is run?"),
                    required=False,
                ),
            ),
        ),
        ABOUT_YOU,
    ),
)


# --- Repair satisfaction --------------------------------------------------------------------

REPAIR_SATISFACTION = TemplateSpec(
    key="repair_satisfaction",
    name=_("Repair satisfaction"),
    description=_("A short survey after a repair: overall, time taken, right first time."),
    title=_("How was your repair?"),
    intro=_("Please tell us about the repair {name} did at your home. It takes two minutes."),
    sections=(
        SectionSpec(
            title=_("Your repair"),
            questions=(
                QuestionSpec(
                    "RS01",
                    _S,
                    _("How satisfied or dissatisfied are you with the repair overall?"),
                ),
                QuestionSpec(
                    "RS02",
                    _S,
                    _(
                        "How satisfied or dissatisfied are you with the time taken to complete "
                        "the repair after you reported it?"
                    ),
                ),
                QuestionSpec("RS03", _Y, _("Was the repair done right the first time?")),
                QuestionSpec(
                    "RS04",
                    _SINGLE,
                    _("Did the workers come when they said they would?"),
                    choices=_choices(
                        ("yes", _("Yes")),
                        ("no", _("No")),
                        ("no_appointment", _("No appointment was needed")),
                    ),
                ),
                QuestionSpec("RS05", _Y, _("Were the workers polite and respectful?")),
                QuestionSpec("RS06", _Y, _("Did they leave your home clean and tidy?")),
                QuestionSpec(
                    "RS07",
                    _SINGLE,
                    _("How easy or difficult was it to report the repair?"),
                    choices=_choices(
                        ("very_easy", _("Very easy")),
                        ("fairly_easy", _("Fairly easy")),
                        ("neither", _("Neither easy nor difficult")),
                        ("fairly_difficult", _("Fairly difficult")),
                        ("very_difficult", _("Very difficult")),
                    ),
                ),
                QuestionSpec(
                    "RS08",
                    _T,
                    _("Is there anything we could have done better?"),
                    required=False,
                ),
            ),
        ),
        ABOUT_YOU,
    ),
)


# --- A service-review consultation (the Guide's "consult", one of the four Cs) ---------------

SERVICE_REVIEW = TemplateSpec(
    key="service_review",
    name=_("Service review consultation"),
    description=_(
        "For a Best Value review of one service: how satisfied people are, what matters most, "
        "what works and what should change."
    ),
    title=_("Help us review the {service} service"),
    intro=_(
        "{name} is reviewing the {service} service and wants to know what you think before "
        "deciding what to change. It takes about five minutes."
    ),
    sections=(
        SectionSpec(
            title=_("The service now"),
            questions=(
                QuestionSpec(
                    "SR01",
                    _S,
                    _("How satisfied or dissatisfied are you with the {service} service?"),
                ),
                QuestionSpec(
                    "SR02",
                    _SINGLE,
                    _("Compared with two years ago, is the {service} service…"),
                    choices=_choices(
                        ("better", _("Better")),
                        ("same", _("About the same")),
                        ("worse", _("Worse")),
                        ("not_sure", _("Not sure")),
                    ),
                ),
                QuestionSpec(
                    "SR03",
                    _M,
                    _("What matters most to you about the {service} service?"),
                    help=_("Select up to three if you can."),
                    choices=_choices(
                        ("speed", _("It is done quickly")),
                        ("right_first_time", _("It is done well the first time")),
                        ("informed", _("Being kept informed")),
                        ("respect", _("Polite and respectful staff")),
                        ("easy_contact", _("Being easy to contact")),
                        ("value", _("Value for money")),
                        ("asked", _("Being asked what I think")),
                    ),
                ),
            ),
        ),
        SectionSpec(
            title=_("What should change"),
            questions=(
                QuestionSpec(
                    "SR04",
                    _T,
                    _("What works well about the {service} service?"),
                    required=False,
                ),
                QuestionSpec(
                    "SR05",
                    _T,
                    _("What should change about the {service} service?"),
                    required=False,
                ),
                QuestionSpec(
                    "SR06",
                    _Y,
                    _("Would you take part in a small group discussion about the review?"),
                    help=_("If you would, please contact {name}'s office."),
                    required=False,
                ),
            ),
        ),
        ABOUT_YOU,
    ),
)

TEMPLATES: dict[str, TemplateSpec] = {
    spec.key: spec for spec in (TSM, DEMOCRATIC_HEALTH, REPAIR_SATISFACTION, SERVICE_REVIEW)
}


def english(text: Text) -> str:
    with override("en-gb"):
        return str(text)


def welsh(text: Text, written: str = "") -> str:
    """The Welsh written here, else the Welsh catalogue's, else nothing (not translated)."""
    if written:
        return written
    with override("cy"):
        translated = str(text)
    return "" if translated == english(text) else translated


# Welsh for the fixed scales, as the Welsh catalogue words the same answers elsewhere.
SCALE_CY = {
    (Question.Kind.SATISFACTION, "very_satisfied"): "Bodlon iawn",
    (Question.Kind.SATISFACTION, "fairly_satisfied"): "Eithaf bodlon",
    (Question.Kind.SATISFACTION, "neither"): "Ddim yn fodlon nac yn anfodlon",
    (Question.Kind.SATISFACTION, "fairly_dissatisfied"): "Eithaf anfodlon",
    (Question.Kind.SATISFACTION, "very_dissatisfied"): "Anfodlon iawn",
    (Question.Kind.AGREEMENT, "strongly_agree"): "Cytuno’n gryf",
    (Question.Kind.AGREEMENT, "agree"): "Cytuno",
    (Question.Kind.AGREEMENT, "neither"): "Ddim yn cytuno nac yn anghytuno",
    (Question.Kind.AGREEMENT, "disagree"): "Anghytuno",
    (Question.Kind.AGREEMENT, "strongly_disagree"): "Anghytuno’n gryf",
    (Question.Kind.YES_NO, "yes"): "Ie",
    (Question.Kind.YES_NO, "no"): "Na",
}
DONT_KNOW_CY = "Amherthnasol neu ddim yn gwybod"


def scale_choices(kind: str, offers_dont_know: bool) -> list[ChoiceSpec]:
    """The fixed answers of a scale question, in the order the regulator sets them."""
    choices = [
        ChoiceSpec(value, label, SCALE_CY.get((kind, value), ""))
        for value, label in Question.SCALES.get(kind, ())
    ]
    if offers_dont_know:
        choices.append(ChoiceSpec(*DONT_KNOW, DONT_KNOW_CY))
    return choices
