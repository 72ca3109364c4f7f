# Convenience targets; the scripts are the source of truth.
PREFIX ?= /usr/local

.PHONY: build test install run
build:
	bash scripts/build-release.sh --product triage
test:
	bash scripts/test.sh
install:
	bash scripts/install.sh "$(PREFIX)"
run:
	bash scripts/run.sh
