"""Django settings for Palermo, read from the environment with safe development defaults."""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PALERMO_VAR_DIR", Path.cwd() / "var")).resolve()


def env_flag(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """Return the key stored under var/, creating it once, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Demo mode creates the demo accounts and shows their password on the login page.
PALERMO_DEMO = env_flag("PALERMO_DEMO")
PALERMO_DEMO_PASSWORD = "palermo-demo-2024"  # noqa: S105 - public by design, demo only
# The State this deployment serves when a user's organisation does not say (ISO 3166 alpha-3).
PALERMO_COUNTRY = os.environ.get("PALERMO_COUNTRY", "").upper()
PALERMO_TOKEN_DAYS = int(os.environ.get("PALERMO_TOKEN_DAYS", "90"))
# Where links in e-mails point to.
PALERMO_BASE_URL = os.environ.get("PALERMO_BASE_URL", "http://127.0.0.1:8000")

# Uploads (palermo.core.uploads): documents and evidence files, then tables that are imported.
PALERMO_UPLOAD_MAX_MB = float(os.environ.get("PALERMO_UPLOAD_MAX_MB", "20"))
PALERMO_IMPORT_MAX_MB = float(os.environ.get("PALERMO_IMPORT_MAX_MB", "10"))
PALERMO_IMPORT_MAX_ROWS = int(os.environ.get("PALERMO_IMPORT_MAX_ROWS", "20000"))
# Evidence: where dataset versions are kept as Parquet files (records never enter the database),
# the largest file an evidence import takes, and the engine statistics run on.
PALERMO_EVIDENCE_ROOT = Path(
    os.environ.get("PALERMO_EVIDENCE_ROOT", VAR_DIR / "evidence")
).resolve()
PALERMO_EVIDENCE_IMPORT_MAX_MB = float(os.environ.get("PALERMO_EVIDENCE_IMPORT_MAX_MB", "100"))
PALERMO_EVIDENCE_ENGINE = os.environ.get("PALERMO_EVIDENCE_ENGINE", "duckdb")
# Uploaded files past 2.5 MB go to a temporary file rather than memory; a body without files
# (form fields, JSON) may hold 5 MB. Larger requests are refused by their Content-Length first
# (palermo.core.middleware.UploadSizeMiddleware).
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "palermo.core",
    "palermo.engagement",
    "palermo.instruments",
    "palermo.reviews",
    "palermo.tracking",
    "palermo.evidence",
    "palermo.networks",
    "palermo.reports",
    "palermo.portal",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "palermo.core.middleware.ApiJsonErrorsMiddleware",
    "palermo.core.middleware.UploadSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "palermo.core.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "palermo.core.middleware.RecordInUseMiddleware",
]

ROOT_URLCONF = "palermo.urls"
WSGI_APPLICATION = "palermo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "palermo.core.context_processors.palermo",
            ],
            # The one way to print text people wrote and mixed values (core/templatetags/text.py),
            # available in every template without a load.
            "builtins": [
                "palermo.core.templatetags.text",
                "palermo.core.templatetags.choices",
            ],
        },
    },
]


def database_settings(url: str) -> dict[str, Any]:
    """The default database from its URL, tuned so concurrent requests wait instead of failing.

    SQLite (the embedded default for one office): write-ahead logging lets readers go on while
    one request writes; every transaction takes the write lock when it begins (IMMEDIATE), so two
    writers queue for it instead of one failing half-way with "database is locked"; a waiting
    writer gives up only after SQLITE_BUSY_SECONDS. synchronous=NORMAL is safe with WAL (a power
    cut may lose the last commits, never corrupt the file) and spares an fsync per commit.
    Each server process keeps its connection between requests (DATABASE_CONN_MAX_AGE, 600 s
    unless set): opening one costs more CPU than a page's queries (SQLite: Django registers its
    SQL functions and the pragmas run on every connection, about 1.7 ms here; PostgreSQL: a new
    server process and its authentication, several milliseconds). A kept PostgreSQL connection
    is checked before each request reuses it, so a restarted database costs one reconnection.

    PostgreSQL: DATABASE_POOL=1 keeps a pool of connections in each server process instead
    (psycopg's pool, Django 5.1+), for many workers sharing a database's connection limit.
    """
    database: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")))
    )
    options: dict[str, Any] = dict(database.get("OPTIONS") or {})
    if "DATABASE_CONN_MAX_AGE" not in os.environ:
        database["CONN_MAX_AGE"] = 600
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", float(os.environ.get("SQLITE_BUSY_SECONDS", "15")))
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
    elif database["ENGINE"] == "django.db.backends.postgresql" and env_flag("DATABASE_POOL"):
        options["pool"] = {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
            "timeout": 10,
        }
        # A pooled connection is handed back after each request; Django refuses both at once.
        database["CONN_MAX_AGE"] = 0
    database["OPTIONS"] = options
    return database


DATABASES = {
    "default": database_settings(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'palermo.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "palermo.core.auth.PalermoModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five wrong passwords for one username lock it for fifteen minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("PALERMO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PALERMO_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "palermo.core.views.account.lockout"
AXES_VERBOSE = False

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ur", _("Urdu")),
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date format per language: "30 June 2025", never "06/30/2025" (palermo/formats/).
FORMAT_MODULE_PATH = ["palermo.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the packages' static folders, so no collectstatic is needed to start.
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "palermo@localhost")

# Security headers. Cookies travel only over HTTPS, unless this machine is served over plain
# http on purpose (`make run` on 127.0.0.1 sets PALERMO_PLAIN_HTTP=1; so does DEBUG).
PALERMO_PLAIN_HTTP = env_flag("PALERMO_PLAIN_HTTP", default=DEBUG)
SESSION_COOKIE_SECURE = not PALERMO_PLAIN_HTTP
CSRF_COOKIE_SECURE = not PALERMO_PLAIN_HTTP
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "palermo.core.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = (
    0 if PALERMO_PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
)
if env_flag("PALERMO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # TLS usually ends at the reverse proxy; SECURE_SSL_REDIRECT=1 turns the redirect on here.
    *([] if SECURE_SSL_REDIRECT else ["security.W008"]),
    # Lock-out is per account on purpose: ministries sit behind one shared address, and
    # locking that address would lock out a whole office after five typos.
    "axes.W006",
]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
    }
}

# Every API list pages with bounded `limit` and `offset`; a value beyond them is refused (422).
NINJA_PAGINATION_CLASS = "palermo.core.api_pagination.BoundedLimitOffsetPagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
PALERMO_API_MAX_OFFSET = 1_000_000

# Background work (reports). The database backend (django-tasks-db) queues tasks in the database
# for the worker that `palermo serve` starts beside gunicorn (or `palermo task_worker`).
# PALERMO_TASKS_IMMEDIATE=1 runs each task at once in the process that queued it, with no
# worker; tests switch to that backend with a settings override.
PALERMO_TASKS_IMMEDIATE = env_flag("PALERMO_TASKS_IMMEDIATE")
# A report whose task shows no heartbeat for this long is taken for abandoned (its worker was
# killed): it is queued again once, then failed. Running tasks beat every quarter of it.
PALERMO_TASK_STALE_SECONDS = int(os.environ.get("PALERMO_TASK_STALE_SECONDS", "120"))
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if PALERMO_TASKS_IMMEDIATE
        else "django_tasks_db.DatabaseBackend",
    }
}

# Pages a reader opens again are served from memory while no table they read was written
# (palermo.core.pagecache); this long at most. 0 turns it off. Each server process keeps its own
# (up to PALERMO_PAGE_CACHE_ENTRIES pages); point the "pages" cache at Redis to share them.
PALERMO_PAGE_CACHE_SECONDS = int(os.environ.get("PALERMO_PAGE_CACHE_SECONDS", "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "palermo-pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PALERMO_PAGE_CACHE_ENTRIES", "400"))},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
