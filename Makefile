# samenwijs_stage — see README.md. Every variable below can be overridden:
#   make test ODOO_SRC=~/src/odoo-19.0 PYTEST_ARGS='-k wb1 -x'
SHELL := /bin/bash
export ODOO_SRC SAMENWIJS_CACHE VENV PYTHON DB HTTP_PORT HTTP_INTERFACE PYTEST_ARGS TEST_PASSES

.PHONY: run test lint bench setup i18n dropdb help

help:
	@echo "make run    serve Odoo with both addons and demo data on 127.0.0.1:8069"
	@echo "make test   lint, then install into throwaway databases and run the tests"
	@echo "make lint   ruff, pylint-odoo and XML checks"
	@echo "make bench  query counts and timings of the batch operations"
	@echo "make i18n   re-export the .pot and merge the Dutch translation"

run:
	@scripts/run.sh

test: setup lint
	@scripts/test.sh

lint: setup
	@scripts/lint.sh

bench: setup
	@scripts/bench.sh

i18n: setup
	@scripts/i18n.sh

setup:
	@scripts/setup.sh

dropdb: setup
	@. "$${SAMENWIJS_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/samenwijs_stage}/pg.env" && dropdb --if-exists "$${DB:-samenwijs}"
