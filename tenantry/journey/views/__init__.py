"""The journey's pages. A network's own pages exist only at a network's address
(`network_view`); a group's pages only for those who may work on it (`journey.access`)."""

from functools import wraps

from django.http import Http404

from tenantry.organisations.access import organisation_view


def network_view(rule):
    """`organisation_view(rule)` for a network's own pages: at any other organisation's address
    the page does not exist, even for a site administrator."""

    def decorate(view):
        @wraps(view)
        def in_a_network(request, *args, **kwargs):
            if not request.organisation.is_network:
                raise Http404
            return view(request, *args, **kwargs)

        return organisation_view(rule)(in_a_network)

    return decorate
