"""The one settings module. Defaults run on SQLite with no environment; production sets
DANVAN_SECRET_KEY, DANVAN_ALLOWED_HOSTS, DANVAN_SECURE and usually DATABASE_URL."""

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.lib.env import env_bool, env_int, env_list, env_month_day, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DANVAN_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DANVAN_DEBUG", False)


def _secret_key() -> str:
    key = env_str("DANVAN_SECRET_KEY")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("DANVAN_SECRET_KEY must be at least 50 characters long")
        return key
    # No key given: keep a random one beside the database so sessions survive restarts,
    # and never ship a key in the code.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DANVAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DANVAN_CSRF_TRUSTED_ORIGINS", [])

SECURE = env_bool("DANVAN_SECURE", False)
SECURE_SSL_REDIRECT = SECURE
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000 if SECURE else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
if env_bool("DANVAN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("DANVAN_SESSION_SECONDS", 8 * 3600, minimum=300)
# Sessions are stored in the database and read through the shared cache (a query less on every page).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the built-in form templates, for the project's FormRenderer
    "django_htmx",
    "csp",
    "ninja",  # serves the API docs page's assets locally instead of from a CDN
    "treebeard",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "danvan.lib.apps.LibConfig",
    "danvan.jobs",
    "danvan.audit",
    "danvan.orgs",
    "danvan.accounts",
    "danvan.documents",
    "danvan.programs",
    "danvan.activities",
    "danvan.rollup",
    "danvan.reports",
    "danvan.registry",
    "danvan.concerns",
    "danvan.members",
    "danvan.press",
    "danvan.inspections",
    "danvan.emulation",
    "danvan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside the session middleware: it sees the cookies that one sets on the way out.
    "danvan.accounts.middleware.PrivatePagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# No inline script anywhere (site.js binds the few behaviours); inline styles are allowed for the
# chart bars' heights and htmx's indicator styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

FORM_RENDERER = "danvan.lib.forms.FormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "danvan.accounts.context_processors.nav",
            ],
            "builtins": ["danvan.lib.templatetags.vi"],
        },
    },
    {
        # The rows of the longest lists, included by `{% jinja %}` (see danvan/lib/jinja.py).
        "NAME": "jinja",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "danvan" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "danvan.lib.jinja.environment", "extensions": ["jinja2.ext.i18n"]},
    },
]


# SQLite however it is configured (by default or by DATABASE_URL): WAL lets readers go on while
# one writer writes; IMMEDIATE takes the write lock at BEGIN so two writers queue on the busy
# timeout instead of failing mid-transaction with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _databases() -> dict:
    url = env_str("DATABASE_URL")
    # A server process keeps its connection a while on either engine: opening SQLite and setting
    # its pragmas was 1.5 ms of every request.
    keep = env_int("DANVAN_DB_CONN_MAX_AGE", 60, minimum=0)
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=keep)
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {exc}") from None
        config["CONN_HEALTH_CHECKS"] = True
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "danvan.sqlite3"), "CONN_MAX_AGE": keep}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return {"default": config}


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Figures a page keeps a while (a province's matrix, a program's adoption picture, a dashboard):
# beside the database, so every gunicorn worker of the machine reads what one of them counted.
# diskcache keeps them in SQLite files: a write is 0.05 ms however many are kept (Django's file
# cache lists its folder on every write, 17 ms at 10,000 entries); the least recently stored go
# first past the size limit.
CACHES = {
    "default": {
        "BACKEND": "danvan.lib.kept.SharedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 1.0,
        "OPTIONS": {"size_limit": 512 * 2**20},
    }
}

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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: after 5 failures for one user name from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = env_int("DANVAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DANVAN_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "danvan.accounts.views.lockout"
AXES_VERBOSE = False

OTP_TOTP_ISSUER = env_str("DANVAN_TOTP_ISSUER", "danvan")
# Codes of the previous and next 30-second step are accepted (a phone's clock a little off). After
# a wrong code the next try waits 0.1 s × 2^(failures − 1): nothing for a person retyping, 51 s
# after ten failures, half an hour after fifteen, so guessing six digits stays hopeless.
OTP_TOTP_TOLERANCE = 1
OTP_TOTP_THROTTLE_FACTOR = 0.1
DANVAN_REQUIRE_2FA_FOR_ADMINS = env_bool("DANVAN_REQUIRE_2FA_FOR_ADMINS", True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "danvan" / "locale"]
FORMAT_MODULE_PATH = ["danvan.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = env_str("DANVAN_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns at every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "danvan" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Every API list comes in pages: ?limit= (100 unless asked, at most 1,000) and ?offset=.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000

# Slow work (reading scans, big imports) runs in a database-backed queue: `danvan worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A job whose worker has not beaten for this long is taken up by another worker, at most this many runs in all.
DANVAN_JOB_LEASE_SECONDS = env_int("DANVAN_JOB_LEASE_SECONDS", 60, minimum=2)
DANVAN_JOB_MAX_ATTEMPTS = env_int("DANVAN_JOB_MAX_ATTEMPTS", 3, minimum=1)

# API tokens last this many days by default, and at most the maximum (calendar tokens until revoked).
DANVAN_API_TOKEN_DAYS = env_int("DANVAN_API_TOKEN_DAYS", 90, minimum=1)
DANVAN_API_TOKEN_MAX_DAYS = env_int("DANVAN_API_TOKEN_MAX_DAYS", 365, minimum=1)

DANVAN_IMPORT_MAX_ROWS = env_int("DANVAN_IMPORT_MAX_ROWS", 20000, minimum=1)

# Mail (reminders): off until DANVAN_EMAIL_HOST is set; links in mails start with DANVAN_BASE_URL.
EMAIL_HOST = env_str("DANVAN_EMAIL_HOST", "")
EMAIL_PORT = env_int("DANVAN_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("DANVAN_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("DANVAN_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DANVAN_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DANVAN_EMAIL_FROM", "danvan <noreply@localhost>")
EMAIL_TIMEOUT = 30
# SMTP once a host is set; until then mail is printed by the console backend (report notices).
EMAIL_BACKEND = env_str(
    "DANVAN_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DANVAN_BASE_URL = env_str("DANVAN_BASE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DANVAN_LOG_LEVEL", "WARNING")},
}

# Reports: the place written before the date ("Hà Nội, ngày ..."), until an org sets its own
# letterhead; and how many working days late a report is escalated to the committee above.
DANVAN_DEFAULT_PLACE = env_str("DANVAN_DEFAULT_PLACE", "Hà Nội")
DANVAN_REPORT_ESCALATE_AFTER = env_int("DANVAN_REPORT_ESCALATE_AFTER", 5, minimum=1)

# Concerns: how long after an answer its raiser may reopen it (days), and the working days overdue
# after which an open concern goes up to the org above (and again after as many more).
DANVAN_CONCERN_REOPEN_DAYS = env_int("DANVAN_CONCERN_REOPEN_DAYS", 15, minimum=1)
DANVAN_CONCERN_ESCALATE_AFTER = env_int("DANVAN_CONCERN_ESCALATE_AFTER", 5, minimum=1)

# Members' tasks: members report on the year's task, and cells assess it, from this day of the
# year to that day of the next (month, day).
DANVAN_MEMBER_REPORT_FROM = env_month_day("DANVAN_MEMBER_REPORT_FROM", (11, 15))
DANVAN_MEMBER_REPORT_UNTIL = env_month_day("DANVAN_MEMBER_REPORT_UNTIL", (1, 31))
