from .views import (
    benchmarks,
    entry,
    exports,
    indicator,
    interventions,
    local,
    monitoring,
    performance,
    portfolio,
    targets,
)

app_name = "indicators"
urlpatterns = [
    # The performance pages first: "performance/<code>/" would otherwise take their addresses.
    *performance.urlpatterns,
    *local.urlpatterns,
    *exports.urlpatterns,
    *entry.urlpatterns,
    *indicator.urlpatterns,
    *targets.urlpatterns,
    *monitoring.urlpatterns,
    *portfolio.urlpatterns,
    *interventions.urlpatterns,
    *benchmarks.urlpatterns,
]
