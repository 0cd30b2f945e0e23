"""The Housing Ombudsman's Complaint Handling Code as data: its sections, and the "must"
provisions of the annual self-assessment that Tenantry lists.

Source: Housing Ombudsman, Complaint Handling Code, in force (statutory) from 1 April 2024.
The wording here is a short plain-English paraphrase of each provision, not the Code's own
text: the self-assessment form names the provision by its number, so a reader can check it
against the Code. Only provisions whose numbers were checked against published self-assessments
made on the 2024 Code are listed; the stage 2 response timescale and its extension are shown in
the annual report's figures instead (docs/complaint-handling.md says why).

`evidenced` names the figure from Tenantry's complaint records that bears on the provision
(`complaints_figures.provision_evidence`); None means the landlord answers it from its own
policy, training and practice, which Tenantry does not hold.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CODE_NAME = _("Housing Ombudsman Complaint Handling Code")
CODE_VERSION = "2024"
CODE_IN_FORCE = _("1 April 2024")


@dataclass(frozen=True)
class Provision:
    code: str  # the Code's own number, "6.2"
    section: int
    wording: str
    evidenced: str | None = None  # the figure from the records that bears on it


SECTIONS = {
    1: _("Definition of a complaint"),
    2: _("Exclusions"),
    3: _("Accessibility and awareness"),
    4: _("Complaint handling staff"),
    5: _("The complaint handling process"),
    6: _("Complaints stages"),
    7: _("Putting things right"),
    8: _("Self-assessment, reporting and compliance"),
    9: _("Scrutiny and oversight: continuous learning and improvement"),
}

PROVISIONS = (
    Provision("1.2", 1, _(
        "A complaint is defined as an expression of dissatisfaction, however made, about the "
        "standard of service, actions or lack of action by the landlord, its staff or those "
        "acting for it, affecting a resident or group of residents."
    )),
    Provision("1.3", 1, _(
        "Residents need not use the word “complaint”. Whenever a resident is "
        "dissatisfied they are offered the choice to complain, and a complaint made through a "
        "representative is handled under the same policy."
    )),
    Provision("1.4", 1, _(
        "The landlord tells a service request (a request to put something right) from a "
        "complaint, says so in its policy, and records, monitors and reviews service requests."
    )),
    Provision("2.1", 2, _(
        "A complaint is accepted unless there is a valid reason not to; each is considered on "
        "its own merits, and a refusal's reasons can be shown."
    )),
    Provision("2.2", 2, _(
        "The policy says, fairly, when a matter will not be taken as a complaint or escalated, "
        "for example an issue over twelve months old, one in court, or one already considered."
    )),
    Provision("2.3", 2, _(
        "Complaints made within 12 months of the issue, or of the resident learning of it, are "
        "accepted; the landlord considers accepting later ones where there is good reason."
    )),
    Provision("2.4", 2, _(
        "When a complaint is not accepted, the resident is told why and that they may take "
        "that decision to the Ombudsman."
    )),
    Provision("3.1", 3, _(
        "Residents can complain in different ways, and the landlord meets its Equality Act 2010 "
        "duties, anticipating the reasonable adjustments residents may need."
    )),
    Provision("3.2", 3, _(
        "Residents can complain in any way and to any member of staff; all staff know the "
        "process and can pass a complaint to the right person."
    )),
    Provision("4.1", 4, _(
        "A person or team (the complaints officer) is responsible for complaint handling, "
        "for dealing with the Ombudsman and for reporting complaints to the governing body."
    )),
    Provision("4.2", 4, _(
        "The complaints officer can reach staff at all levels and has the authority to resolve "
        "complaints promptly and fairly."
    )),
    Provision("4.3", 4, _(
        "Complaint handling and learning from complaints are a priority: relevant staff are "
        "trained, and complaints are resourced as a core service."
    )),
    Provision("5.1", 5, _(
        "There is a single complaints policy, and residents are not treated differently "
        "because they complain."
    )),
    Provision("5.2", 5, _(
        "There are no extra named stages, such as a “stage 0” or an informal "
        "complaint."
    )),
    Provision("5.3", 5, _("The process never has more than two stages.")),
    Provision("5.4", 5, _(
        "Where a contractor or other third party handles a complaint, it is part of the same "
        "two stages; residents do not go through two processes."
    )),
    Provision("6.1", 6, _(
        "There is a process to decide which complaints can be answered early and which need "
        "investigation, considering complexity and whether the resident is vulnerable."
    )),
    Provision("6.2", 6, _(
        "A stage 1 complaint is acknowledged, defined and logged within 5 working days of "
        "being received."
    ), evidenced="stage1_acknowledged"),
    Provision("6.3", 6, _(
        "A full stage 1 response is sent within 10 working days of the acknowledgement."
    ), evidenced="stage1_answered"),
    Provision("6.4", 6, _(
        "Any extension at stage 1 is decided on the complaint's complexity, the resident is "
        "told, and it is no more than 10 further working days without good reason."
    ), evidenced="stage1_extended"),
    Provision("6.10", 6, _(
        "A complaint not resolved to the resident's satisfaction at stage 1 goes on to stage 2, "
        "the landlord's final response."
    ), evidenced="escalated"),
    Provision("6.11", 6, _(
        "A request for stage 2 is acknowledged, defined and logged within 5 working days of "
        "being received."
    ), evidenced="stage2_acknowledged"),
    Provision("6.12", 6, _(
        "Residents are not asked to explain why they want stage 2; the landlord makes "
        "reasonable efforts to understand why they remain unhappy."
    )),
    Provision("6.13", 6, _(
        "The person who considers a complaint at stage 2 is not the person who considered it "
        "at stage 1."
    )),
    Provision("7.1", 7, _(
        "Where something has gone wrong the landlord says so and sets out what it has done, or "
        "will do, to put it right: an apology, an explanation, a changed decision or record, "
        "a financial remedy or a changed policy."
    )),
    Provision("7.2", 7, _(
        "Any remedy reflects the impact of the fault on the resident."
    )),
    Provision("7.3", 7, _(
        "A remedy offer says what will happen and by when, agreed with the resident where "
        "appropriate, and is followed through to completion."
    )),
    Provision("7.4", 7, _(
        "The landlord takes account of the Ombudsman's guidance on remedies."
    )),
    Provision("8.1", 8, _(
        "The landlord produces an annual complaints performance and service improvement "
        "report, including this self-assessment, an analysis of its complaint handling, any "
        "Ombudsman findings of non-compliance and the improvements made from learning."
    ), evidenced="report"),
    Provision("8.2", 8, _(
        "The report goes to the governing body and is published on the landlord's website "
        "with the governing body's response alongside it."
    ), evidenced="approval"),
    Provision("9.1", 9, _(
        "The landlord looks beyond each complaint and considers whether learning from it can "
        "improve services."
    )),
    Provision("9.2", 9, _(
        "Complaints are used as a source of intelligence to find problems and change services "
        "for the better."
    )),
    Provision("9.3", 9, _(
        "The landlord reports wider learning and improvements from complaints to residents, "
        "staff and scrutiny panels."
    )),
    Provision("9.4", 9, _(
        "A suitably senior person is accountable for complaint handling and looks at themes "
        "and trends for systemic problems, risks and policies that need revising."
    )),
)  # fmt: skip

BY_CODE = {provision.code: provision for provision in PROVISIONS}


def provisions_by_section() -> list[tuple[int, str, list[Provision]]]:
    """The sections in order, each with its listed provisions (a section may have none)."""
    return [
        (number, title, [p for p in PROVISIONS if p.section == number])
        for number, title in SECTIONS.items()
    ]
