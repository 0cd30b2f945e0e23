"""`tenantry import-survey-responses`: the same command as `import_survey_responses`, spelt as
documented."""

from .import_survey_responses import Command  # noqa: F401
