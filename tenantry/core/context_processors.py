from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict:
    # Language names as each language writes itself: not translated into the current one.
    return {"SITE_NAME": settings.SITE_NAME, "LANGUAGE_CHOICES": settings.LANGUAGES}
