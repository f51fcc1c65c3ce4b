# The two commands: `make run` (server on the embedded default) and `make test` (whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Full-stack services used by the second test pass (the real PostgreSQL and Redis on this machine).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/chatbet
TEST_REDIS_URL ?= redis://127.0.0.1:6379/14

# `make cluster`: nginx + daphne (WebSockets) + gunicorn (HTTP) on every core, Celery worker and beat,
# on the real PostgreSQL and Redis (DATABASE_URL, REDIS_URL, PORT, WS_PROCESSES, HTTP_WORKERS: deploy/cluster.sh).
.PHONY: install install-langchain install-dev messages run cluster worker beat test test-embedded test-fullstack lint bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: $(BIN)/activate requirements.txt
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.langchain: $(VENV)/.runtime requirements-langchain.txt
	$(BIN)/pip install -q -r requirements-langchain.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime $(VENV)/.langchain requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# The translations (locale/*/LC_MESSAGES/*.po) compiled to the .mo files Django reads; the .mo files are
# not committed. compilemessages needs GNU gettext's msgfmt (Debian: apt-get install gettext) and skips
# catalogues that are already up to date.
messages: $(VENV)/.runtime
	$(PY) manage.py compilemessages -v 0

install: $(VENV)/.runtime messages
install-langchain: $(VENV)/.langchain  # optional: LLM_PROVIDER=langchain
install-dev: $(VENV)/.dev messages

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py ensure_operator
	@echo "ChatBet on http://localhost:$(PORT)/  (API docs: /docs, admin: /admin/)"
	@# No --proxy-headers: forwarded headers are believed only from TRUSTED_PROXIES (chatbet_project/proxies.py).
	$(BIN)/daphne -b $(HOST) -p $(PORT) chatbet_project.asgi:application

cluster: install
	deploy/cluster.sh

worker: install
	$(BIN)/celery -A chatbet_project worker -l info

beat: install
	$(BIN)/celery -A chatbet_project beat -l info

lint: install-dev
	$(BIN)/ruff check .

test-embedded: install-dev
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -n 2 --dist loadgroup

test-fullstack: install-dev
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest -m stack -p no:randomly

test: lint test-embedded test-fullstack

# The in-process benchmarks (seconds to a minute each); the server ones (ws_load, load, faults,
# dashboard) start their own processes and are run one by one, see bench/README.md.
bench: install-dev
	for script in chat_pipeline turn_cost chat_nlu_accuracy sports_cache; do $(PY) bench/$$script.py || exit 1; done

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
