from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tenantry.reviews"
    label = "reviews"

    def ready(self) -> None:
        from . import background

        background.register()  # the files it prepares in the background
