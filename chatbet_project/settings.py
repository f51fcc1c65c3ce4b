"""Settings for every mode, read from the environment.

One module, two modes: with no variables set it runs the embedded default (SQLite, in-memory
channel layer, local-memory cache, sandbox sports provider, offline engine); `DATABASE_URL` and
`REDIS_URL` switch to the full stack. `DJANGO_ENV=production` turns on the production guards.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, production or test, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)


def _secret_key() -> str:
    """Production must be given a key; development keeps a random one in an ignored file."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without it: "
            "export SECRET_KEY to a long random value, "
            "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    key_file = BASE_DIR / "var" / "dev_secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        key_file.write_text(key)
        return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=True with DJANGO_ENV=production: production refuses to start in debug mode "
                               "(it shows settings and tracebacks to anyone). Unset DEBUG.")
if PRODUCTION and "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS contains '*' with DJANGO_ENV=production: production refuses "
                               "to accept any Host header. List the site's host names, "
                               "e.g. ALLOWED_HOSTS=chatbet.example.")
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS",
    default=["http://localhost:4200", "http://localhost", "http://localhost:80", "http://localhost:8000",
             "http://127.0.0.1:8000"],
)
CORS_ALLOW_CREDENTIALS = True
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=CORS_ALLOWED_ORIGINS)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "channels",
    "accounts",
    "sports",
    "betting",
    "chat",
]

MIDDLEWARE = [
    "chatbet_project.metrics.PrometheusMiddleware",  # first: times the whole stack, by route pattern
    "chatbet_project.logging.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chatbet_project.urls"
ASGI_APPLICATION = "chatbet_project.asgi.application"
WSGI_APPLICATION = None

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
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and a warming worker read while another writes.
    # synchronous=NORMAL: in WAL mode a commit no longer waits for an fsync (3-7 ms here, on every chat
    # turn's two transactions); an application crash still loses nothing, only a power cut might.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                       "timeout": 20}
    # Connections are kept (DB_CONN_MAX_AGE): reopening SQLite for every database_sync_to_async call
    # cost ~1.2 ms of CPU each, several times per chat turn. Autocommit connections hold no locks.
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
STACK_MODE = "full" if REDIS_URL else "embedded"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="chatbet"),
            "OPTIONS": {
                # Short socket timeouts: a stopped Redis must make readiness say "down", not hang.
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=1.0),
                "SOCKET_TIMEOUT": env.float("REDIS_SOCKET_TIMEOUT", default=1.0),
                "CONNECTION_POOL_KWARGS": {"max_connections": env.int("REDIS_CACHE_MAX_CONNECTIONS", default=200)},
            },
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # socket_timeout None: redis-py 8's 5 s default drops idle consumers (channels_redis#422).
                "hosts": [{"address": REDIS_URL, "socket_timeout": None,
                           "max_connections": env.int("REDIS_LAYER_MAX_CONNECTIONS", default=1000)}],
                # The default capacity (100) silently drops group messages under load.
                "capacity": env.int("CHANNEL_LAYER_CAPACITY", default=1500),
                "expiry": env.int("CHANNEL_LAYER_EXPIRY", default=60),
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="chatbet"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "chatbet",
                          "OPTIONS": {"MAX_ENTRIES": 50_000}}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer",
                                  "CONFIG": {"capacity": 1500, "expiry": 60}}}

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
# No result backend unless asked for: every task ignores its result (CELERY_TASK_IGNORE_RESULT).
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
# Without a broker the same tasks run in-process, so the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE: dict = {}  # filled by the apps' schedule entries below
# sports: cache warming (tasks are idempotent and lock themselves; `expires` drops runs that queued too long)
CELERY_BEAT_SCHEDULE.update({
    "sports-warm-tournaments": {"task": "sports.tasks.warm_tournaments", "schedule": 3600.0,
                                "options": {"expires": 3000}},
    "sports-warm-fixtures": {"task": "sports.tasks.warm_fixtures", "schedule": 600.0, "options": {"expires": 500}},
    "sports-warm-odds": {"task": "sports.tasks.warm_odds", "schedule": 20.0, "options": {"expires": 18}},
})
# betting: slips nobody confirmed expire; bets whose upstream reply was lost are settled against the upstream
CELERY_BEAT_SCHEDULE.update({
    "betting-expire-slips": {"task": "betting.tasks.expire_slips", "schedule": 60.0, "options": {"expires": 55}},
    "betting-reconcile-outcomes": {"task": "betting.tasks.reconcile_outcomes", "schedule": 60.0,
                                   "options": {"expires": 55}},
})

