from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: organisations invite their residents, staff and officers."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
