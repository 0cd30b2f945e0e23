"""Tenantry's URLs plus one page that fails, to test what a user sees when something breaks."""

from django.urls import path

from tenantry.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("secret detail that must never reach a user")


urlpatterns = [*urlpatterns, path("broken/", broken)]
