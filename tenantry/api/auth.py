"""Who is asking the API: a personal token (docs/api.md#tokens), or, for reading only, the
person signed in to the site in the same browser. A token acts as its user; the routes ask
the same permission rules of that user as the pages do."""

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from . import tokens

SAFE = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        found = tokens.user_for(token.strip())
        if found is None:
            return None
        request.api_token = found
        request.user = found.user
        return found.user


class SessionReadAuth(APIKeyCookie):
    """The signed-in person, for GETs only (a browser reading the API); never when a token
    was sent, so a bad token is refused rather than quietly replaced by the session."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None):
        if request.method not in SAFE or "Authorization" in request.headers:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


READ = [TokenAuth(), SessionReadAuth()]
WRITE = [TokenAuth()]
