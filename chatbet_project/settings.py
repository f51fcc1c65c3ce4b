"""Settings for every mode, read from the environment.

One module, two modes: with no variables set it runs the embedded default (SQLite, in-memory
channel layer, local-memory cache, sandbox sports provider, offline engine); `DATABASE_URL` and
`REDIS_URL` switch to the full stack. `DJANGO_ENV=production` turns on the production guards.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from chatbet_project import proxies as _proxies

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, production or test, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)


MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 10


def _secret_key() -> str:
    """Production must be given a long random key (it signs every JWT, and guest tokens are free to get);
    development keeps a random one in an ignored file."""
    if key := env.str("SECRET_KEY", default=""):
        if PRODUCTION and (len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS
                           or key.startswith("django-insecure-")):
            raise ImproperlyConfigured(
                f"SECRET_KEY is too weak for production: it needs at least {MIN_SECRET_KEY_LENGTH} characters "
                f"and {MIN_SECRET_KEY_UNIQUE_CHARACTERS} distinct ones (it signs every token). Generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.")
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
# Development defaults only: the web page is same-origin, and production lists its real front-end origins.
LOCAL_ORIGINS = ["http://localhost:4200", "http://localhost", "http://localhost:80", "http://localhost:8000",
                 "http://127.0.0.1:8000"]
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[] if PRODUCTION else LOCAL_ORIGINS)


def _is_local_origin(origin: str) -> bool:
    from urllib.parse import urlsplit

    return (urlsplit(origin).hostname or "") in {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104


if PRODUCTION and (local := [origin for origin in CORS_ALLOWED_ORIGINS if _is_local_origin(origin)]):
    raise ImproperlyConfigured(f"CORS_ALLOWED_ORIGINS contains local origins {local} with DJANGO_ENV=production: "
                               "any page served from a visitor's own machine could call the API. List the real "
                               "front-end origins (or none: the web page is same-origin), or run with "
                               "DJANGO_ENV=development locally.")
# Clients authenticate with bearer tokens, never cookies: cross-origin requests carry no credentials.
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["X-Request-ID", "Retry-After"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=CORS_ALLOWED_ORIGINS)

# Forwarded headers (X-Forwarded-For/-Proto) are believed only from these addresses or networks: the
# one switch for running behind a proxy (chatbet_project/proxies.py). Empty: the socket peer is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
_proxies.parse_trusted_proxies(TRUSTED_PROXIES)  # a typo refuses to start instead of trusting nothing or all
if env.str("NUM_PROXIES", default="0").strip() not in ("", "0"):
    raise ImproperlyConfigured("NUM_PROXIES is gone: set TRUSTED_PROXIES to the proxy addresses or networks "
                               "(e.g. TRUSTED_PROXIES=172.18.0.0/16) instead.")
# Bodies larger than this are answered 413 before they are read (chatbet_project/body_limit.py).
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES

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
    "insights",  # after chat: its admin extends chat's (see insights/admin.py)
]

MIDDLEWARE = [
    "chatbet_project.metrics.PrometheusMiddleware",  # first: times the whole stack, by route name
    "chatbet_project.logging.RequestIDMiddleware",
    "chatbet_project.errors.JsonNotFoundMiddleware",  # inside the request id, outside CommonMiddleware's redirects
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the web page's language: cookie, else Accept-Language
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend whose health check skips `SELECT 1` while the socket has nothing to read (a server
    # that ended the session makes it readable): one transaction less per database hop, issue 20.
    DATABASES["default"]["ENGINE"] = "chatbet_project.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend with each statement's placeholders converted once per process (issue 20).
    DATABASES["default"]["ENGINE"] = "chatbet_project.sqlite3"
    # WAL lets the web process and a warming worker read while another writes.
    # synchronous=NORMAL: in WAL mode a commit no longer waits for an fsync (3-7 ms here, on every chat
    # turn's two transactions); an application crash still loses nothing, only a power cut might.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                       "timeout": 20}
    # Connections are kept (DB_CONN_MAX_AGE): reopening SQLite for every database_sync_to_async call
    # cost ~1.2 ms of CPU each, several times per chat turn. Autocommit connections hold no locks.
if DATABASES["default"]["ENGINE"] == "chatbet_project.postgresql":
    # The chat turn's statements are sent with their parameters apart (`bound_cursor`): psycopg prepares one on
    # the server after it ran this many times on a connection, so PostgreSQL no longer parses and plans it on
    # every turn (its own CPU per turn, issue 20). Django's other queries quote their parameters into the text
    # and are never prepared. "off": nothing prepared (behind a PgBouncer older than 1.21 in transaction mode).
    # Measured: PostgreSQL's CPU per chat turn 1.32-1.53 ms, 0.99-1.15 ms prepared (bench/README.md, 18th session).
    _prepare = env.str("DB_PREPARE_THRESHOLD", default="5").strip().lower()
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        None if _prepare in ("", "off", "none") else int(_prepare))
# PostgreSQL connections from Django's psycopg pool when DB_POOL_MAX_SIZE > 0 (per process): HTTP
# requests served over ASGI close their connection when they end (chatbet_project/db.py), and with a
# pool that hands it back instead of ending a PostgreSQL session per request. Off by default: not yet
# measured on a quiet machine (bench/README.md); Django refuses persistent connections with a pool.
DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=0)
if DATABASES["default"]["ENGINE"] == "chatbet_project.postgresql" and DB_POOL_MAX_SIZE > 0:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1), "max_size": DB_POOL_MAX_SIZE,
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),  # waiting longer for a connection is an error
    }
# Async code (the chat turn, the sockets) queries PostgreSQL from a pool of DB_THREADS threads per
# process, each with its own persistent connection, instead of Channels' one database thread, which
# waits on every round trip (chatbet_project/db.py). SQLite keeps the one thread whatever this says.
DB_THREADS = env.int("DB_THREADS", default=4)
DATABASES["default"]["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=None)}
if DATABASES["default"]["ENGINE"] == "chatbet_project.sqlite3" and not DATABASES["default"]["TEST"]["NAME"]:
    # What Django makes of no name (an in-memory test database), said outright: pytest-django leaves an unnamed
    # one alone only for Django's own SQLite engine, else names it after the file and the xdist worker.
    DATABASES["default"]["TEST"]["NAME"] = ":memory:"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
STACK_MODE = "full" if REDIS_URL else "embedded"
# Many hosts (docs/scaling.md): the channel layer sharded over several Redis servers (channels-redis
# hashes each channel and group to one of them; every process must list the same servers in the same
# order), and this process's cache on a Redis of its own. Both default to REDIS_URL.
CHANNEL_LAYER_REDIS_URLS = env.list("CHANNEL_LAYER_REDIS_URLS", default=[REDIS_URL] if REDIS_URL else [])
CACHE_REDIS_URL = env.str("CACHE_REDIS_URL", default=REDIS_URL)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
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
                "hosts": [{"address": url, "socket_timeout": None,
                           "max_connections": env.int("REDIS_LAYER_MAX_CONNECTIONS", default=1000)}
                          for url in CHANNEL_LAYER_REDIS_URLS],
                # The default capacity (100) silently drops group messages under load.
                "capacity": env.int("CHANNEL_LAYER_CAPACITY", default=1500),
                "expiry": env.int("CHANNEL_LAYER_EXPIRY", default=60),
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="chatbet"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "chatbet_project.caches.LocMemCache", "LOCATION": "chatbet",
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
# chat: questions whose answering process died, with nobody retrying, get an apology (never left unanswered)
CELERY_BEAT_SCHEDULE["chat-answer-orphaned-questions"] = {
    "task": "chat.tasks.answer_orphaned_questions", "schedule": 30.0, "options": {"expires": 25}}
# betting: slips nobody confirmed expire; bets whose upstream reply was lost are settled against the upstream
CELERY_BEAT_SCHEDULE.update({
    "betting-expire-slips": {"task": "betting.tasks.expire_slips", "schedule": 60.0, "options": {"expires": 55}},
    "betting-reconcile-outcomes": {"task": "betting.tasks.reconcile_outcomes", "schedule": 60.0,
                                   "options": {"expires": 55}},
})

# --- Auth --------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# The first hashes new passwords; all of them verify stored ones. Same pbkdf2_sha256 format as Django's,
# computed on low-priority threads so a login flood does not slow chat turns (accounts/hashers.py).
PASSWORD_HASHERS = [
    "accounts.hashers.LowPriorityPBKDF2PasswordHasher",  # also verifies pbkdf2_sha256 (one hasher per algorithm)
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.NotOnlyWhitespaceValidator"},
]
# Registration tells the address's owner by email instead of telling the requester whether it is taken.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend" if PRODUCTION
                        else "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=5.0)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ChatBet <no-reply@chatbet.local>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ChatBetJWTAuthentication",  # user access tokens and guest tokens
    ],
    # Deny by default: every view declares whom it allows (chatbet_project/permissions.py).
    "DEFAULT_PERMISSION_CLASSES": ["chatbet_project.permissions.DenyUndeclared"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "chatbet_project.errors.api_exception_handler",
    "DEFAULT_PARSER_CLASSES": ["chatbet_project.parsers.SafeJSONParser"],
    # Shared-cache counters (accounts/throttles.py); an empty THROTTLE_* rate disables that limit.
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttles.AnonThrottle", "accounts.throttles.UserThrottle"],
    # Client IP = REMOTE_ADDR, already decided from TRUSTED_PROXIES by chatbet_project/proxies.py.
    "NUM_PROXIES": 0,
    "DEFAULT_PAGINATION_CLASS": "chatbet_project.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="100/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "chat": env.str("THROTTLE_CHAT", default="50/min"),
        "login": env.str("THROTTLE_LOGIN", default="10/min"),  # per (username or email, IP)
        "login_ip": env.str("THROTTLE_LOGIN_IP", default="30/min"),  # any usernames from one IP
        "login_user": env.str("THROTTLE_LOGIN_USER", default="30/hour"),  # one username from any IP
        "chat_ip": env.str("THROTTLE_CHAT_IP", default="100/min"),  # chat messages per IP, on top of "chat"
        "guest": env.str("THROTTLE_GUEST", default="20/hour"),  # guest tokens minted per IP
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
# Password hashing is the costliest thing a request can make the server do (~1 s of CPU here): at most
# this many run at once per process; more logins or registrations are answered 429 + Retry-After at once.
PASSWORD_CHECK_CONCURRENCY = env.int("PASSWORD_CHECK_CONCURRENCY", default=max(1, (os.cpu_count() or 2) // 2))
# Niceness of the threads that compute password hashes (accounts/hashers.py): chat is scheduled first.
PASSWORD_HASH_NICENESS = env.int("PASSWORD_HASH_NICENESS", default=5)
GUEST_TOKEN_LIFETIME = timedelta(minutes=env.int("GUEST_TOKEN_MINUTES", default=120))

SPECTACULAR_SETTINGS = {
    "TITLE": "ChatBet API",
    "DESCRIPTION": "Conversational betting assistant: chat, sports data, accounts.\n\n"
                   "The WebSockets `/ws/chat` and `/ws/sports-updates` are not REST: every frame both ways, the "
                   "close codes, the error codes and the session resume and takeover rules are in "
                   "[the WebSocket protocol](/docs/websocket-protocol) (`docs/websocket-protocol.md`).",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI and ReDoc served from our static files: there is no CDN to reach offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Nothing from outside the server: no online validator badge, and ReDoc on the system fonts
    # (its stock page links Google Fonts; `templates/api_docs/redoc.html` drops them).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_UI_SETTINGS": {"theme": {"typography": {"fontFamily": "system-ui, sans-serif",
                                                   "headings": {"fontFamily": "system-ui, sans-serif"}}}},
    # One schema name per shared choice set (the odds query and the bet slip both take a market key).
    "ENUM_NAME_OVERRIDES": {"MarketEnum": "sports.domain.MARKET_KEYS"},
}

# --- Product settings --------------------------------------------------------------------------
SPORTS_PROVIDER = env.str("SPORTS_PROVIDER", default="sports.providers.sandbox.SandboxProvider")
CHATBET_API_BASE_URL = env.str("CHATBET_API_BASE_URL", default="")
# Fernet keys for secrets stored in the database (users' ChatBet keys), newest first; empty: one derived
# from SECRET_KEY. Rotate: prepend a new key, `manage.py rotate_field_keys`, then drop the old one.
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[])
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
# How long a process reuses its decoded catalogue and fixture indexes before re-checking their version in the
# shared cache: how late it may see another process's refresh, against a cache round trip per read.
SPORTS_MEMO_RECHECK_SECONDS = env.float("SPORTS_MEMO_RECHECK_SECONDS", default=1.0)
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
# A turn being answered holds a lease on its question, renewed every third of it while the engine runs:
# a retry after a crash takes over once it lapses (chat/services/leases.py), and the beat sweep answers
# questions whose lease lapsed with nobody retrying.
CHAT_TURN_LEASE_SECONDS = env.float("CHAT_TURN_LEASE_SECONDS", default=10.0)
WS_MAX_CONNECTIONS_PER_IP = env.int("WS_MAX_CONNECTIONS_PER_IP", default=5)
WS_MAX_CONNECTIONS_PER_USER = env.int("WS_MAX_CONNECTIONS_PER_USER", default=5)
WS_STATUS_TOKEN = env.str("WS_STATUS_TOKEN", default="")
# Chat socket heartbeat: ping connections quiet this long, close those silent for WS_IDLE_TIMEOUT.
WS_HEARTBEAT_INTERVAL = env.float("WS_HEARTBEAT_INTERVAL", default=30.0)
WS_IDLE_TIMEOUT = env.float("WS_IDLE_TIMEOUT", default=90.0)
# /ws/sports-updates re-checks a signed-in socket's session (logout, new password, a claimed guest) at every client
# frame and, at most this often, before forwarding a push: one lookup per socket per interval, not per odds change.
WS_SESSION_RECHECK_SECONDS = env.float("WS_SESSION_RECHECK_SECONDS", default=30.0)
# Consecutive over-quota messages answered with `rate_limited` before the socket is closed (4429).
WS_RATE_LIMIT_STRIKES = env.int("WS_RATE_LIMIT_STRIKES", default=5)
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
# Operators: A/B variants honoured by the engine (assignments are recorded either way), and the HMAC key
# that pseudonymises people in conversation exports (default: derived from SECRET_KEY).
CHAT_EXPERIMENTS_ENABLED = env.bool("CHAT_EXPERIMENTS_ENABLED", default=True)
# Responsible gambling (chat/services/safety.py): the help and crisis resources each language's answers name,
# as JSON objects {"en": "...", "es": "...", "pt_br": "..."}; a language left out keeps the catalogue's default
# (gambling help: BeGambleAware / Jugar Bien / Jogadores Anônimos; crisis: findahelpline.com, CVV 188 for pt_br).
RG_HELP_LINES = env.json("RG_HELP_LINES", default={})
# A raised (or removed) daily stake limit takes effect after this many hours; a lowered one at once
# (accounts.services.set_daily_stake_limit): a decision to bet more is never taken in the heat of a session.
DAILY_LIMIT_RAISE_COOLING_OFF_HOURS = env.int("DAILY_LIMIT_RAISE_COOLING_OFF_HOURS", default=24)
RG_CRISIS_LINES = env.json("RG_CRISIS_LINES", default={})
EXPORT_PSEUDONYM_KEY = env.str("EXPORT_PSEUDONYM_KEY", default="")

# --- i18n / static -----------------------------------------------------------------------------
LANGUAGE_CODE = "en"
# The languages we speak (chatbet_project/i18n.py maps our en / es / pt_br codes to these); translations
# in locale/ (gettext .po, compiled to .mo by `manage.py compilemessages` at install).
LANGUAGES = [("en", "English"), ("es", "Español"), ("pt-br", "Português (Brasil)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
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
    # No SECURE_PROXY_SSL_HEADER: the scheme comes from X-Forwarded-Proto only when a TRUSTED_PROXIES
    # address sent it (chatbet_project/proxies.py sets the ASGI scope's scheme and drops the header).
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
