"""Django settings for PressWatch.

All configuration comes from PRESSWATCH_* environment variables, read through :mod:`config.env`
(the only place that touches the environment). See docs/operations.md for the full list.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from config.env import Env

django_stubs_ext.monkeypatch()  # generic Django classes (ModelForm[Unit]) at run time

ENV = Env.load()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SRC_DIR = BASE_DIR / "src"
VAR_DIR = ENV.get_path("VAR_DIR", BASE_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = ENV.get_path("MEDIA_DIR", VAR_DIR / "media")
EVIDENCE_ROOT = ENV.get_path("EVIDENCE_DIR", VAR_DIR / "evidence")
MEDIA_URL = "/media/"

DEBUG = ENV.get_bool("DEBUG", default=False)
DEMO = ENV.get_bool("DEMO", default=False)


def _secret_key() -> str:
    """The configured key, else one generated once and kept in VAR_DIR (mode 600)."""
    configured = ENV.get_optional_str("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = ENV.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = ENV.get_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = ENV.get_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "huey.contrib.djhuey",
    "core",
    "places",
    "accounts",
    "registry",
    "monitoring",
    "analysis",
    "findings",
    "cases",
    "plans",
    "reports",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RequestContextMiddleware",
    "core.access.AccessMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------------------------
DATABASE_URL = ENV.get_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
SQLITE_PATH = VAR_DIR / "presswatch.sqlite3"


def _database() -> dict[str, Any]:
    if DATABASE_URL and not DATABASE_URL.startswith("sqlite"):
        config: dict[str, Any] = dict(dj_database_url.parse(DATABASE_URL, conn_max_age=60))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    path = (
        Path("/" + DATABASE_URL.removeprefix("sqlite:").lstrip("/"))
        if DATABASE_URL
        else SQLITE_PATH
    )
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # WAL lets the web server and the workers read while one writes; IMMEDIATE takes the
            # write lock at BEGIN so concurrent writers wait (busy timeout) instead of failing.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
        "TEST": {"NAME": str(VAR_DIR / "test-presswatch.sqlite3")},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Task queue (Huey) ----------------------------------------------------------------------------
REDIS_URL = ENV.get_url("REDIS_URL", ("redis", "rediss"))
HUEY_IMMEDIATE = ENV.get_bool("HUEY_IMMEDIATE", default=False)
HUEY_WORKERS = ENV.get_int("WORKERS", 2, minimum=1, maximum=64)
HUEY: dict[str, Any] = {
    "name": "presswatch",
    "immediate": HUEY_IMMEDIATE,
    "utc": True,
    "consumer": {"workers": HUEY_WORKERS, "worker_type": "thread", "periodic": True},
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}
# The cache holds only what may be lost (API rate-limit counters): Redis when configured, shared
# by every process and machine; else files under VAR_DIR, shared by the processes of this machine.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "presswatch",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
METRICS_TOKEN = ENV.get_str("METRICS_TOKEN", "")
JOB_LEASE_SECONDS = ENV.get_int("JOB_LEASE_SECONDS", 300, minimum=1, maximum=86400)
WEB_WORKERS = ENV.get_int("WEB_WORKERS", 2, minimum=1, maximum=64)
BIND = ENV.get_str("BIND", "127.0.0.1:8000")

# --- Auth, sessions, login throttling ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = ENV.get_int("SESSION_HOURS", 8, minimum=1, maximum=24 * 30) * 3600
SESSION_SAVE_EVERY_REQUEST = True  # idle expiry: the clock restarts on each request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_COOKIES = ENV.get_bool("SECURE_COOKIES", default=False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # pages carry the token themselves (forms, htmx headers)
# Behind the office's HTTPS reverse proxy (PRESSWATCH_SECURE_COOKIES=true): browsers keep to HTTPS,
# and the proxy's X-Forwarded-Proto tells Django the request was secure.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SECURE_COOKIES else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_COOKIES else None
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_MAX_FAILURES = ENV.get_int("LOGIN_MAX_FAILURES", 5, minimum=1, maximum=1000)
LOGIN_LOCKOUT_MINUTES = ENV.get_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=24 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = ENV.get_choice("LANGUAGE", "vi", ("vi", "en"))
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = ENV.get_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [SRC_DIR / "static", BASE_DIR / "assets"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_HOST_CONFIGURED = ENV.get_optional_str("EMAIL_HOST")
if EMAIL_HOST_CONFIGURED:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = EMAIL_HOST_CONFIGURED
    EMAIL_PORT = ENV.get_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
    EMAIL_HOST_USER = ENV.get_str("EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = ENV.get_str("EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = ENV.get_bool("EMAIL_TLS", default=False)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = ENV.get_str("EMAIL_FROM", "presswatch@localhost")

# --- API -----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.CapabilityPermission"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "PAGE_SIZE": 50,
    # per token (or user): the push-ingest endpoint takes batches of up to 1,000 posts
    "DEFAULT_THROTTLE_RATES": {"ingest": ENV.get_rate("INGEST_RATE", "120/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PressWatch API",
    "DESCRIPTION": "Registries, monitoring, cases and plans of the provincial press authority.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "RecordStatusEnum": "registry.choices.RecordStatus",
        "LicenceStatusEnum": "registry.choices.LicenceStatus",
        "LicenceKindEnum": "registry.choices.LicenceKind",
        "ChannelKindEnum": "registry.choices.ChannelKind",
        "UnitKindEnum": "accounts.models.units.UnitKind",
        "AlertStateEnum": "analysis.choices.AlertState",
        "CaseStateEnum": "cases.choices.CaseState",
        "AssignmentStateEnum": "cases.choices.AssignmentState",
    },
}

# --- Logging --------------------------------------------------------------------------------------
LOG_FORMAT = ENV.get_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # our handler, not the one the consumer would add (that printed every line twice)
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "trafilatura": {"level": "ERROR"},  # it warns for every page it gives up on
    },
}

# --- Monitoring -----------------------------------------------------------------------------------
MONITORING_RAW_HTML_DAYS = ENV.get_int("RAW_HTML_DAYS", 90, minimum=1, maximum=3650)
# trafilatura's fast mode (no fallback extractors, metadata from the markup): 1.9x the speed,
# lower precision (0.951 vs 0.961), F1 0.965 vs 0.966 (python -m bench.extraction)
MONITORING_EXTRACT_FAST = ENV.get_bool("EXTRACT_FAST", default=False)
# hours between re-checks of an article, growing (each at most a year)
MONITORING_RECHECK_HOURS = ENV.get_growing_numbers(
    "RECHECK_HOURS", (1, 6, 24, 72, 168), maximum=24 * 366
)
MONITORING_MIN_INTERVAL_SECONDS = (
    ENV.get_int("FETCH_INTERVAL_MS", 200 if DEMO else 5000, maximum=3_600_000) / 1000
)
MONITORING_RESPECT_ROBOTS = True
# the crawler never fetches private or local addresses (SSRF), except these networks
MONITORING_PRIVATE_ALLOWED = tuple(
    ENV.get_networks("FETCH_PRIVATE_ALLOW", ["127.0.0.0/8", "::1/128"] if DEMO else [])
)
