"""The public pages on tenant control: no sign-in, plain words (docs/journey.md)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..selectors_directory import stories


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/index.html", {"stories": stories()})


def forms(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/forms.html")


def services(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/services.html")


def what_it_takes(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/what_it_takes.html")
