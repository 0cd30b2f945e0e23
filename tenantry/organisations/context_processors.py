from django.http import HttpRequest
from django.urls import reverse

from tenantry.core.menu import role_rules, sections


def navigation(request: HttpRequest) -> dict:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    here = request.path
    items = []
    for section in sections():
        if section.shown(organisation=organisation, roles=request.roles):
            url = reverse(section.url_name, args=[organisation.slug])
            active = here == url if section.exact else here.startswith(url)
            count = section.count(organisation) if section.count else None
            items.append({"label": section.label, "url": url, "active": active, "count": count})
    # `may.edit_organisation` and the like, for showing only the buttons a person can use.
    may = {name.removeprefix("can_"): rule(request.roles) for name, rule in role_rules().items()}
    return {"organisation": organisation, "roles": request.roles, "sections": items, "may": may}
