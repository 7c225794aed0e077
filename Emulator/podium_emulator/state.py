"""Process-wide emulator state that is not moto's: timings, faults, the request log, pending failures."""

from __future__ import annotations

import itertools
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS = ("throttle", "http500", "http503", "delay", "reset", "truncate", "garbage", "expired_token", "skew")
SERVICES = ("sagemaker", "monitoring", "sts", "s3", "iam")


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"podium-emulator: {name}={raw!r} is not a number of seconds")
    if value < 0:
        raise SystemExit(f"podium-emulator: {name}={raw!r} must be >= 0")
    return value


@dataclass
class Fault:
    """One injected fault: which requests it matches, what it does and how many times."""

    id: str
    operation: str
    service: str | None
    kind: str
    count: int | None
    delay_ms: int
    skew_seconds: int = 0  # skew: how far the emulator's clock is off (faults_ext)
    code: str | None = None  # skew: the error code to answer instead of the protocol's own

    def matches(self, service: str, operation: str) -> bool:
        if self.service and self.service != service:
            return False
        return self.operation == "*" or self.operation == operation

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "operation": self.operation,
            "service": self.service,
            "kind": self.kind,
            "count": self.count,
            "delay_ms": self.delay_ms,
            "skew_seconds": self.skew_seconds,
            "code": self.code,
        }


@dataclass
class PendingFailure:
    """The next UpdateEndpoint of this endpoint fails in this mode."""

    mode: str
    reason: str
    account: str | None = None
    region: str | None = None


@dataclass
class EmulatorState:
    """Everything the control API changes, behind one lock."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    create_seconds: float = 0.0
    update_seconds: float = 0.0
    stack_step_seconds: float = 0.0  # cloudformation_ext: how long each step of a stack update takes
    faults: list[Fault] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    pending_failures: dict[str, PendingFailure] = field(default_factory=dict)
    seq: itertools.count = field(default_factory=lambda: itertools.count(1))
    fault_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    max_log: int = 100_000

    def load_env_defaults(self) -> None:
        self.create_seconds = _env_float("PODIUM_EMU_CREATE_SECONDS", 0.0)
        self.update_seconds = _env_float("PODIUM_EMU_UPDATE_SECONDS", 0.0)
        self.stack_step_seconds = _env_float("PODIUM_EMU_STACK_STEP_SECONDS", 0.0)

    # MARK: faults

    def add_fault(self, spec: dict[str, Any]) -> Fault:
        kind = spec.get("kind")
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(FAULT_KINDS)}; got {kind!r}")
        operation = spec.get("operation", "*")
        if not isinstance(operation, str) or not operation:
            raise ValueError("operation must be an operation name such as 'DescribeEndpoint', or '*'")
        service = spec.get("service")
        if service is not None and service not in SERVICES:
            raise ValueError(f"service must be one of {', '.join(SERVICES)} or omitted; got {service!r}")
        count = spec.get("count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
            raise ValueError("count must be a positive integer or null (until cleared)")
        delay_ms = spec.get("delay_ms", 0) or 0
        if not isinstance(delay_ms, int) or isinstance(delay_ms, bool) or delay_ms < 0:
            raise ValueError("delay_ms must be a non-negative integer")
        if kind == "delay" and delay_ms == 0:
            raise ValueError("a delay fault needs delay_ms > 0")
        from .faults_ext import validate

        skew_seconds, code = validate(kind, spec)
        with self.lock:
            fault = Fault(f"f{next(self.fault_ids)}", operation, service, kind, count, delay_ms, skew_seconds, code)
            self.faults.append(fault)
            return fault

    def take_fault(self, service: str, operation: str) -> Fault | None:
        """Returns the first matching fault and uses up one of its count."""
        with self.lock:
            for fault in self.faults:
                if fault.kind == "skew":
                    continue  # a clock, not a one-off answer: faults_ext.skew_refusal judges it
                if fault.matches(service, operation):
                    if fault.count is not None:
                        fault.count -= 1
                        if fault.count <= 0:
                            self.faults.remove(fault)
                    return fault
        return None

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    # MARK: request log

    def log_request(self, entry: dict[str, Any]) -> None:
        with self.lock:
            entry["seq"] = next(self.seq)
            self.requests.append(entry)
            if len(self.requests) > self.max_log:
                del self.requests[: len(self.requests) - self.max_log]

    def request_log(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.requests)

    def clear_requests(self) -> None:
        with self.lock:
            self.requests.clear()

    # MARK: endpoint failures

    def set_pending_failure(self, endpoint_name: str, failure: PendingFailure) -> None:
        with self.lock:
            self.pending_failures[endpoint_name] = failure

    def take_pending_failure(self, endpoint_name: str, account: str, region: str) -> PendingFailure | None:
        with self.lock:
            failure = self.pending_failures.get(endpoint_name)
            if failure is None:
                return None
            if failure.account and failure.account != account:
                return None
            if failure.region and failure.region != region:
                return None
            del self.pending_failures[endpoint_name]
            return failure

    def reset(self) -> None:
        with self.lock:
            self.faults.clear()
            self.requests.clear()
            self.pending_failures.clear()
            self.load_env_defaults()


STATE = EmulatorState()


def now() -> float:
    """Wall-clock seconds; endpoint transitions are computed from it lazily."""
    return time.time()
