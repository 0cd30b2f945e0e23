from django.urls import path

from . import annual_views, newsletter_urls, public_views, themes_views, views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
    # Everyone's: the organisation's public page, once it is published (docs/public-pages.md).
    path("public/", public_views.public_page, name="public-page"),
    path("public/performance/", public_views.public_performance, name="public-performance"),
    # The committee's: write, preview, publish and take down the public page.
    path("public-page/", public_views.public_page_settings, name="public-page-settings"),
    path("public-page/preview/", public_views.preview_public_page, name="preview-public-page"),
    path("public-page/publish/", public_views.publish_public_page, name="publish-public-page"),
    path(
        "public-page/unpublish/", public_views.unpublish_public_page, name="unpublish-public-page"
    ),
    *annual_views.urlpatterns,
    path("themes/", themes_views.themes, name="themes"),
    path("themes/work-out/", themes_views.work_out_themes, name="themes-work-out"),
]
urlpatterns += newsletter_urls.urlpatterns

from .complaints_views import urlpatterns as complaints_urls  # noqa: E402

urlpatterns += complaints_urls
