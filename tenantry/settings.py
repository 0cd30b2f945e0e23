"""Tenantry settings: one file, read from the environment.

SQLite in the project's data folder by default; PostgreSQL (or any database) by DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from tenantry.core.database import SQLITE_INIT

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TENANTRY_DATA_DIR", BASE_DIR.parent / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one made once and kept in the data folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = "Tenantry"
# Where people reach this site: the links in emails, which are sent outside any request.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_tasks_db",
    # Tenantry's capabilities, in dependency order: an app reads only apps above it.
    "tenantry.core",
    "tenantry.organisations",
    "tenantry.homes",
    "tenantry.records",
    "tenantry.indicators",
    "tenantry.surveys",
    "tenantry.democracy",
    "tenantry.reviews",
    "tenantry.scrutiny",
    "tenantry.budgets",
    "tenantry.journey",
    "tenantry.reports",
    "tenantry.api",
    "tenantry.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, compressed when collected
    # Below WhiteNoise, so it compresses what Django draws and never a static file again.
    "tenantry.core.middleware.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "tenantry.urls"
WSGI_APPLICATION = "tenantry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "tenantry.core.context_processors.site",
                "tenantry.organisations.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tenantry.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a worker or import writes; secure_delete zeroes
    # what a deletion frees (tenantry/core/database.py, docs/privacy.md).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": SQLITE_INIT,
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No just-in-time compilation: the planner's estimate for the safety checks' "no valid
    # check at the place" test (one EXISTS per kind and interval) is high enough to trigger it,
    # and compiling took 4 seconds of a staff overview whose query runs in 50 ms at a
    # 125,000-home landlord. Tenantry's queries are short; JIT only pays on long reports.
    #
    # The planner's default cost of a random page read (four sequential ones, for spinning
    # disks) makes reading a TMO's 1,200 households by index look dearer than scanning the
    # landlord's 150,000: 40-70 ms of a survey's results, against 7 ms by index. PostgreSQL's
    # manual suggests 1.1 for solid-state storage ("Planner Cost Constants"); set
    # PG_RANDOM_PAGE_COST for other disks.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={os.environ.get('PG_RANDOM_PAGE_COST', '1.1')}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work: in-process by default; `TASKS_BACKEND=database` queues tasks in the database
# for `tenantry db_worker` processes.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("TASKS_BACKEND", "immediate")]
    }
}

# Files prepared in the background (`organisations/prepared.py`): kept this many days after they
# are asked for; a running one with no sign of life for this many seconds was left by a worker
# that died, and is marked failed so it can be asked for again.
PREPARED_FILES_KEEP_DAYS = int(os.environ.get("PREPARED_FILES_KEEP_DAYS", "7"))
PREPARED_FILES_STALE_SECONDS = int(os.environ.get("PREPARED_FILES_STALE_SECONDS", "300"))
# A survey with this many responses or more has its download of every response prepared in the
# background; a smaller one is written in the request.
SURVEY_RESPONSES_IN_BACKGROUND = int(os.environ.get("SURVEY_RESPONSES_IN_BACKGROUND", "2000"))
# The regulator's TSM return of a stock of this many homes or more is prepared in the background.
TSM_RETURN_IN_BACKGROUND = int(os.environ.get("TSM_RETURN_IN_BACKGROUND", "10000"))
# Imports (docs/imports.md#limits): the most rows one file may have (a million repairs import
# in about a minute on PostgreSQL), what an XLSX file may unpack to, and how long a running
# import may go without a sign of life (it gives one every few seconds) before it is taken to
# have stopped with its server.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "2000000"))
IMPORT_MAX_UNZIPPED_MB = int(os.environ.get("IMPORT_MAX_UNZIPPED_MB", "2048"))
IMPORT_STALLED_AFTER_SECONDS = int(os.environ.get("IMPORT_STALLED_AFTER_SECONDS", "120"))
# An organisation's public page (docs/public-pages.md) is kept in the cache this many seconds per
# organisation and language: many people read it without signing in, and the page says how
# current its figures are. 0 draws it afresh every time.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "300"))

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# Sign-in: email address only. Residents ask for a one-time code by email (no password to
# remember); staff and landlord officers use a password and can add an authenticator app.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ALLOW_SIGNUPS = False  # people are invited by their organisation
ACCOUNT_ADAPTER = "tenantry.organisations.auth.AccountAdapter"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_SESSION_REMEMBER = None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

# Email: printed to the console unless EMAIL_BACKEND=smtp (then EMAIL_HOST and friends apply).
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("EMAIL_BACKEND", "console")
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKENDS.get(_email_backend, _email_backend),
        "OPTIONS": (
            {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            }
            if _email_backend == "smtp"
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tenantry <noreply@localhost>")

LANGUAGE_CODE = "en-gb"
# Each language is named in itself, as a language switcher should show it.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur", "ps", "ckb", "yi"]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# After `tenantry collectstatic`, files are served under content-hashed names (cache forever);
# before it, straight from the apps, so the demo and the tests need no build step.
_HASHED_STATIC = (STATIC_ROOT / "staticfiles.json").exists()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _HASHED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HSTS only where the site is served over HTTPS, which SECURE_COOKIES says.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
# Scripts only from this site, and inline ones only with the page's nonce; no eval (the charts
# use Vega's expression interpreter, docs/charts.md). Styles may be inline: templates size
# photos and bars with style attributes, and vega-embed and its tooltips add a <style>.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Rate limits count by the client's address (core/clients.py). Behind a load balancer or
# reverse proxy, name the header it writes the client's address in (e.g. X-Forwarded-For) and
# how many proxies of ours append to it; off by default, when the connection's address is used.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "tenantry.core.forms.GovukFormRenderer"

# Ballots (docs/ballots.md). Envelopes are opened into papers only in shuffled batches of at
# least this many votes, so a paper's row versions name a group of voters, never one.
BALLOT_MIX_BATCH = int(os.environ.get("BALLOT_MIX_BATCH", "20"))
# Right to Manage (Housing (Right to Manage) (England) Regulations 2012, SI 2012/1821): more
# than these shares vote in favour. Members' ballot: of all the members (reg. 10, before a
# proposal notice); final ballot: of the tenants voting and of the secure tenants voting.
RTM_MEMBERS_BALLOT_PERCENT = float(os.environ.get("RTM_MEMBERS_BALLOT_PERCENT", "50"))
RTM_FINAL_BALLOT_PERCENT = float(os.environ.get("RTM_FINAL_BALLOT_PERCENT", "50"))
RTM_FINAL_SECURE_PERCENT = float(os.environ.get("RTM_FINAL_SECURE_PERCENT", "50"))

# The road to tenant control (docs/journey.md). ❓ The Right to Manage "membership-share test"
# (REFERENCE.md): at least this share of the tenants of the homes in a proposal notice are
# members of the group. Not confirmed in the text of SI 2012/1821; an empty value leaves the
# test out of the eligibility check.
_membership_share = os.environ.get("JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT", "20").strip()
JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT = float(_membership_share) if _membership_share else None
# The statutory time-limit calculator warns this many days before a deadline.
JOURNEY_DEADLINE_WARNING_DAYS = int(os.environ.get("JOURNEY_DEADLINE_WARNING_DAYS", "14"))
# The public "register interest" form's spam checks (journey/spam.py, docs/journey.md): a form
# sent in under MIN_SECONDS or older than MAX_AGE_SECONDS is refused; each IP address may send
# PER_ADDRESS forms in WINDOW_SECONDS; more than MOST_LINKS links in its text is refused.
JOURNEY_INTEREST_MIN_SECONDS = int(os.environ.get("JOURNEY_INTEREST_MIN_SECONDS", "4"))
JOURNEY_INTEREST_MAX_AGE_SECONDS = int(os.environ.get("JOURNEY_INTEREST_MAX_AGE_SECONDS", "86400"))
JOURNEY_INTEREST_PER_ADDRESS = int(os.environ.get("JOURNEY_INTEREST_PER_ADDRESS", "5"))
JOURNEY_INTEREST_WINDOW_SECONDS = int(os.environ.get("JOURNEY_INTEREST_WINDOW_SECONDS", "3600"))
JOURNEY_INTEREST_MOST_LINKS = int(os.environ.get("JOURNEY_INTEREST_MOST_LINKS", "2"))
# How long the link to confirm a group's email address works, in days.
JOURNEY_CONFIRM_EMAIL_DAYS = int(os.environ.get("JOURNEY_CONFIRM_EMAIL_DAYS", "7"))

# Democratic health's early warnings (docs/democratic-health.md): when an organisation is
# "growing weak" (the Guide, chapter 5). Members as a share of households down on a year ago by
# more than this many percentage points; a general meeting not quorate within this many months;
# committee places filled below this share; at least this many criticisms past their due date.
DEMOCRACY_MEMBERSHIP_FALL_POINTS = float(os.environ.get("DEMOCRACY_MEMBERSHIP_FALL_POINTS", "5"))
DEMOCRACY_INQUORATE_MONTHS = int(os.environ.get("DEMOCRACY_INQUORATE_MONTHS", "12"))
DEMOCRACY_COMMITTEE_FILLED_PERCENT = float(
    os.environ.get("DEMOCRACY_COMMITTEE_FILLED_PERCENT", "75")
)
DEMOCRACY_CRITICISMS_OVERDUE = int(os.environ.get("DEMOCRACY_CRITICISMS_OVERDUE", "1"))

# The open API (docs/api.md): requests a minute per token and per client address (0: no limit),
# counted in the cache; and the longest a personal token may last, in days.
API_REQUESTS_PER_MINUTE_PER_TOKEN = int(os.environ.get("API_REQUESTS_PER_MINUTE_PER_TOKEN", "600"))
API_REQUESTS_PER_MINUTE_PER_ADDRESS = int(
    os.environ.get("API_REQUESTS_PER_MINUTE_PER_ADDRESS", "300")
)
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
