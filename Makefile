# Two commands do all the set-up on a fresh machine:  make run  |  make test
# They create .venv, install Rollbook with its test tools, and go.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha1(open('pyproject.toml','rb').read()).hexdigest()[:10])")

.PHONY: run test lint bench demo clean package package-test translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m app --demo

# The desk's French and Spanish (README, "Languages"): lupdate reads every tr(), translate() and
# QT_TRANSLATE_NOOP of app/ into the Qt Linguist files (new texts come in unfinished, texts gone
# from the code are dropped), lrelease compiles them to the .qm files the desk loads. Both kinds
# are committed; tests/unit/test_translations.py fails when a .qm is behind its .ts.
TS := resources/translations/rollbook_fr.ts resources/translations/rollbook_es.ts

translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations none $$(find app -name '*.py' | sort) -ts $(TS)
	for ts in $(TS); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done

test: $(STAMP)
	$(BIN)/ruff check app tests bench migrations
	$(BIN)/ruff format --check app tests bench migrations
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/vulture app vulture_whitelist.py --min-confidence 60
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p tests.coverage_threads --cov --cov-report=
	@echo "Least covered modules (all: $(BIN)/coverage report, or coverage html):"
	@$(BIN)/coverage report --sort=cover --skip-covered | sed -n '3,12p'

bench: $(STAMP)
	$(BIN)/python -m bench.bench_queries

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage htmlcov

# The admin's executable (README, "Packaging"): PyInstaller comes from the `package` extra.
# Not part of `make test`: a build takes a minute or more. Output: dist/rollbook/.
PKG_STAMP := $(subst /.installed-,/.package-,$(STAMP))

$(PKG_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[package]'
	rm -f $(VENV)/.package-* && touch $(PKG_STAMP)

package: $(PKG_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/rollbook.spec
	@echo "built dist/rollbook ($$(du -sh dist/rollbook | cut -f1))"

package-test: package
	$(BIN)/python packaging/package_test.py dist/rollbook
