"""Demo themes: what Kingsmead TMO's residents keep raising, worked out from the demo's written
survey answers, complaints and criticisms raised at meetings (docs/themes.md)."""

from collections.abc import Callable

from tenantry.organisations.models import Organisation
from tenantry.reports.themes_models import ThemeRun
from tenantry.reports.themes_services import work_out

ORGANISATION = "kingsmead-tmo"


def add_demo_themes(*, progress: Callable[[str], None] = lambda m: None) -> int:
    """Work the themes out once, in this process; returns how many themes were found."""
    organisation = Organisation.objects.get(slug=ORGANISATION)
    if ThemeRun.objects.filter(organisation=organisation).exists():
        return 0
    progress("Working out what Kingsmead TMO's residents keep raising…")
    run = ThemeRun.objects.create(organisation=organisation)
    work_out(run)
    run.refresh_from_db()
    found = run.themes.count()
    progress(f"{found} themes in {run.comments:,} comments")
    return found
