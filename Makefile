# Yunqi Explainer. `make html` and `make test` are all a fresh machine needs.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PELICANOPTS ?=
CONF := pelican.conf.py
PUBLISHCONF := publishconf.py
INPUTDIR := content
OUTPUTDIR ?= output
PORT ?= 8000
STAMP := $(VENV)/.installed
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin
# Deployment settings read by publishconf.py, whether given to make or in the environment.
export SITEURL CNAME
NPM ?= npm
# Node tools pinned by package-lock.json: vnu-jar for `make test`, lighthouse (dev) for `make audit`.
NODE_STAMP := node_modules/.installed
NODE_DEV_STAMP := node_modules/.installed-dev
NPM_CI := $(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error
AUDIT_FAIL_UNDER ?= 0

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif
RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

.DEFAULT_GOAL := html

help: ## Show this list of targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variables: DEBUG=1 (verbose), RELATIVE=1, PORT=$(PORT), OUTPUTDIR=$(OUTPUTDIR)"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python tools/check_lock.py
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned dependencies (only when missing or changed)

# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; we use the system's.
$(NODE_STAMP): package.json package-lock.json
	@command -v $(NPM) >/dev/null 2>&1 || { echo "npm not found: install Node.js 18.16+ and npm (Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
	$(NPM_CI) --omit=dev
	@touch $@

$(NODE_DEV_STAMP): package.json package-lock.json
	@command -v $(NPM) >/dev/null 2>&1 || { echo "npm not found: install Node.js 18.16+ and npm (Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
	$(NPM_CI)
	@touch $(NODE_STAMP) $@

node-deps: $(NODE_STAMP) ## Install the W3C HTML checker (npm vnu-jar, pinned; needs Java 17+ to run)

lock: ## Re-resolve requirements.lock from the pins in pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python tools/check_lock.py --print-pins > .lock-input.txt
	$(BIN)/python -m pip install --quiet -r .lock-input.txt
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock
	@rm -f .lock-input.txt
	@touch $(STAMP)

html: $(STAMP) ## Build the site into output/ (the last good output survives a failed build)
	$(BIN)/python tools/build.py -s $(CONF) -o $(OUTPUTDIR) $(PELICANOPTS)

clean: ## Remove the generated site
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).tmp-* $(OUTPUTDIR).old-*

regenerate: $(STAMP) ## Rebuild whenever content or theme change
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONF) $(PELICANOPTS)

serve: $(STAMP) ## Serve output/ at http://127.0.0.1:$(PORT)/
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONF) -p $(PORT) -b 127.0.0.1

devserver: $(STAMP) ## Rebuild on change and serve at http://127.0.0.1:$(PORT)/
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONF) -p $(PORT) -b 127.0.0.1 $(PELICANOPTS)

publish: $(STAMP) ## Build for deployment: SITEURL=https://USER.github.io/REPO make publish
	$(BIN)/python tools/build.py -s $(PUBLISHCONF) -o $(OUTPUTDIR) $(PELICANOPTS)

github: publish ## Commit output/ to the gh-pages branch and push it (SITEURL=..., optional CNAME=...)
	$(BIN)/ghp-import -m "Generate site" --no-jekyll -b $(GITHUB_PAGES_BRANCH) -r $(GITHUB_PAGES_REMOTE) -p $(OUTPUTDIR)

test: $(STAMP) $(NODE_STAMP) ## Run every test (needs Chromium, and Java + npm for the W3C checker: see README)
	$(BIN)/python -m tools.browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

BENCH_ARGS ?=
bench: $(STAMP) ## Build cost at scale, plugin on and off: BENCH_ARGS="--articles 1000 --terms 2000"
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# The content linter: STRICT=1 (the default, as in `make test`) fails on warnings too.
STRICT ?= 1
check: $(STAMP) ## Check the content: quotes, unused entries, names without an entry (STRICT=0: list only)
	$(BIN)/python -m tools.check_content $(if $(filter 1,$(STRICT)),--strict)

new-article: $(STAMP) ## Scaffold an article: make new-article SLUG=my-slug TITLE="标题" [PUBLISHED=2024-09]
	$(BIN)/python -m tools.new_article --slug "$(SLUG)" --title "$(TITLE)" $(if $(PUBLISHED),--published "$(PUBLISHED)") $(if $(SOURCE_URL),--source-url "$(SOURCE_URL)")

lint: $(STAMP) ## Lint and check formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

audit: $(STAMP) $(NODE_DEV_STAMP) ## Lighthouse (mobile) on the publish build's article, index and 404: reports/lighthouse.md
	$(BIN)/python -m tools.audit --fail-under $(AUDIT_FAIL_UNDER)

.PHONY: help install lock html clean regenerate serve devserver publish github test lint node-deps audit check new-article bench
