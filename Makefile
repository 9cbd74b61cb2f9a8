# The two commands that matter: `make run` and `make test`. Everything else is a step they use.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test install catalogues extract update-catalogues redis chromium cards-tools test-card-tools cards lint check-content check-dockerfile clean

# The terminal chat starts at once; the Telegram bot first makes sure it can print summary cards.
run: install catalogues
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(MAKE) --no-print-directory cards-tools; exec $(BIN)/rahnama run; \
	else exec $(BIN)/rahnama chat; fi

test: install catalogues redis chromium test-card-tools
	$(BIN)/ruff check bot tests bench scripts
	$(BIN)/rahnama content check
	$(BIN)/pytest
	$(MAKE) --no-print-directory check-dockerfile

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Babel's gettext workflow: extract → update → (translators edit .po) → compile.
extract: install
	$(BIN)/pybabel --quiet extract -F babel.cfg -k N_ --no-location --sort-output \
	    --project=rahnama --copyright-holder="Rahnama contributors" -o locales/messages.pot bot

update-catalogues: extract
	$(BIN)/pybabel --quiet update -i locales/messages.pot -d locales --no-fuzzy-matching

catalogues: install
	$(BIN)/pybabel --quiet compile --use-fuzzy -d locales

redis: install
	$(BIN)/python scripts/ensure_redis.py

# Docker does not run on the development machines: replay the Dockerfile's steps in a temporary directory.
check-dockerfile: install
	$(BIN)/python scripts/check_dockerfile.py

# Debian's Chromium for the admin page's browser test (Playwright never downloads a browser).
chromium: install
	$(BIN)/python scripts/ensure_chromium.py

# Summary cards: Chromium and the Noto fonts to print them; for the tests also tesseract (fas, pus), zbar, poppler.
# (`make run` with a token goes on without them: only the card itself is then unavailable, and the bot says so.)
cards-tools: install
	-$(BIN)/python scripts/ensure_card_tools.py

test-card-tools: install
	$(BIN)/python scripts/ensure_card_tools.py --tests

# Every card (1080×1920 PNG and A4 PDF per category and language) into cards/; the QR codes open BOT_HANDLE.
cards: install catalogues cards-tools
	$(BIN)/rahnama cards build --out cards

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find locales -name '*.mo' -delete
