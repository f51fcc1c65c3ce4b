#!/usr/bin/env bash
# Every core of one host behind one address: nginx on $PORT routing /ws/ to $WS_PROCESSES daphne
# processes and HTTP to $HTTP_WORKERS gunicorn workers, plus the Celery worker and beat, on the real
# PostgreSQL ($DATABASE_URL) and Redis ($REDIS_URL). Foreground; Ctrl-C (or any process dying) stops all.
#
#   make cluster                                  # defaults below
#   PORT=8080 WS_PROCESSES=2 HTTP_WORKERS=4 deploy/cluster.sh
#   CLUSTER_NO_CELERY=1 deploy/cluster.sh         # web tier only (tests, benchmarks)
#   RUN_MODULE=/path/to/wrapper deploy/cluster.sh # how a Python module is run (default: python -m);
#                                                 # a profiler, coverage or the tests' clock wrapper
#
# Sizing (README "Running on every core"): WS_PROCESSES ~ cores (each daphne is one event loop on one
# core), HTTP_WORKERS ~ 2 x cores (sync workers block on the database and upstream calls).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"
BIN="$VENV/bin"
CORES="$(nproc 2>/dev/null || echo 2)"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/chatbet}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-chatbet_project.settings}"
# nginx is the only proxy in front, on this host: its X-Forwarded-For is believed from its address only.
export TRUSTED_PROXIES="${TRUSTED_PROXIES:-127.0.0.1}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"
WS_PROCESSES="${WS_PROCESSES:-$CORES}"
HTTP_WORKERS="${HTTP_WORKERS:-$((2 * CORES))}"
BACKEND_BASE_PORT="${BACKEND_BASE_PORT:-18100}"
RUN_DIR="${RUN_DIR:-$ROOT/var/cluster-$PORT}"
NGINX="${NGINX:-/usr/sbin/nginx}"
read -r -a run_module <<<"${RUN_MODULE:-$BIN/python -m}"
if [[ ! -x "$NGINX" ]]; then
    echo "nginx is not installed at $NGINX: install Debian's nginx-light (apt-get install nginx-light) or set NGINX" >&2
    exit 2
fi

mkdir -p "$RUN_DIR"
pids=()
stop_all() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT INT TERM

# A fresh machine's PostgreSQL has no database of ours yet: create it (trust or DATABASE_URL's credentials).
"$BIN/python" - <<'PY'
import os
from urllib.parse import urlsplit

url = os.environ["DATABASE_URL"]
if url.startswith("postgres"):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created the PostgreSQL database {name}")
PY
"$BIN/python" manage.py migrate --noinput -v 0
"$BIN/python" manage.py collectstatic --noinput -v 0
"$BIN/python" manage.py ensure_operator

ws_upstreams=""
for i in $(seq 0 $((WS_PROCESSES - 1))); do
    port=$((BACKEND_BASE_PORT + i))
    "${run_module[@]}" daphne -b 127.0.0.1 -p "$port" chatbet_project.asgi:application \
        >"$RUN_DIR/daphne-$i.log" 2>&1 &
    pids+=("$!")
    ws_upstreams+="        server 127.0.0.1:$port max_fails=0;"$'\n'
    echo "daphne $i on 127.0.0.1:$port (pid $!)"
done
http_port=$((BACKEND_BASE_PORT + 99))
"${run_module[@]}" gunicorn chatbet_project.wsgi:application --bind "127.0.0.1:$http_port" --workers "$HTTP_WORKERS" \
    --worker-class sync --forwarded-allow-ips "" --access-logfile - --log-level warning \
    >"$RUN_DIR/gunicorn.log" 2>&1 &
pids+=("$!")
echo "gunicorn: $HTTP_WORKERS workers on 127.0.0.1:$http_port (pid $!)"

# nginx starts once every backend answers (a cold start under load takes tens of seconds).
backends=()
for i in $(seq 0 $((WS_PROCESSES - 1))); do backends+=("http://127.0.0.1:$((BACKEND_BASE_PORT + i))/ws/ping"); done
backends+=("http://127.0.0.1:$http_port/health/live")
"$BIN/python" - "${backends[@]}" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + 180
for url in sys.argv[1:]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"{url} did not come up within 180 s")
        time.sleep(0.3)
PY

if [[ -z "${CLUSTER_NO_CELERY:-}" ]]; then
    "${run_module[@]}" celery -A chatbet_project worker -l info --concurrency 2 >"$RUN_DIR/celery-worker.log" 2>&1 &
    pids+=("$!")
    "${run_module[@]}" celery -A chatbet_project beat -l info --schedule "$RUN_DIR/celerybeat-schedule" \
        >"$RUN_DIR/celery-beat.log" 2>&1 &
    pids+=("$!")
    echo "celery worker and beat (logs in $RUN_DIR)"
fi

WS_UPSTREAMS="$ws_upstreams" HTTP_UPSTREAMS="        server 127.0.0.1:$http_port;" RUN_DIR="$RUN_DIR" \
    LISTEN="$HOST:$PORT" NGINX_WORKERS="${NGINX_WORKERS:-1}" \
    "$BIN/python" -c 'import os, re, sys; print(re.sub(r"\$\{(\w+)\}", lambda m: os.environ[m[1]], sys.stdin.read()))' \
    <deploy/nginx.conf.template >"$RUN_DIR/nginx.conf"
"$NGINX" -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/nginx-error.log" &
pids+=("$!")
echo "ChatBet cluster on http://$HOST:$PORT/  (logs in $RUN_DIR)"

# Any process dying stops the cluster (a supervisor or compose restarts the whole of it).
wait -n "${pids[@]}"
echo "a cluster process exited; stopping the others" >&2
