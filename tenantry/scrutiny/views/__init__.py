"""The scrutiny app's pages. A panel's own pages are only at a panel's address (`panel_view`)."""

from functools import wraps

from django.http import Http404

from tenantry.organisations.access import organisation_view

from ..navigation import is_panel


def panel_view(rule):
    """`organisation_view(rule)` for a panel's own pages: at any other organisation's address
    (a landlord, a TMO) the page does not exist, even for a site administrator."""

    def decorate(view):
        @wraps(view)
        def in_a_panel(request, *args, **kwargs):
            if not is_panel(request.organisation):
                raise Http404
            return view(request, *args, **kwargs)

        return organisation_view(rule)(in_a_panel)

    return decorate
