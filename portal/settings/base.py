"""Settings shared by every environment, read from the environment at start-up."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
# Demo records (is_demo) are for development: off unless a settings module turns them on.
# When off, no public read or API answer shows one (PublishableQuerySet.published()).
SHOW_DEMO_DATA = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.security.apps.PortalAdminConfig",  # django.contrib.admin with the 2FA site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "talent",
    "programs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.middleware.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.security.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.security.middleware.RequestSizeLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.security.middleware.AdminSessionTimeoutMiddleware",
    "portal.security.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# The public site renders with Jinja2 (jinja2/, portal/pages/jinja2.py), looked up first: 404.html
# and 500.html are its pages too. The admin, form widgets, sitemaps and other Django internals
# keep the Django template language (templates/ and the apps' templates).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "portal.pages.jinja2.environment",
            "autoescape": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Absent DATABASE_URL means the zero-setup SQLite file in the project. Django's own backends;
# a connection kept between requests (CONN_MAX_AGE) is checked before a request reuses it.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# PostgreSQL's JIT compiler pays off for long analytical queries; a web request's short
# queries only pay its compile time (14-41 ms measured on the portal's searches). Parallel
# workers likewise: under a LIMIT they read far past the rows asked for (the site search's
# first ten craftsmen named 王伟: 420 ms with two workers, 6 ms without, at a million rows).
# A database that hangs must not hang the site: a connection attempt gives up after
# DB_CONNECT_TIMEOUT seconds, and a statement after DB_STATEMENT_TIMEOUT (set by portal/wsgi.py
# for the web server only, so migrations and commands may run long); either failure is a 503.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        options=(
            "-c jit=off -c max_parallel_workers_per_gather=0"
            f" -c statement_timeout={env('DB_STATEMENT_TIMEOUT', '0')}"
        ),
        connect_timeout=int(env("DB_CONNECT_TIMEOUT", "5")),
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve PostgreSQL, the production database; SQLite, the zero-setup
# default of `make run`, keeps their key columns only, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Absent REDIS_URL means a per-process memory cache.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            # Redis that never takes the site down: a failed call is logged and bypassed.
            "BACKEND": "portal.security.resilient_cache.ResilientRedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "cqskills",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole public responses kept in the shared cache (portal/publishing/cache.py); 0 turns it
# off. Only on by default with Redis: a per-process cache could not be invalidated across
# workers.
PUBLIC_CACHE_SECONDS = int(env("PUBLIC_CACHE_SECONDS", "60" if env("REDIS_URL") else "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

LOGIN_URL = "admin:login"

# The API's machinery lives in portal/api/; these are its defaults for every view.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["portal.api.filtering.PortalFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["portal.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.ApiPermission"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.KeysetPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "portal.api.renderers.JSONRenderer",
        "portal.api.renderers.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "portal.api.renderers.PortalContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": [
        "portal.api.throttling.AnonymousThrottle",
        "portal.api.throttling.TokenThrottle",
    ],
    # Counted on the default cache: Redis (shared by all app servers) when REDIS_URL is set.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", "120/minute"),
        "token": env("API_TOKEN_RATE", "1200/minute"),
        # Wrong or revoked tokens per client address: guessing keys gets slow at once.
        "failed_authentication": env("API_FAILED_AUTH_RATE", "20/minute"),
    },
    # The client's address for rate limits: REMOTE_ADDR, or with TRUSTED_PROXIES=N reverse
    # proxies in front, the address the N-th of them saw (X-Forwarded-For from the right).
    # A client cannot pick its own address by sending X-Forwarded-For.
    "NUM_PROXIES": int(env("TRUSTED_PROXIES", "0")),
    "EXCEPTION_HANDLER": "portal.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Other sites' pages may read the API anonymously from the browser (django-cors-headers):
# GET only, no cookies, no Authorization header (tokens stay server to server).
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After", "Content-Disposition")
SPECTACULAR_SETTINGS = {
    "TITLE": "重庆技能人才门户 API",
    "DESCRIPTION": (
        "重庆技能人才门户的开放接口：已发布的技能人才、工作室、荣誉、竞赛、培训项目、培训基地和"
        "急需紧缺职业目录。匿名即可读取；写入需管理员签发的令牌。\n\n"
        "Open API of the Chongqing Skills Talent Portal: published craftsmen, studios, honors, "
        "competitions, programs, training bases and the shortage catalogue. Reading needs no "
        "token; writing needs a token issued by an administrator."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums stay inline where they are used: one choice set per field, no name collisions.
    "POSTPROCESSING_HOOKS": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # Audit lines in UTC, whatever TIME_ZONE says; values are escaped where they are logged.
        "audit": {
            "()": "portal.security.audit.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "audit": {"class": "logging.StreamHandler", "formatter": "audit"},
    },
    "loggers": {
        "portal.security": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["audit"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# --- Staff accounts (issue #7; portal/security/) -------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock a username from one address only: colleagues behind the same NAT keep signing in.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.audit.lockout_response"
AXES_VERBOSE = False
# TOTP two-factor sign-in for the admin; prod turns it on, the environment may anywhere.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "重庆技能人才门户"
# The admin signs a staff member out after 30 idle minutes and 8 hours in all.
ADMIN_IDLE_TIMEOUT = timedelta(minutes=int(env("ADMIN_IDLE_MINUTES", "30")))
ADMIN_SESSION_MAX_AGE = timedelta(hours=int(env("ADMIN_SESSION_HOURS", "8")))
SESSION_COOKIE_AGE = int(ADMIN_SESSION_MAX_AGE.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Headers (django-csp 4): no inline script anywhere, the API docs included -------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Swagger UI and the admin set element styles from their own scripts.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Uploads: checked by content, re-encoded, stored under generated names ---------------
UPLOAD_IMAGE_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Whole request bodies (portal.security.middleware.RequestSizeLimitMiddleware): anyone's forms
# and JSON; staff's uploads and spreadsheets.
REQUEST_MAX_BYTES = 1024 * 1024
REQUEST_MAX_BYTES_STAFF = 24 * 1024 * 1024
