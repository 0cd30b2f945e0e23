"""A member's own groups: the list of groups they belong to, and a small page for one (the
group's own journey pages hang under it)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors_groups as selectors
from ..access import group_view


@login_required
def my_groups(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/my_groups.html", {"groups": selectors.groups_of(request.user)})


@login_required
@group_view
def group(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/group.html", {"group": request.group})
