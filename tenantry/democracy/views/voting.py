"""Voting online with the code on a ballot paper, without signing in: enter the code, choose,
check, confirm. The code travels only in the form posts (never in a link, a log or a session),
and too many wrong codes from one place are slowed down."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tenantry.core import query
from tenantry.core.clients import client_address

from .. import ballots as engine
from ..ballots.casting import MESSAGES, is_open
from ..ballots.codes import hash_code, normalise
from ..ballots.forms import CodeForm, choice_form
from ..models import Election
from ..models.ballots import BallotKind, BallotStatus, Channel, CountingRule, RefusalReason, Voter
from .elections import candidates_shown

FAILURES_ALLOWED = 20  # wrong codes per address per quarter hour
FAILURE_WINDOW = 15 * 60


def _failures_key(request: HttpRequest) -> str:
    return f"ballot-code-failures:{client_address(request)}"


def _note_failure(request: HttpRequest) -> None:
    key = _failures_key(request)
    cache.add(key, 0, FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, FAILURE_WINDOW)


def _voter(code: str) -> Voter | None:
    """The roll entry for a code, in a ballot whose roll is frozen."""
    if not normalise(code):
        return None
    return (
        Voter.objects.filter(code_hash=hash_code(code), ballot__status=BallotStatus.OPEN)
        .select_related("ballot__organisation")
        .first()
    )


@never_cache
def vote(request: HttpRequest) -> HttpResponse:
    """One address for every step; the step and the code come with each post."""
    code_form = CodeForm(
        request.POST or None, initial={"code": query.text(request.GET, "code")[:40]}
    )
    if request.method != "POST":
        return render(request, "democracy/vote/enter_code.html", {"form": code_form})
    if cache.get(_failures_key(request), 0) >= FAILURES_ALLOWED:
        return render(request, "democracy/vote/slow_down.html", status=429)
    if not code_form.is_valid():
        return render(request, "democracy/vote/enter_code.html", {"form": code_form})
    code = code_form.cleaned_data["code"]
    voter = _voter(code)
    if voter is None:
        _note_failure(request)
        code_form.add_error("code", MESSAGES[RefusalReason.UNKNOWN_CODE])
        return render(request, "democracy/vote/enter_code.html", {"form": code_form})
    ballot = voter.ballot
    context = {"ballot": ballot, "code": code, "organisation_name": ballot.organisation.name}
    if not is_open(ballot) or not ballot.online:
        return render(request, "democracy/vote/closed.html", context)
    if hasattr(voter, "mark"):
        return render(request, "democracy/vote/already.html", context)
    step = query.text(request.POST, "step")
    form = choice_form(ballot, request.POST if step in ("choose", "cast") else None)
    if step in ("choose", "cast") and form.is_valid():
        chosen = form.cleaned_data["choice_list"]
        if step == "cast":
            try:
                engine.cast_vote(ballot=ballot, channel=Channel.ONLINE, voter=voter, choices=chosen)
            except ValidationError as error:
                if error.code == RefusalReason.ALREADY_VOTED:
                    return render(request, "democracy/vote/already.html", context)
                form.add_error(None, error)
            else:
                return redirect("ballot:voted")
        else:
            options = {o.pk: o for o in ballot.options.all()}
            context |= {
                "form": form,
                "chosen": [options[c].label for c in chosen],
                "choice_ids": chosen,
            }
            if ballot.rule == CountingRule.WITHIN_BUDGET:
                context["total_cost"] = sum(options[c].cost or 0 for c in chosen)
            return render(request, "democracy/vote/check.html", context)
    context |= {
        "form": form,
        "tried": step in ("choose", "cast"),
        "candidates": _candidates(ballot),
    }
    return render(request, "democracy/vote/choose.html", context)


def _candidates(ballot) -> list:
    """An election's candidates with their statements and photos, for the voter to read."""
    if ballot.kind != BallotKind.ELECTION:
        return []
    election = Election.objects.filter(ballot=ballot).first()
    return candidates_shown(election) if election else []


@never_cache
def voted(request: HttpRequest) -> HttpResponse:
    return render(request, "democracy/vote/voted.html", {"title": _("Your vote is recorded")})


urlpatterns = [
    path("", vote, name="enter-code"),
    path("voted/", voted, name="voted"),
]
