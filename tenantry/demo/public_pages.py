"""The demo's public page: Kingsmead TMO publishes its page, with texts in its own words (made
up for the demo: not claims about a real organisation). Its figures, plans, scrutiny reports
and meetings come from the rest of the demo. Anyone can read it at /o/kingsmead-tmo/public/.
"""

from collections.abc import Callable

from tenantry.organisations.models import Organisation
from tenantry.reports import services

ORGANISATION = "kingsmead-tmo"

TEXTS = {
    "introduction": (
        "Kingsmead TMO is run by the people who live here. We are a tenant management "
        "organisation. The council owns the homes, and we look after them for it.\n\n"
        "Our committee is made up of tenants and leaseholders. You elect them at our "
        "meeting each year. Our staff work from the office on the estate.\n\n"
        "We do the repairs, clean the blocks, collect the rent and let empty homes. We "
        "also deal with complaints and with noise and nuisance."
    ),
    "how_to_join": (
        "Every tenant and leaseholder on the estate can join. It is free.\n\n"
        "Ask at the office, or send us an email. We will post you a form. Once you are a "
        "member, you can vote at our meetings and stand for the committee."
    ),
    "how_to_complain": (
        "Tell us first. Call the office, email us or drop in. We will write back within "
        "10 working days.\n\n"
        "If you are not happy with our answer, ask for a second look. A committee member "
        "will check it, and we will reply within 20 working days.\n\n"
        "If you are still not happy, you can ask the Housing Ombudsman to look at it. It "
        "is free."
    ),
    "contact_email": "hello@kingsmead-tmo.example.org",
    "contact_phone": "020 7946 0123",
    "contact_address": "Estate office, Mill Road, Northbrook",
    "show_contact": True,
}


def add_demo_public_pages(*, progress: Callable[[str], None] = lambda m: None) -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None:
        return
    services.save_public_page(organisation=organisation, by=None, **TEXTS)
    services.publish_public_page(organisation=organisation, by=None)
    progress("Kingsmead TMO's public page")
