#!/usr/bin/env python3
"""Keep putting endpoint metrics for the demo endpoints, with an incident knob.

    .venv/bin/python Emulator/traffic.py --endpoint-url URL [--interval 10] [--control-file F] [--incident churn-prod]

Every tick it puts, per endpoint and variant (dimensions EndpointName + VariantName):
  AWS/SageMaker: Invocations, Invocation4XXErrors, Invocation5XXErrors (Sum per tick), ModelLatency and
  OverheadLatency (raw Values in microseconds, so percentiles work);
  /aws/sagemaker/Endpoints: CPUUtilization, MemoryUtilization.
The variants come from DescribeEndpoint each tick: production variants share the endpoint's invocations in
proportion to their CurrentWeight (a shift made with UpdateEndpointWeightsAndCapacities shows at the next tick); a
shadow variant gets its sampling share (its weight over the production variant's) of the production traffic;
a serverless variant gets ModelSetupTime (cold starts, AWS/SageMaker) and MemoryUtilization but no CPUUtilization.
At start it backfills the last --backfill-minutes (default 60) minute by minute.

Incident knob: write {"incident": "churn-prod"} (or {"incident": null}) to --control-file, or send SIGUSR1 to
toggle an incident on --incident-endpoint. An incident raises 5xx to ~8% and latency x6, and sets that endpoint's
`<endpoint>-5xx` alarm to ALARM (back to OK when it ends).
The loop stops when its parent process exits, when the emulator stops answering, or after --duration seconds.
Batches stay small (one PutMetricData per endpoint and namespace) and request compression is off: moto rejects gzip.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import signal
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from Emulator import world  # noqa: E402
from Emulator.seed import session_for  # noqa: E402

VARIANT_LATENCY = {"production": 1.0, "other": 0.88, "shadow": 1.12}  # challengers a little faster, shadows slower
CONFIG = Config(retries={"total_max_attempts": 2, "mode": "standard"}, disable_request_compression=True, connect_timeout=3, read_timeout=10)
BASE = {  # group -> (invocations per minute, model latency us, overhead latency us, cpu %)
    "churn": (900, 38_000, 2_500, 31),
    "fraud-detector": (2400, 21_000, 1_800, 47),
    "recsys-ranker": (5200, 64_000, 3_000, 58),
    "demand-forecast": (120, 180_000, 4_000, 12),
}


class Traffic:
    """Per-endpoint metric generator; deterministic per seed so demos look alike."""

    def __init__(self, url: str, incident: str | None, seed: int) -> None:
        self.url = url
        self.incident = incident
        self.rng = random.Random(seed)
        self.endpoints = world.all_endpoints()
        self.clients: dict[tuple[str, str, str], Any] = {}
        self.alarm_state: dict[str, str] = {}

    def client(self, service: str, account: str, region: str) -> Any:
        key = (service, account, region)
        if key not in self.clients:
            self.clients[key] = session_for(self.url, account, region).client(service, endpoint_url=self.url, config=CONFIG)
        return self.clients[key]

    def cloudwatch(self, account: str, region: str) -> Any:
        return self.client("cloudwatch", account, region)

    def variants(self, account: str, region: str, endpoint: str) -> list[tuple[str, float, str, bool]]:
        """(variant, share of the endpoint's invocations, production|other|shadow, serverless) from DescribeEndpoint."""
        try:
            described = self.client("sagemaker", account, region).describe_endpoint(EndpointName=endpoint)
        except ClientError:
            return [("AllTraffic", 1.0, "production", False)]
        production = described.get("ProductionVariants") or []
        # stock moto omits CurrentWeight when the config set none (AWS's default weight is 1.0)
        weights = [float(v.get("CurrentWeight", 1.0)) for v in production]
        total = sum(weights) or 1.0
        out = []
        for index, (variant, weight) in enumerate(zip(production, weights)):
            role = "production" if index == 0 else "other"
            out.append((variant["VariantName"], weight / total, role, bool(variant.get("CurrentServerlessConfig"))))
        base = weights[0] if weights else 1.0
        for variant in described.get("ShadowProductionVariants") or []:
            sample = min(1.0, float(variant.get("CurrentWeight", 1.0)) / base) if base > 0 else 0.0
            share = sample * (weights[0] / total if weights else 1.0)
            out.append((variant["VariantName"], share, "shadow", bool(variant.get("CurrentServerlessConfig"))))
        return out

    def datums(self, endpoint: str, group: str, env: str, at: datetime, seconds: float, variants: list[tuple[str, float, str, bool]] | None = None) -> tuple[list, list]:
        sagemaker: list[dict[str, Any]] = []
        host: list[dict[str, Any]] = []
        for name, share, role, serverless in variants or [("AllTraffic", 1.0, "production", False)]:
            more_sagemaker, more_host = self.variant_datums(endpoint, name, share, VARIANT_LATENCY[role], serverless, group, env, at, seconds)
            sagemaker += more_sagemaker
            host += more_host
        return sagemaker, host

    def variant_datums(self, endpoint: str, variant: str, share: float, speed: float, serverless: bool, group: str, env: str, at: datetime, seconds: float) -> tuple[list, list]:
        rate, latency, overhead, cpu = BASE[group]
        latency *= speed
        scale = {"dev": 0.05, "preprod": 0.15, "prod": 1.0}[env]
        minute = at.hour * 60 + at.minute
        diurnal = 1.0 + 0.25 * math.sin(minute / 1440 * 2 * math.pi) + self.rng.uniform(-0.08, 0.08)
        invocations = round(rate * scale * diurnal * seconds / 60 * share)
        if share > 0:
            invocations = max(1.0, invocations)
        burning = self.incident == endpoint
        e5 = invocations * (self.rng.uniform(0.06, 0.10) if burning else self.rng.uniform(0.0, 0.002))
        e4 = invocations * self.rng.uniform(0.002, 0.012)
        slow = 6.0 if burning else 1.0
        latencies = [latency * slow * self.rng.lognormvariate(0, 0.35) for _ in range(20)]
        overheads = [overhead * self.rng.lognormvariate(0, 0.25) for _ in range(5)]
        dims = [{"Name": "EndpointName", "Value": endpoint}, {"Name": "VariantName", "Value": variant}]
        sagemaker = [
            {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": at, "Value": float(invocations), "Unit": "None"},
            {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": at, "Value": float(round(e4)), "Unit": "None"},
            {"MetricName": "Invocation5XXErrors", "Dimensions": dims, "Timestamp": at, "Value": float(round(e5)), "Unit": "None"},
            {"MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": at, "Values": [round(v) for v in latencies], "Unit": "Microseconds"},
            {"MetricName": "OverheadLatency", "Dimensions": dims, "Timestamp": at, "Values": [round(v) for v in overheads], "Unit": "Microseconds"},
        ]
        if invocations == 0:
            sagemaker = sagemaker[:3]  # a variant at weight 0 answers nothing: no latency samples
        host = [{"MetricName": "MemoryUtilization", "Dimensions": dims, "Timestamp": at, "Value": round(40 + 15 * self.rng.random(), 2), "Unit": "Percent"}]
        if serverless:
            # cold starts: a few model setups a minute, seconds each; serverless endpoints have no CPU metric
            setups = [round(self.rng.uniform(1.5, 6.0) * 1_000_000) for _ in range(self.rng.randint(0, 3))]
            if setups:
                sagemaker.append({"MetricName": "ModelSetupTime", "Dimensions": dims, "Timestamp": at, "Values": setups, "Unit": "Microseconds"})
        else:
            host.insert(0, {"MetricName": "CPUUtilization", "Dimensions": dims, "Timestamp": at, "Value": round(min(100.0, cpu * diurnal * (1.8 if burning else 1.0)), 2), "Unit": "Percent"})
        return sagemaker, host

    def put(self, at_list: list[datetime], seconds: float) -> None:
        for env, account, region, endpoint, group in self.endpoints:
            cw = self.cloudwatch(account, region)
            variants = self.variants(account, region, endpoint)
            for chunk in range(0, len(at_list), 10):  # <= 10 minutes per call keeps bodies small
                sagemaker, host = [], []
                for at in at_list[chunk : chunk + 10]:
                    more_sagemaker, more_host = self.datums(endpoint, group, env, at, seconds, variants)
                    sagemaker += more_sagemaker
                    host += more_host
                cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=sagemaker)
                cw.put_metric_data(Namespace="/aws/sagemaker/Endpoints", MetricData=host)

    def sync_alarms(self) -> None:
        for env, account, region, endpoint, group in self.endpoints:
            if endpoint not in world.ALARMED:
                continue
            wanted = "ALARM" if self.incident == endpoint else "OK"
            if self.alarm_state.get(endpoint) != wanted:
                reason = "Threshold Crossed: 5xx spike" if wanted == "ALARM" else "Threshold no longer crossed"
                self.cloudwatch(account, region).set_alarm_state(AlarmName=f"{endpoint}-5xx", StateValue=wanted, StateReason=reason)
                self.alarm_state[endpoint] = wanted


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_podium/health", timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def read_control(path: str | None, current: str | None) -> str | None:
    if not path or not os.path.exists(path):
        return current
    try:
        with open(path) as handle:
            text = handle.read().strip()
        return json.loads(text).get("incident") if text else None
    except (OSError, ValueError, AttributeError):
        return current


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"))
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between ticks (default 60)")
    parser.add_argument("--backfill-minutes", type=int, default=60)
    parser.add_argument("--control-file", help="JSON file with {\"incident\": ENDPOINT|null}, re-read every tick")
    parser.add_argument("--incident", help="start with an incident on this endpoint")
    parser.add_argument("--incident-endpoint", default="churn-prod", help="endpoint SIGUSR1 toggles (default churn-prod)")
    parser.add_argument("--duration", type=float, default=0, help="stop after this many seconds (0 = until parent exits)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.endpoint_url:
        parser.error("--endpoint-url or AWS_ENDPOINT_URL is required")
    url = args.endpoint_url.rstrip("/")
    traffic = Traffic(url, args.incident, args.seed)
    parent = os.getppid()
    running = True

    def toggle(signum: int, frame: Any) -> None:
        traffic.incident = None if traffic.incident else args.incident_endpoint
        print(f"traffic: incident {'on ' + traffic.incident if traffic.incident else 'off'}", file=sys.stderr, flush=True)

    def stop(signum: int, frame: Any) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGUSR1, toggle)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGUSR1})

    now = datetime.now(timezone.utc)
    start_minute = now.replace(second=0, microsecond=0) - timedelta(minutes=args.backfill_minutes)
    backfill = [start_minute + timedelta(minutes=m, seconds=30) for m in range(args.backfill_minutes) if start_minute + timedelta(minutes=m, seconds=30) < now]
    traffic.put(backfill, 60.0)
    traffic.incident = read_control(args.control_file, traffic.incident)
    traffic.sync_alarms()
    print(f"traffic: backfilled {len(backfill)} minutes for {len(traffic.endpoints)} endpoints", file=sys.stderr, flush=True)

    began = time.monotonic()
    failures = 0
    next_tick = time.monotonic() + args.interval
    while running:
        if os.getppid() != parent or (args.duration and time.monotonic() - began >= args.duration):
            break
        if time.monotonic() < next_tick:
            time.sleep(min(0.5, max(0.0, next_tick - time.monotonic())))
            continue
        next_tick += args.interval
        traffic.incident = read_control(args.control_file, traffic.incident)
        try:
            traffic.sync_alarms()
            traffic.put([datetime.now(timezone.utc)], args.interval)
            failures = 0
        except (BotoCoreError, ClientError, OSError) as error:
            failures += 1
            if failures >= 3 and not healthy(url):
                print(f"traffic: emulator unreachable ({error}); exiting", file=sys.stderr, flush=True)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
