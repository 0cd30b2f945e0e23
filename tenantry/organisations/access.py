"""Loading an organisation for a view with Tenantry's isolation rule applied.

Another organisation's page is a 404 exactly like one that does not exist; the right
organisation with the wrong role is a 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Roles

from .models import Organisation
from .selectors import roles_in, with_services_delegated


class OrgRequest(HttpRequest):
    """A request inside one organisation: who asks, where, and in what roles."""

    user: User
    organisation: Organisation
    roles: Roles


def organisation_for(
    *, user: User, slug: str, rule: Callable[[Roles], bool]
) -> tuple[Organisation, Roles]:
    """The organisation `slug` names and the roles `user` holds there, if they may see it
    (404 otherwise, like one that does not exist) and `rule` allows those roles (403): what
    every page and API route inside an organisation asks first."""
    organisation = get_object_or_404(
        with_services_delegated(
            Organisation.objects.select_related("landlord"), on=timezone.localdate()
        ),
        slug=slug,
    )
    roles = roles_in(user=user, organisation=organisation)
    if not roles:
        raise Http404
    if not rule(roles):
        raise PermissionDenied
    return organisation, roles


def organisation_view(rule: Callable[[Roles], bool]):
    """Resolve `<slug>` to an organisation the user may see, then check `rule` on their roles."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, *args, **kwargs) -> HttpResponse:
            organisation, roles = organisation_for(user=request.user, slug=slug, rule=rule)
            request.organisation = organisation
            request.roles = roles
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def object_in[M: Model](
    organisation: Organisation,
    queryset: QuerySet[M] | type[M],
    *,
    via: str = "organisation",
    **lookup,
) -> M:
    """The object matching `lookup` that belongs to `organisation`, reached through the foreign
    key path `via` (`"organisation"`, `"survey__organisation"`, ...).

    Another organisation's object is a 404 exactly like one that does not exist, so a view can
    load and check access in one step: `object_in(request.organisation, Survey, pk=pk)`.
    """
    if not isinstance(queryset, QuerySet):
        queryset = queryset._default_manager.all()
    found = get_object_or_404(queryset.filter(**{via: organisation}), **lookup)
    if via == "organisation":
        # Its organisation is the one in hand: a page that names it does not read it again.
        found._meta.get_field("organisation").set_cached_value(found, organisation)
    return found