# --- Auth --------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ChatBetJWTAuthentication",  # user access tokens and guest tokens
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "chatbet_project.errors.api_exception_handler",
    # Shared-cache counters (accounts/throttles.py); an empty THROTTLE_* rate disables that limit.
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttles.AnonThrottle", "accounts.throttles.UserThrottle"],
    # Client IP = REMOTE_ADDR unless this many trusted proxies append X-Forwarded-For (never trust it blindly).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_PAGINATION_CLASS": "chatbet_project.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="100/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "chat": env.str("THROTTLE_CHAT", default="50/min"),
        "login": env.str("THROTTLE_LOGIN", default="10/min"),
    },
}

SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": SECRET_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=60)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=7)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
}
GUEST_TOKEN_LIFETIME = timedelta(minutes=env.int("GUEST_TOKEN_MINUTES", default=120))

SPECTACULAR_SETTINGS = {
    "TITLE": "ChatBet API",
    "DESCRIPTION": "Conversational betting assistant: chat, sports data, accounts.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI and ReDoc served from our static files: there is no CDN to reach offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One schema name per shared choice set (the odds query and the bet slip both take a market key).
    "ENUM_NAME_OVERRIDES": {"MarketEnum": "sports.domain.MARKET_KEYS"},
}

# --- Product settings --------------------------------------------------------------------------
SPORTS_PROVIDER = env.str("SPORTS_PROVIDER", default="sports.providers.sandbox.SandboxProvider")
CHATBET_API_BASE_URL = env.str("CHATBET_API_BASE_URL", default="")
CHATBET_USER_KEY = env.str("CHATBET_USER_KEY", default="")
CHATBET_API_TIMEOUT = env.float("CHATBET_API_TIMEOUT", default=5.0)
SANDBOX_SEED = env.int("SANDBOX_SEED", default=2026)
SANDBOX_LATENCY_MS = env.int("SANDBOX_LATENCY_MS", default=0)
# ISO-8601 instant the sandbox clock stops at (tests running several server processes); empty: it runs.
SANDBOX_FROZEN_AT = env.str("SANDBOX_FROZEN_AT", default="")
# Upstream client resilience (sports/providers/http.py)
CHATBET_API_RETRIES = env.int("CHATBET_API_RETRIES", default=3)
CHATBET_API_BACKOFF = env.float("CHATBET_API_BACKOFF", default=0.25)
CHATBET_BREAKER_FAIL_MAX = env.int("CHATBET_BREAKER_FAIL_MAX", default=5)
CHATBET_BREAKER_RESET_SECONDS = env.float("CHATBET_BREAKER_RESET_SECONDS", default=30.0)
# Without a broker (embedded mode) nothing runs beat: the server warms sports caches itself
# while a /ws/sports-updates client is connected, so odds pushes still happen.
SPORTS_INPROCESS_WARMING = env.bool("SPORTS_INPROCESS_WARMING", default=CELERY_TASK_ALWAYS_EAGER)
SPORTS_TTL = {
    "tournaments": env.int("SPORTS_TTL_TOURNAMENTS", default=86400),
    "fixtures": env.int("SPORTS_TTL_FIXTURES", default=14400),
    "odds": env.int("SPORTS_TTL_ODDS", default=30),
    "live_odds": env.int("SPORTS_TTL_LIVE_ODDS", default=10),
    "balance": env.int("SPORTS_TTL_BALANCE", default=30),
    "stale": env.int("SPORTS_TTL_STALE", default=7 * 86400),
}

