"""The draft of a meeting's minutes, written from its record: when and where, who came and who
sent apologies, the quorum, the notice given, the agenda, each motion and its outcome, and the
criticisms and questions raised. The committee edits it; approved, it is locked."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import meeting_selectors as selectors
from .models import AttendanceMode, Meeting, Outcome


def _names(attendances) -> str:
    return ", ".join(a.membership.resident.name for a in attendances)


def draft(meeting: Meeting) -> str:
    """The minutes of `meeting` as plain text, from what was recorded of it."""
    constitution = selectors.constitution_of(meeting.organisation)
    day = formats.date_format(meeting.day, "l j F Y")
    lines = [
        _("Minutes of the %(meeting)s of %(organisation)s")
        % {"meeting": meeting.name, "organisation": meeting.organisation.name},
        "",
    ]
    where = [p for p in (meeting.place, _("online") if meeting.online_link else "") if p]
    when = day
    if meeting.starts_at:
        when += " " + _("at %(time)s") % {"time": formats.time_format(meeting.starts_at, "H:i")}
    lines.append(
        _("Held on %(when)s") % {"when": when} + (f", {' / '.join(where)}." if where else ".")
    )

    attendances = list(selectors.attendance_of(meeting))
    members = [a for a in attendances if a.membership_id]
    in_person = [a for a in members if a.mode == AttendanceMode.IN_PERSON]
    online = [a for a in members if a.mode == AttendanceMode.ONLINE]
    apologies = [a for a in members if a.mode == AttendanceMode.APOLOGIES]
    observers = [a for a in attendances if not a.membership_id]
    lines.append("")
    here = len(in_person) + len(online)
    lines.append(
        ngettext(
            "Present: %(n)s member (%(in_person)s in person, %(online)s online).",
            "Present: %(n)s members (%(in_person)s in person, %(online)s online).",
            here,
        )
        % {"n": here, "in_person": len(in_person), "online": len(online)}
    )
    if not meeting.is_general and in_person + online:
        lines.append(_names(in_person + online) + ".")
    if observers:
        lines.append(
            ngettext(
                "%(n)s observer (not a member).", "%(n)s observers (not members).", len(observers)
            )
            % {"n": len(observers)}
        )
    lines.append(
        _("Apologies: %(names)s.") % {"names": _names(apologies)}
        if apologies
        else _("Apologies: none.")
    )
    count = selectors.quorum_of(meeting=meeting, constitution=constitution)
    quorate = _("The meeting was quorate.") if count.quorate else _("The meeting was not quorate.")
    if meeting.is_general:
        lines.append(
            _(
                "Quorum: %(total)s counted (%(present)s present and %(proxies)s proxies) "
                "of %(needed)s needed."
            )
            % {
                "total": count.total,
                "present": count.present,
                "proxies": count.proxies,
                "needed": count.needed,
            }
            + " "
            + quorate
        )
    else:
        lines.append(
            _("Quorum: %(total)s committee members present of %(needed)s needed.")
            % {"total": count.total, "needed": count.needed}
            + " "
            + quorate
        )
    status = selectors.notice_status(meeting=meeting, constitution=constitution)
    if status.given_on:
        lines.append(
            _(
                "Notice: given on %(day)s, %(given)s clear days "
                "(the constitution asks for %(asked)s)."
            )
            % {
                "day": formats.date_format(status.given_on, "j F Y"),
                "given": status.days_given,
                "asked": status.clear_days,
            }
        )
    agenda = list(meeting.agenda.all())
    if agenda:
        lines += ["", _("Agenda")]
        lines += [f"{n}. {item.title}" for n, item in enumerate(agenda, 1)]
    motions = list(
        meeting.motions.select_related("proposer__resident", "seconder__resident", "amends")
    )
    if motions:
        lines += ["", _("Motions")]
        for n, motion in enumerate(motions, 1):
            head = f"{n}. {motion.title} ({motion.get_kind_display().lower()})"
            if motion.amends_id:
                head += " — " + _("an amendment to “%(title)s”") % {"title": motion.amends.title}
            lines.append(head)
            if motion.proposer_id:
                who = _("Proposed by %(proposer)s") % {"proposer": motion.proposer.resident.name}
                if motion.seconder_id:
                    who += _(", seconded by %(seconder)s") % {
                        "seconder": motion.seconder.resident.name
                    }
                lines.append("   " + who + ".")
            lines.append(f"   “{motion.text}”")
            if motion.outcome != Outcome.PENDING:
                lines.append("   " + motion.outcome_text)
    raised = list(meeting.criticisms.all())
    if raised:
        lines += ["", _("Criticisms and questions raised")]
        for item in raised:
            lines.append(
                "- "
                + item.text
                + " "
                + _("(%(kind)s; %(owner)s to answer by %(day)s.)")
                % {
                    "kind": item.get_kind_display().lower(),
                    "owner": item.owner,
                    "day": formats.date_format(item.due_on, "j F Y"),
                }
            )
    return "\n".join(lines) + "\n"
