from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from tenantry.api import urls as api_urls
from tenantry.core import views as core_views
from tenantry.organisations import views as organisation_views
from tenantry.organisations.auth import LoginView
from tenantry.reports import views as report_views

urlpatterns = [
    path("", report_views.index, name="index"),
    path("o/<slug:slug>/", include("tenantry.reports.urls")),
    path("o/<slug:slug>/", include("tenantry.organisations.urls")),
    path("o/<slug:slug>/", include("tenantry.homes.urls")),
    path("o/<slug:slug>/", include("tenantry.records.urls")),
    path("o/<slug:slug>/", include("tenantry.indicators.urls")),
    path("o/<slug:slug>/", include("tenantry.surveys.urls")),
    path("o/<slug:slug>/", include("tenantry.democracy.urls")),
    path("o/<slug:slug>/", include("tenantry.reviews.urls")),
    path("o/<slug:slug>/", include("tenantry.scrutiny.urls")),
    path("o/<slug:slug>/", include("tenantry.budgets.urls")),
    path("o/<slug:slug>/", include("tenantry.journey.network_urls")),
    path("o/<slug:slug>/", include("tenantry.journey.profile_urls")),
    path("o/<slug:slug>/", include("tenantry.journey.training_urls")),
    path("survey/", include("tenantry.surveys.public_urls")),
    path("ballot/", include("tenantry.democracy.public_urls")),
    path("plans/", include("tenantry.reviews.public_urls")),
    path("tenant-control/training/", include("tenantry.journey.learning_urls")),
    path("tenant-control/", include("tenantry.journey.urls")),
    path("you-said-we-did/", include("tenantry.scrutiny.public_urls")),
    path("public/", include("tenantry.reports.public_urls")),
    path("annual-report/", include("tenantry.reports.annual_public_urls")),
    path("language/", set_language, name="set-language"),
    path("account/email/", organisation_views.email_settings, name="email-settings"),
    path("accounts/login/", LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", core_views.healthz, name="healthz"),
    # The open API, its version in the path (docs/api.md), and the person's API tokens.
    *api_urls.api_urlpatterns,
    *api_urls.account_urlpatterns,
]

handler400 = "tenantry.core.views.bad_request"
handler403 = "tenantry.core.views.permission_denied"
handler404 = "tenantry.core.views.page_not_found"
handler500 = "tenantry.core.views.server_error"
