"""The easy-read version of an annual report: short sentences, one idea a line, a picture
beside each line where one helps.

The lines are written from the report's snapshot (so they say what the full report says) and
end with what the committee wrote for the easy-read section, one line per line it typed. A
share is said as "7 in 10", which more people read easily than "72%", and drawn as ten people
with seven of them coloured in (`tenths`). Mencap's "Make it clear" guide and the
Department of Health's easy-read guidance are behind the choices (docs/annual-report.md).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The measures tenants are asked about most, in the words an easy-read reader knows.
HAPPY_WITH = {
    "TP01": lambda n: _("%(n)s in 10 tenants are happy with our service.") % {"n": n},
    "TP02": lambda n: _("%(n)s in 10 tenants are happy with repairs.") % {"n": n},
    "TP05": lambda n: _("%(n)s in 10 tenants feel their home is safe.") % {"n": n},
    "TP06": lambda n: _("%(n)s in 10 tenants say we listen to them.") % {"n": n},
    "TP09": lambda n: (
        _("%(n)s in 10 tenants who complained are happy with how we did it.") % {"n": n}
    ),
}


@dataclass(frozen=True)
class Line:
    icon: str  # the name of a picture in reports/annual/_icon.html; "" for none
    text: str
    tenths: int | None = None  # draw "n in 10" as ten people


def in_tens(value: float) -> int:
    """A percentage as "n in 10", rounded half up: 72.4 is 7, 75 is 8."""
    return int((Decimal(str(value)) / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def lines_of(figures: dict, committee_text: str) -> list[Line]:
    """The easy-read report's lines, in the language active, from one language's snapshot."""
    lines = [
        Line("book", _("This is our report for %(year)s.") % {"year": figures["year"]}),
        Line("", _("It tells you how we did this year.")),
    ]
    by_code = {row["code"]: row for row in figures["satisfaction"]}
    asked = [code for code in HAPPY_WITH if by_code.get(code, {}).get("value") is not None]
    if asked:
        lines.append(Line("speech", _("We asked tenants what they think.")))
        for code in asked:
            n = in_tens(by_code[code]["value"])
            lines.append(Line("people", HAPPY_WITH[code](n), tenths=n))
    targets = figures["targets"]
    if targets["total"]:
        total = targets["total"]
        lines.append(
            Line(
                "target",
                ngettext("We had %(n)s target.", "We had %(n)s targets.", total) % {"n": total},
            )
        )
        lines.append(Line("tick", _("We met %(n)s of them.") % {"n": targets["met"]}))
        if targets["missed"] + targets["near"]:
            lines.append(
                Line(
                    "cross",
                    _("We did not meet %(n)s.") % {"n": targets["missed"] + targets["near"]},
                )
            )
    if figures["you_said"]:
        said = len(figures["you_said"])
        lines.append(
            Line(
                "speech",
                ngettext("You told us about %(n)s thing.", "You told us about %(n)s things.", said)
                % {"n": said},
            )
        )
        lines.append(Line("tick", _("We said what we did about each one.")))
    money = figures["money"]
    if money:
        lines.append(Line("money", _("We spent %(spent)s to run our services.") % {
            "spent": money["total"][2]
        }))  # fmt: skip
        if money["per_home"]:
            lines.append(
                Line("", _("That is %(each)s for each home.") % {"each": money["per_home"]})
            )
    democracy = figures["democracy"]
    if democracy:
        if democracy["households"]:
            lines.append(
                Line(
                    "people",
                    ngettext(
                        "%(n)s home is a member.", "%(n)s homes are members.", democracy["members"]
                    )
                    % {"n": democracy["members"]},
                )
            )
        if democracy["meetings"]:
            lines.append(
                Line(
                    "meeting",
                    ngettext(
                        "We held %(n)s big meeting for all members.",
                        "We held %(n)s big meetings for all members.",
                        democracy["meetings"],
                    )
                    % {"n": democracy["meetings"]},
                )
            )
    for typed in committee_text.splitlines():
        if typed.strip():
            lines.append(Line("star", typed.strip()))
    lines.append(Line("phone", _("Ask us if you want this in another way.")))
    return lines


def plain_text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)
