# danvan — `make run` to try it, `make test` to check it. Both install what is missing first.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Chromium drives the browser tests; fonts-liberation2 has the Vietnamese letters that
# fonts-liberation 1.x lacks; poppler/tesseract read PDFs and scans; gettext compiles translations;
# LibreOffice Writer turns the reports' .docx into PDF.
DEB_PACKAGES := chromium fonts-liberation2 poppler-utils tesseract-ocr tesseract-ocr-vie gettext libreoffice-writer-nogui
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install deb run serve test lint messages bench fuzz clean

install: $(STAMP) messages

deb:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if ! $(PY) -c "import ensurepip, venv" 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(STAMP): requirements.lock pyproject.toml
	@$(MAKE) --no-print-directory deb
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

messages: $(STAMP)
	@$(BIN)/danvan compilemessages --ignore=.venv --ignore=var -v0

run: install
	$(BIN)/danvan migrate --noinput -v0
	$(BIN)/danvan collectstatic --noinput -v0
	$(BIN)/danvan demo
	@echo "danvan is serving on http://$(HOST):$(PORT)/ with a background worker (Ctrl+C stops both)"
	@$(BIN)/danvan worker --no-startup-delay --interval 1 -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/danvan runserver $(HOST):$(PORT) --noreload

test: install
	$(BIN)/danvan makemigrations --check --dry-run -v0
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check danvan tests bench
	$(BIN)/ruff format --check danvan tests bench
	$(BIN)/mypy

fuzz: install
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-300} $(BIN)/pytest tests/api/test_fuzz.py

bench: install
	@for f in bench/*.py; do [ -e "$$f" ] && $(BIN)/python "$$f"; done; true

clean:
	rm -rf $(VENV) var test-results
