from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: organisations invite their residents, staff and officers."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def format_email_subject(self, subject: str) -> str:
        # Not allauth's "[127.0.0.1:8000] …": the site's name, as every other email says it.
        return f"{settings.SITE_NAME}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The sign-in code email says how long the code lasts, from the one setting.
        context = {**context, "code_minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60}
        super().send_mail(template_prefix, email, context)
