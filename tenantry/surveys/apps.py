from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tenantry.surveys"
    label = "surveys"

    def ready(self) -> None:
        from . import background

        background.register()  # the files it prepares in the background
