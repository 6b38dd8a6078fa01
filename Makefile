# survey_app — the two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export FLASK_APP := survey_app
# Links printed by `flask campaign create` point at the address `make run` serves.
SURVEY_APP_BASE_URL ?= http://$(HOST):$(PORT)
export SURVEY_APP_BASE_URL

.PHONY: run serve test install translations messages lint typecheck audit bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv --upgrade-deps $(VENV)  # current pip and setuptools (pip-audit checks them)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(VENV)/.installed

translations: install
	$(BIN)/pybabel compile -d survey_app/translations

## make messages: re-extract the marked strings into the Indonesian catalogue and compile it.
messages: install
	$(BIN)/python tools/i18n.py

## make run: set up, migrate the SQLite database, load the questionnaires and a demo, serve.
run: install translations
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask demo setup --host $(HOST) --port $(PORT)
	$(BIN)/flask user ensure-admin --login-url http://$(HOST):$(PORT)/staff/login
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## make serve: the production configuration (wsgi.py) under gunicorn, over plain http on
## this machine only (SURVEY_APP_INSECURE_LOCALHOST=1, refused off loopback). SECRET_KEY:
## yours, or one generated once into instance/secret_key (mode 0600). docs/operations.md.
SERVE_PORT ?= 8000
serve: install translations
	$(BIN)/python -c 'import gunicorn' 2>/dev/null || \
	    $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[deploy]'
	mkdir -p instance
	export SURVEY_APP_INSECURE_LOCALHOST=1 SURVEY_APP_BIND=$(HOST):$(SERVE_PORT) \
	    SURVEY_APP_BASE_URL=http://$(HOST):$(SERVE_PORT) \
	    SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -m survey_app.serving secret-key)}" && \
	$(BIN)/python -m survey_app.serving check && \
	$(BIN)/flask db upgrade && \
	$(BIN)/flask demo setup --host $(HOST) --port $(SERVE_PORT) && \
	$(BIN)/flask user ensure-admin --login-url http://$(HOST):$(SERVE_PORT)/staff/login && \
	exec $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

## make test: lint, type-check, audit and the whole suite (SQLite and a throwaway PostgreSQL).
test: install translations lint typecheck audit
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider --ignore=tests/test_dependencies.py

## make audit: pip-audit of the installed dependencies; a known vulnerability fails, an
## advisory database out of reach is a skip that says why (tests/test_dependencies.py).
audit: install
	$(BIN)/python -m pytest -p no:cacheprovider -q -rs tests/test_dependencies.py

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy survey_app config.py

bench: install translations
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python -m bench
	$(BIN)/python -m bench.mentoring_matching

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
