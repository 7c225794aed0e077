#!/usr/bin/env python3
"""Measure the emulator: start time (process start -> READY line) and per-call latency from boto3.

    .venv/bin/python Emulator/bench_emulator.py [--starts 5] [--calls 200]

Reports median and p95 for DescribeEndpoint, ListModelPackages and GetMetricData (24 queries over 60 minutes),
each next to the emulator's /_podium/health round trip measured in the same run (the floor: HTTP + WSGI only).
"""

from __future__ import annotations

import argparse
import os
import selectors
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def start() -> tuple[subprocess.Popen, str, float]:
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "Emulator.podium_emulator", "--port", "0"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    if not selector.select(timeout=60):
        proc.kill()
        raise SystemExit("emulator not ready within 60 s")
    line = proc.stdout.readline().decode()
    elapsed = time.perf_counter() - began
    selector.close()
    return proc, line.split()[1], elapsed


def stop(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(timeout=10)


def timed(fn, n: int) -> list[float]:
    fn()  # warm-up (first call loads moto's backend)
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(name: str, samples: list[float], floor: float | None = None) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    median = statistics.median(ordered)
    ratio = f"  ({median / floor:.1f}x health)" if floor else ""
    return f"{name:<34} n={len(samples):<4} median {median:7.2f} ms   p95 {p95:7.2f} ms{ratio}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()

    starts = []
    for _ in range(args.starts):
        proc, _url, elapsed = start()
        starts.append(elapsed * 1000)
        stop(proc)
    print(summary("start (process start -> READY)", starts))

    proc, url, _ = start()
    try:
        from Emulator import seed, traffic

        seed.main(["--endpoint-url", url, "--quiet"])
        traffic.main(["--endpoint-url", url, "--duration", "0.01", "--interval", "3600", "--backfill-minutes", "60"])
        config = Config(retries={"total_max_attempts": 1})
        creds = dict(aws_access_key_id="testing", aws_secret_access_key="testing")
        registry = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1", config=config, **creds)
        prod_session = seed.session_for(url, "333333333333", "eu-west-1")
        prod = prod_session.client("sagemaker", endpoint_url=url, config=config)
        cw = prod_session.client("cloudwatch", endpoint_url=url, config=config)
        now = datetime.now(timezone.utc)
        queries = []
        for endpoint in ("churn-prod", "fraud-detector-prod", "recsys-ranker-prod"):
            dims = [{"Name": "EndpointName", "Value": endpoint}, {"Name": "VariantName", "Value": "AllTraffic"}]
            for ns, metric, stat in [("AWS/SageMaker", "Invocations", "Sum"), ("AWS/SageMaker", "Invocation4XXErrors", "Sum"), ("AWS/SageMaker", "Invocation5XXErrors", "Sum"), ("AWS/SageMaker", "ModelLatency", "Average"), ("AWS/SageMaker", "ModelLatency", "p99"), ("AWS/SageMaker", "OverheadLatency", "Average"), ("/aws/sagemaker/Endpoints", "CPUUtilization", "Average"), ("/aws/sagemaker/Endpoints", "MemoryUtilization", "Average")]:
                queries.append({"Id": f"q{len(queries)}", "MetricStat": {"Metric": {"Namespace": ns, "MetricName": metric, "Dimensions": dims}, "Period": 60, "Stat": stat}})

        health = timed(lambda: urllib.request.urlopen(url + "/_podium/health", timeout=5).read(), args.calls)
        floor = statistics.median(health)
        print(summary("GET /_podium/health (floor)", health))
        print(summary("DescribeEndpoint (prod account)", timed(lambda: prod.describe_endpoint(EndpointName="churn-prod"), args.calls), floor))
        print(summary("ListModelPackages (registry)", timed(lambda: registry.list_model_packages(ModelPackageGroupName="churn"), args.calls), floor))
        print(summary("GetMetricData 24 queries x 60 min", timed(lambda: cw.get_metric_data(MetricDataQueries=queries, StartTime=now - timedelta(minutes=60), EndTime=now), max(20, args.calls // 10)), floor))
    finally:
        stop(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