LLM_PROVIDER = env.str("LLM_PROVIDER", default="offline")
LLM_MODEL = env.str("LLM_MODEL", default="gemini-2.5-flash")
LLM_API_KEY = env.str("LLM_API_KEY", default="")
LLM_BASE_URL = env.str("LLM_BASE_URL", default="")
LLM_TIMEOUT = env.float("LLM_TIMEOUT", default=20.0)
LLM_TEMPERATURE = env.float("LLM_TEMPERATURE", default=0.3)
LLM_MAX_TOKENS = env.int("LLM_MAX_TOKENS", default=800)
LLM_MAX_TOOL_STEPS = env.int("LLM_MAX_TOOL_STEPS", default=4)  # model calls per turn (tool loop bound)
LLM_STREAMING = env.bool("LLM_STREAMING", default=True)  # SSE from the provider; False: one JSON reply per step
LLM_RETRIES = env.int("LLM_RETRIES", default=2)  # on 429/5xx/timeouts, only before anything was streamed
LLM_RETRY_BASE_DELAY = env.float("LLM_RETRY_BASE_DELAY", default=0.5)
LLM_RETRY_MAX_DELAY = env.float("LLM_RETRY_MAX_DELAY", default=4.0)
LLM_BREAKER_FAIL_MAX = env.int("LLM_BREAKER_FAIL_MAX", default=5)  # failed turns in a row that open the breaker
LLM_BREAKER_RESET_SECONDS = env.float("LLM_BREAKER_RESET_SECONDS", default=30.0)
LLM_CACHE_TTL = env.int("LLM_CACHE_TTL", default=300)  # public-data answers only; 0 disables

CHAT_MAX_MESSAGE_CHARS = 2000
CHAT_HISTORY_LIMIT = env.int("CHAT_HISTORY_LIMIT", default=200)  # latest messages in a history (REST and socket)
WS_MAX_CONNECTIONS_PER_IP = env.int("WS_MAX_CONNECTIONS_PER_IP", default=5)
WS_MAX_CONNECTIONS_PER_USER = env.int("WS_MAX_CONNECTIONS_PER_USER", default=5)
WS_STATUS_TOKEN = env.str("WS_STATUS_TOKEN", default="")
# Chat socket heartbeat: ping connections quiet this long, close those silent for WS_IDLE_TIMEOUT.
WS_HEARTBEAT_INTERVAL = env.float("WS_HEARTBEAT_INTERVAL", default=30.0)
WS_IDLE_TIMEOUT = env.float("WS_IDLE_TIMEOUT", default=90.0)
# Consecutive over-quota messages answered with `rate_limited` before the socket is closed (4429).
WS_RATE_LIMIT_STRIKES = env.int("WS_RATE_LIMIT_STRIKES", default=5)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Operators: A/B variants honoured by the engine (assignments are recorded either way), and the HMAC key
# that pseudonymises people in conversation exports (default: derived from SECRET_KEY).
CHAT_EXPERIMENTS_ENABLED = env.bool("CHAT_EXPERIMENTS_ENABLED", default=True)
EXPORT_PSEUDONYM_KEY = env.str("EXPORT_PSEUDONYM_KEY", default="")

# --- i18n / static -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security ----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^health/"]

# --- Logging -----------------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "chatbet_project.logging.RequestIDFilter"}},
    "formatters": {
        "json": {
            "()": "chatbet_project.logging.RedactingJsonFormatter",  # redacts message, traceback, extras
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.channels.server": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}

HEALTH_CHECKS = {
    # name: (dotted path, required for readiness)
    "database": ("chatbet_project.health.check_database", True),
    "cache": ("chatbet_project.health.check_cache", True),
    "channel_layer": ("chatbet_project.health.check_channel_layer", True),
    "chatbet_provider": ("sports.health.check_provider", False),
    "llm_provider": ("chat.health.check_llm", False),
}
HEALTH_CHECK_TIMEOUT = env.float("HEALTH_CHECK_TIMEOUT", default=2.0)
