"""Onedoor settings, driven by environment variables.

Every variable read here is listed in README.md ("Configuration"). With none set, the portal
runs on the embedded default: SQLite and private files under ``DATA_DIR``, tasks in the same
database, email to the console. Production switches each part by a
variable: ``DATABASE_URL`` (PostgreSQL), ``AWS_STORAGE_BUCKET_NAME`` (S3-compatible storage),
``REDIS_URL`` (cache, sessions and rate-limit counts). When ``DEBUG`` is off, ``SECRET_KEY`` is
required and cookies, HSTS and the Content-Security-Policy are hardened.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _


def env(name: str, default: str = "") -> str:
    """A variable as a string, stripped."""
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_seconds(name: str, default: int) -> int:
    """A timeout in whole seconds: above 0, since none (or 0) would let a call wait for ever."""
    value = env_int(name, default)
    if value <= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds above 0, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_json(name: str) -> dict:
    value = env(name)
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be JSON: {error}") from None
    if not isinstance(parsed, dict) or not all(isinstance(v, dict) for v in parsed.values()):
        raise ImproperlyConfigured(f"{name} must be a JSON object of objects, by office.")
    return parsed


BASE_DIR = Path(__file__).resolve().parent.parent
# DATA_DIR: where the embedded default keeps its database and files.
DATA_DIR = Path(env("DATA_DIR") or BASE_DIR / "data")
if env("PYTEST_XDIST_WORKER"):  # each of `make test`'s parallel workers keeps its own files
    DATA_DIR = DATA_DIR / env("PYTEST_XDIST_WORKER")

# DEBUG: development mode. Off by default; `make demo` and `make run` turn it on.
DEBUG = env_bool("DEBUG", False)

# SECRET_KEY: signs sessions and tokens. Required when DEBUG is off.
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off: set it to a long random string."
        )
    SECRET_KEY = "django-insecure-onedoor-development-only"  # noqa: S105 (DEBUG only)

# ALLOWED_HOSTS: comma-separated host names this portal answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# CSRF_TRUSTED_ORIGINS: comma-separated origins (https://portal.example.gov) for forms over HTTPS.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# PORTAL_BASE_URL: the public address, used in emails, text messages and QR codes. Required in
# production (`check --deploy` wants https); `make demo` and `make run` set it from HOST and PORT.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")

INSTALLED_APPS = [
    # Ours, top of the import graph first.
    "portal.api",
    "cms",
    "forms",
    "portal.review",
    "portal.tracking",
    "portal.dashboard",
    "portal.applications",
    "payments",
    "portal.accounts",
    "portal.notifications",
    "portal.audit",
    "portal.core",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.sites",
    "portal.accounts.users_app.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # The REST API's documentation page, with its scripts served from here (no CDN).
    "ninja",
    # Accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Forms, tasks, storage.
    "formtools",
    "django_tasks",
    "django_tasks_db",
    "storages",
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Errors under /api/ as problem+json, whichever layer answers them.
    "portal.api.middleware.ApiProblemMiddleware",
    "cms.routing.KnownSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.LocaleMiddleware",
    # Before anything reads the body (the CSRF check reads the form).
    "portal.core.middleware.RequestSizeLimitMiddleware",
    "portal.core.middleware.NotFoundPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.core.middleware.SignedInNeverStoredMiddleware",
    "portal.audit.middleware.AuditRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.SessionExpiryMiddleware",
    "portal.accounts.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.PortalLanguageMiddleware",
    "cms.cache.PageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.portal",
            ],
        },
    },
]

# Database ------------------------------------------------------------------------------------
# DATABASE_URL: postgres://user:password@host:5432/name for PostgreSQL; empty: SQLite in DATA_DIR.
# DATABASE_CONN_MAX_AGE: seconds a thread keeps its database connection open (default 60; on
# SQLite too, where opening one and setting it up cost more than most requests).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'onedoor.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock at BEGIN, so concurrent requests wait instead of failing.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests use a file too (not Django's shared in-memory database, whose table locks fail at
    # once): concurrent writers then wait for each other as they do in production.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-onedoor.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions ---------------------------------------------------------------------------
# REDIS_URL: redis://host:6379/0 for a cache, sessions and rate-limit counts shared by several
# app servers (without it the limits count in the database: portal.core.limits).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "onedoor",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # Files, not process memory: every worker process on this machine sees the same cache, so
    # publishing a page refreshes what all of them serve.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = "portal.accounts.sessions"

# The parts of every page that are the same for every reader in a language (the header, the
# menu, the footer: templates/base.html), rendered once and kept in each process's memory.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "onedoor-fragments",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# Files -----------------------------------------------------------------------------------------
# Public media (images editors publish) and private files (applicant documents) are separate
# storages: private files never get a public URL and are served only by a view that checks who asks.
# AWS_STORAGE_BUCKET_NAME: put both in an S3-compatible bucket (prefixes media/ and private/).
# AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: its address
# and credentials (read by django-storages / boto3).
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
PRIVATE_STORAGE_ROOT = DATA_DIR / "private"
# STATIC_ROOT: where `collectstatic` gathers static files for whitenoise to serve.
STATIC_ROOT = Path(env("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]

AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
    }
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "media", "querystring_auth": False},
    }
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
else:
    _media_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL},
    }
    _private_storage = {
        "BACKEND": "portal.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    }

# STATIC_MANIFEST: hashed, compressed static files (needs `collectstatic`); default: on when DEBUG
# is off.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": _media_storage,
    "private": _private_storage,
    "staticfiles": {
        "BACKEND": (
            "portal.core.storage.StaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# UPLOAD_MAX_MB: the largest upload the portal accepts anywhere, in MB (default 20): each form's
# upload field sets its own size up to it (editors cannot save more; older forms are held to
# it), and the applicant's answer and company documents take up to it.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)
# UPLOAD_REQUEST_MAX_MB: the largest request body the portal reads, in MB (default: UPLOAD_MAX_MB
# and 5 MB for the rest of the form). A larger one is refused, unread, with a page that says so;
# raise it where a form sends several large files at once (the counter form sends every scan).
UPLOAD_REQUEST_MAX_MB = env_int("UPLOAD_REQUEST_MAX_MB", UPLOAD_MAX_MB + 5)
# CLAMD_ADDRESS: ClamAV's clamd, which scans every upload before it is accepted:
# tcp://host:port, or the path of its unix socket. Unset (the embedded default), uploads are not
# scanned and `check --deploy` warns. Set, an upload clamd does not answer for is refused.
CLAMD_ADDRESS = env("CLAMD_ADDRESS")
# CLAMD_TIMEOUT: seconds to wait for clamd's verdict on one upload (default 30).
CLAMD_TIMEOUT = env_seconds("CLAMD_TIMEOUT", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# Accounts --------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, refusing service accounts (API clients' accounts never sign in).
AUTHENTICATION_BACKENDS = [
    "portal.accounts.backends.ModelBackend",
    "portal.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {
    "signup": "portal.accounts.forms.SignupForm",
    "login": "portal.accounts.forms.LoginForm",
}
ACCOUNT_SESSION_REMEMBER = None
# Two-step verification: staff must have it before they reach the admin (see
# portal.accounts.middleware); anyone may add it. Security keys need HTTPS outside DEBUG.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# A national identity provider (OpenID Connect), offered beside the password when configured:
# OIDC_SERVER_URL: the provider's issuer address (its /.well-known/openid-configuration is read).
# OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: the portal's client at the provider.
# OIDC_NAME: the name on the button ("Sign in with <name>"; default "national digital ID").
# OIDC_PROVIDER_ID: the name in the callback address (default national-id); register
# <PORTAL_BASE_URL>/accounts/oidc/<OIDC_PROVIDER_ID>/login/callback/ at the provider.
# OIDC_SCOPES: default "openid profile email phone".
OIDC_SERVER_URL = env("OIDC_SERVER_URL")
OIDC_PROVIDER_ID = env("OIDC_PROVIDER_ID", "national-id")
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": env("OIDC_NAME", "national digital ID"),
                "client_id": env("OIDC_CLIENT_ID"),
                "secret": env("OIDC_CLIENT_SECRET"),
                "settings": {
                    "server_url": OIDC_SERVER_URL,
                    "scope": env("OIDC_SCOPES", "openid profile email phone").split(),
                },
            }
        ]
        if OIDC_SERVER_URL
        else [],
    }
}
if OIDC_SERVER_URL and not env("OIDC_CLIENT_ID"):
    raise ImproperlyConfigured("OIDC_SERVER_URL is set: set OIDC_CLIENT_ID (and the secret) too.")
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "portal.accounts.adapters.SocialAccountAdapter"
# An account is never taken over by an identity that merely shows its email address: its owner
# signs in first and connects the identity.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
# The admin signs in through allauth, with its throttling of failed logins and MFA.
WAGTAILADMIN_LOGIN_URL = "account_login"
# SESSION_IDLE_MINUTES, SESSION_IDLE_MINUTES_STAFF: sign out after this long without activity
# (defaults 120 and 30); SESSION_ABSOLUTE_HOURS: and this long after signing in (default 12).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 120) * 60
SESSION_IDLE_SECONDS_STAFF = env_int("SESSION_IDLE_MINUTES_STAFF", 30) * 60
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{env('SITE_NAME', 'Onedoor')}] "

# Email -----------------------------------------------------------------------------------------
# EMAIL_HOST: an SMTP server; empty prints emails to the console.
# EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS: its port and credentials.
# EMAIL_TIMEOUT: seconds each step of talking to it may take (default 20). The outbox leaves a
# message being sent to its worker for longer than a whole send can take at these timeouts, so a
# slow server never gets a message twice (see portal.notifications.services.outbox_lease).
# DEFAULT_FROM_EMAIL: the sender of every email.
# (Not Django's EMAIL_* settings, which MAILERS replaces: only their environment variables.)
_email_host = env("EMAIL_HOST")
if _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("EMAIL_PORT", 587),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": env_seconds("EMAIL_TIMEOUT", 20),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Onedoor <no-reply@onedoor.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# OUTBOX_RETENTION_DAYS: sent and given-up emails and texts are deleted this many days after they
# were written (default 30); messages still waiting are kept. Secrets they told (tracking PINs,
# codes, invitation links) are erased as soon as they are sent or given up.
OUTBOX_RETENTION_DAYS = env_int("OUTBOX_RETENTION_DAYS", 30)

# Retention of personal data ----------------------------------------------------------------------
# PERSONAL_DATA_RETENTION_DAYS: a finished (completed, rejected, withdrawn) application's answers,
# documents, names and contact details are removed this many days after it finished, unless its
# service sets its own time (default 1825, five years). Dates, service, office, channel,
# stages, fees, payments and ratings stay for the statistics and the accounts.
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 1825)
# CODE_RETENTION_DAYS: one-time codes (guest codes, phone confirmations) and the links that add
# a walk-in application to an account are deleted this many days after they expire (default 1).
CODE_RETENTION_DAYS = env_int("CODE_RETENTION_DAYS", 1)
# INVITATION_RETENTION_DAYS: company invitations accepted, cancelled or expired are deleted this
# many days after (default 30).
INVITATION_RETENTION_DAYS = env_int("INVITATION_RETENTION_DAYS", 30)
# SESSION_RETENTION_DAYS: sessions kept in the database are deleted this many days after they
# expired (default 0: at the next purge). Sessions in Redis expire by themselves.
SESSION_RETENTION_DAYS = env_int("SESSION_RETENTION_DAYS", 0)
# ORPHAN_FILE_RETENTION_HOURS: a document file in private storage that no document row names (its
# transaction never committed) is deleted once it is this many hours old (default 24).
ORPHAN_FILE_RETENTION_HOURS = env_int("ORPHAN_FILE_RETENTION_HOURS", 24)

# SMS -------------------------------------------------------------------------------------------
# SMS_BACKEND: how texts to applicants' phones go out: "console" (printed, the default), "http"
# (an SMS provider's HTTP API, below), "off" (no texts), or the dotted path of a sender class.
# SMS_HTTP_URL: the provider's address; each text is POSTed as JSON {"to", "from", "text"}.
# SMS_HTTP_TOKEN: sent as "Authorization: Bearer <token>" when set.
# SMS_HTTP_SENDER: the sender name or number ("from").
# SMS_HTTP_TIMEOUT: seconds each step of a request may take (default 10; above 0).
# PHONE_REGION: the country whose numbers may be typed without +country code (default LA).
# PHONE_REGIONS_BY_LANGUAGE: the same by the reader's language, as language:COUNTRY pairs
# (default lo:LA,km:KH): a Khmer reader's 012 345 678 is a Cambodian number.
SMS_BACKEND = env("SMS_BACKEND", "console")
SMS_HTTP_URL = env("SMS_HTTP_URL")
SMS_HTTP_TOKEN = env("SMS_HTTP_TOKEN")
SMS_HTTP_SENDER = env("SMS_HTTP_SENDER", env("SITE_NAME", "Onedoor"))
SMS_HTTP_TIMEOUT = env_seconds("SMS_HTTP_TIMEOUT", 10)
PHONE_REGION = env("PHONE_REGION", "LA").upper()
PHONE_REGIONS_BY_LANGUAGE = dict(
    pair.split(":", 1) for pair in env_list("PHONE_REGIONS_BY_LANGUAGE", ["lo:LA", "km:KH"])
)
if SMS_BACKEND == "http" and not SMS_HTTP_URL.startswith("https://") and not DEBUG:
    raise ImproperlyConfigured(
        "SMS_BACKEND is http: set SMS_HTTP_URL to the provider's https:// address "
        "(the token must not travel in clear)."
    )

# Payments ---------------------------------------------------------------------------------------
# PAYMENTS_DEMO_ENABLED: offer the demo gateway (no money moves); default: on only with DEBUG.
# PAYMENTS_COUNTER_ENABLED: cashiers record cash at the counter (default on).
# STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: Stripe Checkout; without both it is not offered.
# STRIPE_CURRENCIES: the currencies paid through Stripe (default USD).
PAYMENTS_DEMO_ENABLED = env_bool("PAYMENTS_DEMO_ENABLED", DEBUG)
PAYMENTS_COUNTER_ENABLED = env_bool("PAYMENTS_COUNTER_ENABLED", True)
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_CURRENCIES = [code.upper() for code in env_list("STRIPE_CURRENCIES", ["USD"])]

# QR payments (payments/gateways/khqr.py, laoqr.py): the payer scans a code with their bank's
# app; the code names the receiving account, the amount and a bill number that carries the
# payment's id. Each gateway is offered once its account and merchant name are set.
# KHQR_ACCOUNT_ID: the Bakong account that receives the money (name@bank).
# KHQR_MERCHANT_ID, KHQR_ACQUIRING_BANK: a merchant account's id and its bank (both, or neither
# for an individual account).
# KHQR_MERCHANT_NAME, KHQR_MERCHANT_CITY: printed by the payer's app (Latin letters, at most 25
# and 15 characters; city default Phnom Penh). KHQR_MCC: merchant category code (default 5999).
# KHQR_CURRENCIES: the fees' currencies it takes (default KHR,USD).
# KHQR_API_URL: the National Bank's open API (default https://api-bakong.nbc.gov.kh);
# KHQR_API_TOKEN: its developer token. Without a token, payments are confirmed by hand and by
# the bank statement.
# KHQR_EXPIRY_MINUTES: how long a code may be paid (default 15).
# KHQR_OFFICE_ACCOUNTS: an office's own receiving account, as JSON keyed by the office's id or
# name: {"12": {"account_id": "...", "merchant_name": "...", "merchant_city": "..."}}.
# LAOQR_IIN: the receiving bank's eight-digit IIN in LAPNet; LAOQR_RECEIVER_ID: the account or
# merchant id at that bank; LAOQR_PAYMENT_TYPE (default 002, a merchant).
# LAOQR_MERCHANT_NAME, LAOQR_MERCHANT_CITY (default Vientiane), LAOQR_MCC (default 5999).
# LAOQR_API_URL, LAOQR_API_TOKEN: the receiving bank's API for payment status, when it has one
# (README, "QR payments"); without it, payments are confirmed by hand and by the statement.
# LAOQR_EXPIRY_MINUTES (default 15); LAOQR_OFFICE_ACCOUNTS: as KHQR_OFFICE_ACCOUNTS, with "iin"
# and "receiver_id".
# QR_API_TIMEOUT: seconds a bank's API may take to answer (default 10).
# QR_LATE_CHECK_MINUTES: how long the bank is still asked about a code after it expired, so a
# late payment is recorded (and flagged) (default 60).
# QR_CHECK_SECONDS: the payer's page asks the bank at most this often per payment (default 5).
# PAYMENTS_FAKE_BANK: both QR gateways talk to a built-in fake bank that confirms a code
# PAYMENTS_FAKE_BANK_SECONDS (default 5) after it was made, with demo accounts where none is
# set; never a real bank. Default: on with DEBUG, for the demo.
KHQR_ACCOUNT_ID = env("KHQR_ACCOUNT_ID")
KHQR_MERCHANT_ID = env("KHQR_MERCHANT_ID")
KHQR_ACQUIRING_BANK = env("KHQR_ACQUIRING_BANK")
KHQR_MERCHANT_NAME = env("KHQR_MERCHANT_NAME")
KHQR_MERCHANT_CITY = env("KHQR_MERCHANT_CITY", "Phnom Penh")
KHQR_MCC = env("KHQR_MCC", "5999")
KHQR_CURRENCIES = [code.upper() for code in env_list("KHQR_CURRENCIES", ["KHR", "USD"])]
KHQR_API_URL = env("KHQR_API_URL", "https://api-bakong.nbc.gov.kh").rstrip("/")
KHQR_API_TOKEN = env("KHQR_API_TOKEN")
KHQR_EXPIRY_MINUTES = env_int("KHQR_EXPIRY_MINUTES", 15)
KHQR_OFFICE_ACCOUNTS = env_json("KHQR_OFFICE_ACCOUNTS")
LAOQR_IIN = env("LAOQR_IIN")
LAOQR_RECEIVER_ID = env("LAOQR_RECEIVER_ID")
LAOQR_PAYMENT_TYPE = env("LAOQR_PAYMENT_TYPE", "002")
LAOQR_MERCHANT_NAME = env("LAOQR_MERCHANT_NAME")
LAOQR_MERCHANT_CITY = env("LAOQR_MERCHANT_CITY", "Vientiane")
LAOQR_MCC = env("LAOQR_MCC", "5999")
LAOQR_API_URL = env("LAOQR_API_URL").rstrip("/")
LAOQR_API_TOKEN = env("LAOQR_API_TOKEN")
LAOQR_EXPIRY_MINUTES = env_int("LAOQR_EXPIRY_MINUTES", 15)
LAOQR_OFFICE_ACCOUNTS = env_json("LAOQR_OFFICE_ACCOUNTS")
QR_API_TIMEOUT = env_seconds("QR_API_TIMEOUT", 10)
QR_LATE_CHECK_MINUTES = env_int("QR_LATE_CHECK_MINUTES", 60)
QR_CHECK_SECONDS = env_int("QR_CHECK_SECONDS", 5)
PAYMENTS_FAKE_BANK = env_bool("PAYMENTS_FAKE_BANK", DEBUG)
PAYMENTS_FAKE_BANK_SECONDS = env_int("PAYMENTS_FAKE_BANK_SECONDS", 5)
if not DEBUG and PAYMENTS_FAKE_BANK:
    raise ImproperlyConfigured("PAYMENTS_FAKE_BANK confirms payments nobody made: DEBUG only.")
for _name, _token in (("KHQR_API_URL", KHQR_API_TOKEN), ("LAOQR_API_URL", LAOQR_API_TOKEN)):
    # Only with a token is the bank asked at all.
    if _token and not globals()[_name].startswith("https://") and not DEBUG:
        raise ImproperlyConfigured(f"{_name} must be an https:// address (a token travels).")

# Background tasks ------------------------------------------------------------------------------
# TASKS_BACKEND: dotted path of the django.tasks backend; default: the database queue that
# `make worker` (db_worker) runs.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}
# The periodic tasks `manage.py scheduler` enqueues, and how often (see portal.core.scheduler).
SCHEDULED_TASKS = {
    # Re-queue messages whose sending was interrupted (a worker restart), and any due.
    "portal.notifications.tasks.sweep_outbox": timedelta(minutes=5),
    # Ask the gateways about payments still waiting; expire those past their time.
    "payments.tasks.reconcile_payments": timedelta(minutes=5),
    # Delete abandoned drafts and the temporary files no draft uses.
    "forms.tasks.purge_drafts": timedelta(days=1),
    # Delete sent and given-up messages older than OUTBOX_RETENTION_DAYS.
    "portal.notifications.tasks.purge_outbox": timedelta(days=1),
    # Remove the personal data of applications finished longer ago than their retention time.
    "cms.tasks.purge_personal_data": timedelta(days=1),
    # Delete expired one-time codes and links (CODE_RETENTION_DAYS), closed company invitations
    # (INVITATION_RETENTION_DAYS), expired sessions (SESSION_RETENTION_DAYS).
    "portal.applications.tasks.purge_codes": timedelta(hours=1),
    "portal.accounts.tasks.purge_invitations": timedelta(days=1),
    "portal.accounts.tasks.purge_sessions": timedelta(days=1),
    # Delete stored document files whose row never committed (ORPHAN_FILE_RETENTION_HOURS).
    "portal.applications.tasks.purge_orphan_files": timedelta(days=1),
    # Count the applications that changed into the dashboards' figures.
    "portal.dashboard.tasks.sweep_facts": timedelta(minutes=1),
    # Delete the rate limits' counters whose window has passed (kept in the database when
    # there is no REDIS_URL).
    "portal.core.tasks.purge_rate_limits": timedelta(hours=1),
    # Mark failed the tasks a lost worker (killed, its machine gone) left "running".
    "portal.core.task_sweep.sweep_tasks": timedelta(minutes=5),
    # Delete the answers kept for writes retried with an Idempotency-Key (API_IDEMPOTENCY_HOURS).
    "portal.api.tasks.purge_idempotent_answers": timedelta(hours=1),
}
# TASK_RUNNING_TIMEOUT_MINUTES: a task still "running" this long after it started is taken for
# lost with its worker and marked failed (default 60; see portal.core.task_sweep).
TASK_RUNNING_TIMEOUT_MINUTES = env_int("TASK_RUNNING_TIMEOUT_MINUTES", 60)

# Languages and time ----------------------------------------------------------------------------
LANG_INFO["lo"] = {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}
LANG_INFO["km"] = {**LANG_INFO["km"], "name_local": "ខ្មែរ"}
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("lo", _("Lao")),
    ("km", _("Khmer")),
]
# Our catalogue first (makemessages writes there), then the words of django-allauth's pages,
# which ships no Lao or Khmer.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "allauth"]
FORMAT_MODULE_PATH = ["portal.core.formats"]
# Paths outside the language-prefixed site (see portal/urls.py).
UNPREFIXED_PATHS = [
    "/admin/",
    "/api/",
    "/files/",
    "/payments/",
    "/documents/",
    "/i18n/",
    "/static/",
    "/media/",
    "/_bench/",
    "/accounts/oidc/",
    "/favicon.ico",
]
USE_I18N = True
USE_TZ = True
# TIME_ZONE: the default time zone for dates shown (offices may have their own).
TIME_ZONE = env("TIME_ZONE", "Asia/Vientiane")

# Wagtail ---------------------------------------------------------------------------------------
# SITE_NAME: the portal's name in the header, titles and emails.
WAGTAIL_SITE_NAME = env("SITE_NAME", "Onedoor")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Staff choose the admin's language among the portal's own (Wagtail's words fall back to English
# where it has no Lao or Khmer; ours are translated).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USER_CUSTOM_FIELDS = ["phone"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # the admin loads nothing from other hosts

# Security --------------------------------------------------------------------------------------
# BEHIND_PROXY: the portal sits behind a load balancer that terminates TLS: trust its
# X-Forwarded-Proto, and the client address it appends to X-Forwarded-For (rate limits).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's page preview allows itself to be framed by the admin.
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    # SECURE_SSL_REDIRECT: send plain-HTTP requests to HTTPS (default on when DEBUG is off).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # HSTS_SECONDS: how long browsers must use HTTPS only (default one year).
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    # Nothing loads from another host. Public pages run no inline script; Wagtail's admin
    # still uses inline styles everywhere and inline scripts in some widgets.
    SECURE_CSP = {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:", "blob:"],
        "font-src": [CSP.SELF, "data:"],
        "connect-src": [CSP.SELF],
        "frame-src": [CSP.SELF],
        "frame-ancestors": [CSP.SELF],
        "form-action": [CSP.SELF],
        "base-uri": [CSP.SELF],
        "object-src": [CSP.NONE],
    }
    SECURE_CSP_ADMIN = {**SECURE_CSP, "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# PAGE_CACHE_SECONDS: how long the copies of a public page (one for readers signed out, one for
# readers signed in) are kept at most (publishing empties the cache at once); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# DASHBOARD_CACHE_SECONDS: how long the figures counted for one choice of a dashboard (and
# the public statistics, the admin home's panel) are kept before they are counted again; 0
# counts them on every request.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 60)

# TRACKING_LOOKUP_LIMIT: how many tries of the status look-up (a reference and its PIN) an
# address has in TRACKING_LOOKUP_WINDOW_MINUTES.
TRACKING_LOOKUP_LIMIT = env_int("TRACKING_LOOKUP_LIMIT", 10)
TRACKING_LOOKUP_WINDOW = env_int("TRACKING_LOOKUP_WINDOW_MINUTES", 15) * 60

# The REST API (/api/v1/, described at /api/schema/) ---------------------------------------------
# API_PAGE_SIZE and API_MAX_PAGE_SIZE: the rows of a list answered by default and at most.
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 200)
# API_IDEMPOTENCY_HOURS: how long the answer to a write sent with an Idempotency-Key is kept
# to be given again to the same write sent again.
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 24)
# WEBHOOK_TIMEOUT: seconds a webhook's receiver has to answer (each attempt); the outbox tries
# again later with a longer wait, up to its number of attempts.
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)

# BENCH_ENDPOINTS: serve /_bench/minimal/, the baseline `make bench` compares pages with, and
# the stock Wagtail pages it compares ours with (bench/anchors).
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)
if BENCH_ENDPOINTS:  # and the Wagtail pages it compares ours with (bench/anchors)
    INSTALLED_APPS.append("bench.anchors")

# Logging ---------------------------------------------------------------------------------------
# LOG_LEVEL: the level of our own loggers (default INFO).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        **{
            name: {"level": env("LOG_LEVEL", "INFO"), "propagate": True}
            for name in ("portal", "forms", "payments", "cms")
        },
        # One line per task run is noise; failures are logged at ERROR.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
