"""What `tenantry demo` adds to a generated landlord: the demo's surveys, each organisation's
democracy (demo/democracy.py), Kingsmead's Best Value reviews (demo/reviews.py) and budgets
(budgets/demo.py), the grant programmes on the council's list (demo/journey.py), the scrutiny
panel's work and reports (demo/scrutiny.py, demo/scrutiny_reports.py), Kingsmead's public
page (demo/public_pages.py), the demo
people's own reports and complaint, the indicators' results and the monitoring of the
agreements.

The page benchmark (bench/pages.py) adds the same to a database `tenantry generate` made, so
every demo login's every page has something to show at any size.
"""

from collections.abc import Callable
from datetime import date

from tenantry.budgets.demo import add_demo_budgets
from tenantry.demo.annual_reports import add_demo_annual_reports
from tenantry.demo.api_tokens import add_demo_api_tokens
from tenantry.demo.ballots import add_demo_ballots
from tenantry.demo.complaints_reports import add_demo_complaints_reports
from tenantry.demo.democracy import add_demo_democracy
from tenantry.demo.elections import add_demo_elections
from tenantry.demo.indicators import compute_demo_results
from tenantry.demo.journey import add_demo_grants
from tenantry.demo.journey_directory import add_demo_directory
from tenantry.demo.journey_groups import add_demo_groups
from tenantry.demo.journey_tracker import add_demo_journey_trackers
from tenantry.demo.journey_training import add_demo_training
from tenantry.demo.meetings import add_demo_meetings
from tenantry.demo.network import add_demo_network
from tenantry.demo.newsletters import add_demo_newsletters
from tenantry.demo.online import (
    add_demo_answered_complaint,
    add_demo_reports,
    add_demo_resident_survey,
)
from tenantry.demo.participatory import add_demo_participatory
from tenantry.demo.public_pages import add_demo_public_pages
from tenantry.demo.reviews import add_demo_reviews, keep_demo_figures
from tenantry.demo.reviews_inspection import add_demo_inspection
from tenantry.demo.reviews_plans import add_demo_plans
from tenantry.demo.scrutiny import add_demo_scrutiny
from tenantry.demo.scrutiny_reports import add_demo_scrutiny_reports
from tenantry.demo.surveys import add_demo_surveys
from tenantry.demo.themes import add_demo_themes
from tenantry.indicators.demo import add_demo_monitoring
from tenantry.organisations.models import Organisation


def finish_demo(*, records: bool = True, progress: Callable[[str], None] = lambda m: None) -> None:
    add_demo_surveys(progress=progress)
    add_demo_resident_survey(progress=progress)
    add_demo_democracy(progress=progress)
    add_demo_meetings(progress=progress)
    add_demo_ballots(progress=progress)
    add_demo_elections(progress=progress)
    add_demo_reviews(progress=progress)
    add_demo_plans(progress=progress)
    add_demo_inspection(progress=progress)
    add_demo_grants(progress=progress)
    add_demo_network(progress=progress)
    add_demo_groups(progress=progress)
    add_demo_journey_trackers(progress=progress)
    add_demo_directory(progress=progress)
    add_demo_training(progress=progress)
    add_demo_budgets(progress=progress)
    add_demo_participatory(progress=progress)
    add_demo_scrutiny(progress=progress)
    add_demo_scrutiny_reports(progress=progress)
    add_demo_api_tokens(progress=progress)
    add_demo_public_pages(progress=progress)
    if not records:
        add_demo_newsletters(progress=progress)
        return
    add_demo_reports(progress=progress)
    add_demo_answered_complaint()
    add_demo_complaints_reports(progress=progress)
    add_demo_themes(progress=progress)
    progress("Working out the indicators…")
    landlord = Organisation.objects.get(slug="northbrook-council")
    stored = compute_demo_results(landlord=landlord, as_of=date.today())
    progress(f"{stored:,} results")
    add_demo_monitoring(landlord)
    keep_demo_figures()
    # After the results, so the newsletter can pick a figure.
    add_demo_newsletters(progress=progress)
    add_demo_annual_reports(progress=progress)
