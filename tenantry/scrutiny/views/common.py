"""What the scrutiny pages share: a form page that calls one service and goes back."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest


def form_page(
    request: OrgRequest,
    form,
    *,
    heading: str,
    button: str,
    back: tuple[str, str],
    save: Callable[[dict], object],
    done: str,
    then: str | None = None,
    intro: str = "",
    caption: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST call `save(cleaned_data)` (a service), say `done` and go to
    `then` (or back). A refusal is shown on the form, keeping what was typed."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(then or back[0])
    return render(
        request,
        "scrutiny/form.html",
        {
            "form": form,
            "heading": heading,
            "button": button,
            "back_url": back[0],
            "back_label": back[1],
            "intro": intro,
            "caption": caption,
        },
        status=form_status(form),
    )
