from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.views import LoginView as AllauthLoginView
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from tenantry.core import email as emails
from tenantry.core.clients import client_address
from tenantry.core.models import User

from .selectors import organisations_of

# allauth's emails that Tenantry writes itself (templates/account/email/), with why each is sent.
OWN_EMAILS = {
    "account/email/login_code": "sign_in",
    "account/email/password_reset_key": "sign_in",
    "account/email/unknown_account": "sign_in",
}


def organisation_names(user: User | None) -> str:
    """Who an account email is from: the person's organisations, else the site itself."""
    names = [org.name for org, _roles in organisations_of(user=user)] if user else []
    if not names:
        return settings.SITE_NAME
    if len(names) > 2:
        names = [*names[:2], "…"]
    return " · ".join(names)


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: organisations invite their residents, staff and officers."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's rate limits count by the same address as every other limit.
        return client_address(request) or super().get_client_ip(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        if template_prefix not in OWN_EMAILS:
            super().send_mail(template_prefix, email, context)
            return
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        context = {
            **{k: v for k, v in context.items() if k not in ("request", "user")},
            # The sign-in code email says how long the code lasts, from the one setting.
            "code_minutes": settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT // 60,
            "sign_in_url": emails.absolute(reverse("account_login")),
        }
        message = emails.Email(
            to=email,
            template=template_prefix,
            organisation_name=organisation_names(user),
            reason=OWN_EMAILS[template_prefix],
            context=context,
            # Asked for just now: the language they are reading the sign-in page in, unless
            # they chose one for emails.
            language=emails.language_for(user, translation.get_language()),
            name=user.get_short_name() if user and user.name else "",
        )
        emails.send_now([message])


class LoginView(AllauthLoginView):
    """allauth's sign-in, answering 429 Too Many Requests when too many attempts failed."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            response.status_code = 429
        return response
