# Podium: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(abspath $(VENV))/bin/python
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=

export PODIUM_EMULATOR_PYTHON := $(PY)

.PHONY: all demo test build venv swift-test emulator-test lint format bench clean emulator release-check soak install build-info

## soak: `podium watch` in tmux against the emulator with traffic and faults, sampled from /proc (scripts/soak.py).
DURATION ?= 60m
## CI_SOAK: the soak `make test` runs alongside the Swift tests (0 turns it off).
CI_SOAK ?= 2m

all: build

## venv: the project-local Python environment with moto (pinned) and boto3.
venv: $(VENV)/.installed

$(VENV)/.installed: Emulator/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check -q -r Emulator/requirements.txt
	touch $@

## build: the Swift package (debug).
build: build-info
	$(SWIFT) build $(SWIFT_BUILD_FLAGS)

## build-info: the git commit for `podium --version` (a git-ignored header; plain `swift build` says "unknown").
build-info:
	@scripts/gen-build-info.sh

## install: the release binary, themes, man page and completions under $(DESTDIR)$(PREFIX) (scripts/install.sh).
## INSTALL_BINARY installs an already built podium instead of building a release (the install test uses debug).
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_BINARY ?=
install: build-info
	@if [ -z "$(INSTALL_BINARY)" ]; then $(SWIFT) build -c release --product podium $(SWIFT_BUILD_FLAGS); fi
	scripts/install.sh "$(if $(INSTALL_BINARY),$(INSTALL_BINARY),$$($(SWIFT) build -c release --show-bin-path)/podium)" \
	  "$(DESTDIR)" "$(PREFIX)"

## TEST_WIDTH: how many Swift tests run at once. Unbounded, Swift Testing starts all ~200 suites together; on 2 cores
## the start then starves every test's body for 45-100 s, so deadlines inside tests (a tmux screen within 30 s, a poll)
## ran out in CI. Bounded, a test waits for a slot before its body starts, and the run is faster too: 212-213 s at 5
## or 8 against 235 s unbounded (926 tests, this 2-core machine, same build).
TEST_WIDTH ?= 6

## test: the emulator's own tests, then every Swift test (unit, emulator-backed and tmux end-to-end).
test: venv build
	@# The registry benchmark at a small size (4 x 25) so it cannot rot; fails only on call counts. It needs only the
	@# built podium and mostly waits, so it runs beside the emulator's own tests (56 s one after the other, 43 s so).
	@echo "registry bench (4 x 25, --check) beside pytest; log: .build/registry-bench-ci.log"
	@$(PY) Benchmarks/RegistryBench/registry_bench.py --groups 4 --versions 25 --podium .build/debug/podium \
	  --repeats 1 --idle-seconds 3 --keys 50 --load-deadline 60 --check >.build/registry-bench-ci.log 2>&1 & bench=$$!; \
	echo "$(PY) -m pytest -q Emulator/tests"; $(PY) -m pytest -q Emulator/tests; pytests=$$?; \
	wait $$bench; benched=$$?; \
	if [ $$benched -ne 0 ]; then cat .build/registry-bench-ci.log; fi; \
	[ $$pytests -eq 0 ] && [ $$benched -eq 0 ]
	$(SWIFT) build --build-tests $(SWIFT_BUILD_FLAGS)
	@# The CI soak runs beside the Swift tests (it needs only the built podium): it measures podium's own
	@# RSS, fds, threads and CPU seconds, which other load does not inflate. Both must pass.
	@if [ "$(CI_SOAK)" != "0" ]; then \
	  $(PY) scripts/soak.py --duration $(CI_SOAK) --log .build/soak-ci.log >/dev/null 2>&1 & soak=$$!; \
	fi; \
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test --skip-build $(SWIFT_BUILD_FLAGS); tests=$$?; \
	soaked=0; \
	if [ -n "$$soak" ]; then wait $$soak; soaked=$$?; echo "--- soak ($(CI_SOAK)):"; grep -E "summary|FAIL|ok:" .build/soak-ci.log; fi; \
	[ $$tests -eq 0 ] && [ $$soaked -eq 0 ]

soak: venv build
	$(PY) scripts/soak.py --duration $(DURATION)

emulator-test: venv
	$(PY) -m pytest -q Emulator/tests

swift-test: venv
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test $(SWIFT_BUILD_FLAGS)

## demo: emulator on a free loopback port, seeded, live traffic, then podium on config/demo.yaml.
demo: venv build
	@Emulator/demo.sh

## emulator: run the emulator alone in the foreground (prints its URL).
emulator: venv
	$(PY) -m Emulator.podium_emulator --host 127.0.0.1 --port 0

## lint / format: swift format with the project's .swift-format.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks

format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Tests Benchmarks

## bench: the benchmarks (release build); each reports ratios against a peer measured in the same run.
bench: venv
	$(SWIFT) build -c release --product AWSCoreBenchmarks
	$(SWIFT) build -c release --product TerminalUIBenchmarks
	$(SWIFT) build -c release --product tui-demo
	$(SWIFT) run -c release --skip-build AWSCoreBenchmarks
	@# TerminalUIBenchmarks includes issue 11's 10,000-version list: each sort, filter and the windowed frame
	@# against the 16 ms frame budget and a plain sorted()/contains floor.
	$(SWIFT) run -c release --skip-build TerminalUIBenchmarks
	@# Issue 11: the registry at 40 x 250 (CLI vs raw HTTP replay and boto3, calls vs the paged-list minimum,
	@# the console's load time, idle calls per minute, RSS, key -> frame latency with the emulator stopped).
	$(SWIFT) build -c release --product podium
	$(PY) Benchmarks/RegistryBench/registry_bench.py --podium .build/release/podium --json .build/registry-bench.json

## release-check: release build; proves the test hooks are compiled out (slow: not part of `make test`).
release-check: venv
	scripts/release-check.sh

clean:
	rm -rf .build $(VENV)
