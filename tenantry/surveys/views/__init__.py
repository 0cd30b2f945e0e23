from tenantry.organisations.access import OrgRequest, object_in

from ..models import Survey


def survey_in(request: OrgRequest, pk: int) -> Survey:
    """The organisation's survey `pk`; another organisation's is a 404, like one not there."""
    return object_in(request.organisation, Survey, pk=pk)
