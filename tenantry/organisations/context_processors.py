from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenantry.core import permissions as can


def _lives_there_only(roles) -> bool:
    # Those who run the organisation reach their own repairs from their home page instead.
    return can.can_report_as_resident(roles) and not can.can_view_management(roles)


RULES = {name: rule for name, rule in vars(can).items() if name.startswith("can_")}

# (label, url name, rule): the organisation's sections, shown to those whose roles allow them.
SECTIONS = [
    (_("Home"), "reports:organisation-home", can.can_view_organisation),
    (_("Performance"), "indicators:performance", can.can_view_performance),
    (_("Estates and homes"), "homes:estates", can.can_view_management),
    (_("Services"), "services:records", can.can_view_service_records),
    (_("Surveys"), "surveys:surveys", can.can_view_surveys),
    (_("Your repairs"), "services:my-repairs", lambda roles: _lives_there_only(roles)),
    (_("Your complaints"), "services:my-complaints", lambda roles: _lives_there_only(roles)),
    (_("Agreements"), "organisations:agreements", can.can_view_agreements),
    (_("People"), "organisations:people", can.can_view_people),
    (_("History"), "organisations:history", can.can_view_history),
    (_("About"), "organisations:detail", can.can_view_organisation),
]


def navigation(request: HttpRequest) -> dict:
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    here = request.path
    items = []
    for label, name, rule in SECTIONS:
        if rule(request.roles):
            url = reverse(name, args=[organisation.slug])
            active = here == url if name == "reports:organisation-home" else here.startswith(url)
            items.append({"label": label, "url": url, "active": active})
    # `may.edit_organisation` and the like, for showing only the buttons a person can use.
    may = {name.removeprefix("can_"): rule(request.roles) for name, rule in RULES.items()}
    return {"organisation": organisation, "roles": request.roles, "sections": items, "may": may}
