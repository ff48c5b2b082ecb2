"""Reintegra settings: everything that differs between machines comes from the environment.

The variables are documented in docs/configuration.md; reintegra/env.py parses them strictly.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from reintegra.database import database_config
from reintegra.env import Env
from reintegra.logs import QUIET_LIBRARIES

BASE_DIR = Path(__file__).resolve().parent.parent
env = Env()

DEBUG = env.flag("DEBUG", default=False)
SECRET_KEY = env.optional_text("SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is required when DEBUG is false "
            "(set DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.text("SITE_URL", default="http://127.0.0.1:8000")

DATABASE_URL = env.text("DATABASE_URL", default="sqlite:///var/reintegra.sqlite3")
DATABASES = {"default": database_config(DATABASE_URL, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "django_tasks_db",
    "reintegra.accounts",
    "reintegra.audit",
    "reintegra.attachments",
    "reintegra.people",
    "reintegra.programmes",
    "reintegra.notifications",
    "reintegra.questionnaires",
    "reintegra.casework",
    "reintegra.plans",
    "reintegra.partnership",
    "reintegra.training",
    "reintegra.activities",
    "reintegra.employers",
    "reintegra.outreach",
    "reintegra.outcomes",
    "reintegra.ownpage",
    "reintegra.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "reintegra.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reintegra.accounts.middleware.MembershipEndedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "reintegra.audit.middleware.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "reintegra.urls"
WSGI_APPLICATION = "reintegra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reintegra.accounts.context_processors.navigation",
            ],
            "builtins": ["reintegra.dates"],
        },
    },
]

# Every form's fields are marked when invalid (is-invalid, aria-invalid): reintegra/forms.py.
FORM_RENDERER = "reintegra.forms.FormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if DEBUG:
    # Local work only: a twentieth of the rounds (reintegra/accounts/hashers.py says why it is safe).
    PASSWORD_HASHERS = ["reintegra.accounts.hashers.LocalPBKDF2PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = env.number("PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)

# Lock-out after repeated failed log-ins (django-axes).
AXES_FAILURE_LIMIT = env.number("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.number("AXES_COOLOFF_MINUTES", default=15))
AXES_ADDRESS_FAILURE_LIMIT = env.number("AXES_ADDRESS_FAILURE_LIMIT", default=20)
# A user name from one address, and one address across user names (reintegra/accounts/lockout.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "reintegra.accounts.lockout.UserAndAddressLimitsHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Reintegra"

# Audit log (django-auditlog) with our own entry model that carries the organisations in scope.
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_STORE_JSON_CHANGES = False  # changes as before/after strings, the form the log page shows

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.text("TIME_ZONE", default="Europe/Warsaw")
USE_I18N = True
# Dates one way in both languages (2.12.2026): reintegra/formats.
FORMAT_MODULE_PATH = ["reintegra.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Attachments (reintegra/attachments): kept apart from static and media files and served by no
# URL, only by the download view that checks access and logs it. S3-compatible storage through
# django-storages is the production option (docs/configuration.md).
if env.choice("ATTACHMENTS_STORAGE", default="filesystem", choices=("filesystem", "s3")) == "s3":
    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.text("ATTACHMENTS_S3_BUCKET"),
            "endpoint_url": env.optional_text("ATTACHMENTS_S3_ENDPOINT_URL"),
            "region_name": env.optional_text("ATTACHMENTS_S3_REGION"),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    # A relative path is taken from the project directory, as DATABASE_URL's SQLite path is.
    _attachments_dir = BASE_DIR / env.text("ATTACHMENTS_DIR", default="var/attachments")
    STORAGES["attachments"] = {
        "BACKEND": "reintegra.attachments.storage.PrivateFileSystemStorage",
        "OPTIONS": {
            "location": _attachments_dir,
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    }
ATTACHMENTS_MAX_BYTES = env.number("ATTACHMENTS_MAX_MB", default=10) * 1024 * 1024
ATTACHMENTS_KEEP_REMOVED_DAYS = env.number("ATTACHMENTS_KEEP_REMOVED_DAYS", default=30)

# The longest an internship (staż or praktyka) may last, in months (docs/configuration.md).
INTERNSHIP_MAX_MONTHS = env.number("INTERNSHIP_MAX_MONTHS", default=6)

# A funder's report hides every cell counting fewer people than this (docs/configuration.md).
REPORT_SUPPRESSION_THRESHOLD = env.number("REPORT_SUPPRESSION_THRESHOLD", default=5)
# ... and hides a zero too, unless this is false (docs/configuration.md).
REPORT_SUPPRESSION_HIDES_ZEROS = env.flag("REPORT_SUPPRESSION_HIDES_ZEROS", default=True)

_email_transport = env.choice("EMAIL_BACKEND", default="console", choices=("console", "smtp"))
MAILERS: dict[str, dict[str, object]] = {
    "default": {"BACKEND": f"django.core.mail.backends.{_email_transport}.EmailBackend"},
}
if _email_transport == "smtp":
    MAILERS["default"]["OPTIONS"] = {
        "host": env.text("EMAIL_HOST"),
        "port": env.number("EMAIL_PORT", default=587),
        "username": env.optional_text("EMAIL_HOST_USER") or "",
        "password": env.optional_text("EMAIL_HOST_PASSWORD") or "",
        "use_tls": env.flag("EMAIL_USE_TLS", default=True),
    }
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", default="Reintegra <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            env.choice("TASKS_BACKEND", default="database", choices=tuple(_TASK_BACKENDS))
        ]
    }
}

# Security: strict by default, relaxed only by DEBUG for local work on plain http.
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.number("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_HSTS_SECONDS = env.number("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.flag("BEHIND_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# One console; Django's own loggers pass their records up to it (not also to Django's default
# console, which printed each traceback twice), a refused request as one line (reintegra/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_for_client_errors": {"()": "reintegra.logs.OneLineForClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_for_client_errors"]},
    },
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", default="INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR")),
    },
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.request": {"filters": ["one_line_for_client_errors"]},
        "django.security": {"filters": ["one_line_for_client_errors"]},
        **{library: {"level": "WARNING"} for library in QUIET_LIBRARIES},
    },
}
