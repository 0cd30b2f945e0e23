"""A member's own groups: the list of groups they belong to, each linking to its journey
tracker (views/tracker.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors_groups as selectors


@login_required
def my_groups(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/my_groups.html", {"groups": selectors.groups_of(request.user)})
