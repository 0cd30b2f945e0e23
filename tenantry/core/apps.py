from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tenantry.core"
    label = "core"

    def ready(self) -> None:
        from .translation import compact_site_languages

        compact_site_languages()  # one lookup per message, not thirteen (core/translation.py)

        from .choices import use_label_tables

        use_label_tables()  # a choice's label read from a table (core/choices.py)
