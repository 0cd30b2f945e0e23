"""What a ballot looks like on screen and on paper: the results (with small estates' turnout
suppressed), the results certificate and the printed ballot papers with their QR codes."""

from datetime import date
from itertools import batched

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tenantry.core.pdf import pdf_of
from tenantry.core.privacy import too_few_to_show

from ..models.ballots import Ballot, BallotStatus, Voter
from .roll import code_for

PAPERS_PER_FILE = 200


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def result_context(ballot: Ballot) -> dict:
    """The figures of a counted ballot as pages and the certificate show them."""
    if ballot.status != BallotStatus.COUNTED or not ballot.result:
        return {"counted": False}
    result = ballot.result
    elected = set(result.get("elected") or [])
    winner = result.get("winner")
    valid = result["valid"]
    options = [
        o | {"share": _percent(o["votes"], valid), "elected": o["id"] in elected,
             "winner": o["id"] == winner}
        for o in result["options"]
    ]  # fmt: skip
    labels = {o["id"]: o["label"] for o in result["options"]}
    estates = [
        e | {"hidden": too_few_to_show(e["roll"]), "share": _percent(e["voted"], e["roll"])}
        for e in result["estates"]
    ]
    tie = result.get("tie")
    if tie:
        tie = tie | {
            "tied_labels": [labels.get(i, i) for i in tie["tied"]],
            "drawn_labels": [labels.get(i, i) for i in tie.get("drawn", [])],
        }
    return {
        "counted": True,
        "result": result,
        "options": options,
        "estates": estates,
        "turnout": _percent(result["voted"], result["roll"]),
        "tie": tie,
        "elected_labels": [labels.get(i, i) for i in result.get("elected") or []],
        "counted_on": date.fromisoformat(result["counted_on"]),
    }


def certificate_pdf(ballot: Ballot) -> bytes:
    context = {"ballot": ballot, "organisation": ballot.organisation, **result_context(ballot)}
    context["made_on"] = timezone.localdate()
    html = render_to_string("democracy/ballots/pdf/certificate.html", context)
    return pdf_of(html, kept=True)  # the same for everyone who asks: laid out once


def qr_code(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000", light="#fff")


def ballot_papers_pdf(ballot: Ballot, *, request, page: int = 1) -> bytes:
    """Paper ballots for voters who have not yet voted, `PAPERS_PER_FILE` a file, each with the
    voter's code and a QR code of the voting page with the code filled in."""
    voters = (
        Voter.objects.filter(ballot=ballot, mark__isnull=True)
        .select_related("resident", "household__home")
        .order_by("household__home__address", "resident__name")
    )
    # A page past the last gives the last (as lists do with ?page=).
    page = max(1, min(page, -(-voters.count() // PAPERS_PER_FILE)))
    chunk = list(voters[(page - 1) * PAPERS_PER_FILE : page * PAPERS_PER_FILE])
    base = request.build_absolute_uri(reverse("ballot:enter-code"))
    sheets = []
    for voter in chunk:
        code = code_for(voter)
        sheets.append(
            {"voter": voter, "code": code, "qr": qr_code(f"{base}?code={code}"), "url": base}
        )
    context = {
        "ballot": ballot,
        "organisation": ballot.organisation,
        "options": list(ballot.options.all()),
        "sheets": sheets,
        "batches": list(batched(sheets, 1)),
    }
    return pdf_of(render_to_string("democracy/ballots/pdf/papers.html", context))
