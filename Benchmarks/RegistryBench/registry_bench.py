#!/usr/bin/env python3
"""Issue 11 benchmark: the registry at scale (G groups x V versions) against the emulator.

    .venv/bin/python Benchmarks/RegistryBench/registry_bench.py [--groups 40 --versions 250] [--podium PATH]
        [--repeats 3] [--idle-seconds 60] [--keys 1000] [--no-console]

Every figure is a ratio against a peer measured in the same run, or a count against a computed minimum:
- CLI `groups` and `versions` wall time against a raw HTTP replay of the same calls (the server floor: the
  same JSON bodies over keep-alive connections, no SDK), boto3 sequential, and boto3 with a thread pool of 8
  (podium's default in-flight bound).
- AWS calls per CLI command, from the emulator's request log, against the paged-list minimum.
- The console in tmux: time until the registry and pending screens are complete, calls per minute at idle on
  each screen (after the first load), RSS; key -> frame latency with the emulator SIGSTOPped (p50/p99).
Nothing here asserts a time; `--check` fails only on call counts (used by CI at a small size).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from Emulator.bench_emulator import start, stop  # noqa: E402

REGISTRY_OPS = ("ListModelPackageGroups", "ListModelPackages", "DescribeModelPackage", "DescribeModelPackageGroup")


class Emulator:
    def __init__(self) -> None:
        self.proc, self.url, _ = start()

    def control(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=600) as response:
            return json.loads(response.read() or b"null")

    def requests(self) -> list[dict]:
        return self.control("GET", "/_podium/requests")["requests"]

    def clear(self) -> None:
        self.control("DELETE", "/_podium/requests")

    def counts(self, clear: bool = True) -> dict[str, int]:
        out: dict[str, int] = {}
        for entry in self.requests():
            out[entry["operation"]] = out.get(entry["operation"], 0) + 1
        if clear:
            self.clear()
        return out


# MARK: peers


class RawClient:
    """The same SageMaker JSON calls over a kept-alive http.client connection: no SDK, no signing work."""

    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def call(self, operation: str, body: dict) -> dict:
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": f"SageMaker.{operation}",
            # moto reads the region from the credential scope; the signature is not checked without IAM.
            "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20250101/us-east-1/sagemaker/aws4_request, SignedHeaders=host, Signature=0",
        }
        self.conn.request("POST", "/", body=json.dumps(body), headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{operation}: HTTP {response.status} {data[:200]!r}")
        return json.loads(data)


def paged(call, operation: str, body: dict, key: str) -> list[dict]:
    out, token = [], None
    while True:
        page = call(operation, {**body, **({"NextToken": token} if token else {})})
        out += page.get(key, [])
        token = page.get("NextToken")
        if not token:
            return out


def groups_pass(call_for_thread, threads: int) -> int:
    """ListModelPackageGroups, then every group's ListModelPackages pages (what `podium groups` does)."""
    groups = paged(call_for_thread(), "ListModelPackageGroups", {"MaxResults": 100, "SortBy": "Name", "SortOrder": "Ascending"}, "ModelPackageGroupSummaryList")

    def one(group: dict) -> int:
        body = {"ModelPackageGroupName": group["ModelPackageGroupName"], "MaxResults": 100, "SortBy": "CreationTime", "SortOrder": "Descending"}
        return len(paged(call_for_thread(), "ListModelPackages", body, "ModelPackageSummaryList"))

    if threads == 1:
        return sum(one(g) for g in groups)
    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one, groups))


def versions_pass(call, group: str, details: bool, threads: int, call_for_thread=None) -> int:
    body = {"ModelPackageGroupName": group, "MaxResults": 100, "SortBy": "CreationTime", "SortOrder": "Descending"}
    packages = paged(call, "ListModelPackages", body, "ModelPackageSummaryList")
    if details:
        describe = lambda p: (call_for_thread or (lambda: call))()("DescribeModelPackage", {"ModelPackageName": p["ModelPackageArn"]})  # noqa: E731
        if threads == 1:
            for p in packages:
                describe(p)
        else:
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(describe, packages))
    return len(packages)


def thread_local_caller(make):
    import threading

    local = threading.local()

    def get():
        if not hasattr(local, "call"):
            local.call = make()
        return local.call

    return get


def boto3_caller(url: str):
    client = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing", config=Config(retries={"mode": "standard", "total_max_attempts": 1}, max_pool_connections=16))

    def call(operation: str, body: dict) -> dict:
        method = "".join("_" + c.lower() if c.isupper() else c for c in operation).lstrip("_")
        return getattr(client, method)(**body)

    return call


def best(fn, repeats: int) -> float:
    try:
        fn()  # warm-up
    except RuntimeError:
        return float("nan")
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


# MARK: podium CLI


def podium_env(url: str, home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"), "AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "TERM": "xterm-256color",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
    }


def run_podium(podium: str, args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run([podium, *args, "--config", str(REPO / "config/demo.yaml")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"podium {' '.join(args)} exited {result.returncode}: {result.stderr.decode()[-400:]}")


# MARK: console in tmux


class Tmux:
    def __init__(self, command: list[str], env: dict[str, str], width: int = 160, height: int = 48) -> None:
        self.socket = tempfile.mktemp(prefix="podium-bench-tmux-")
        envs = [f"{k}={v}" for k, v in env.items()]
        subprocess.run(["tmux", "-S", self.socket, "-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height), "--", "env", "-i", *envs, *command], check=True)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def capture(self, styled: bool = False) -> str:
        # -e keeps the colours: a moved selection changes only the highlight, not the text.
        return self.tmux("capture-pane", "-p", *(["-e"] if styled else []))

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def pane_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "#{pane_pid}").strip())

    def wait_for(self, predicate, deadline: float) -> tuple[bool, str]:
        end = time.monotonic() + deadline
        screen = ""
        while time.monotonic() < end:
            screen = self.capture()
            if predicate(screen):
                return True, screen
            time.sleep(0.05)
        return False, screen

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)
        try:
            os.unlink(self.socket)
        except FileNotFoundError:
            pass


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def podium_pid(pane_pid: int) -> int:
    """The podium process under the pane (`env -i … podium` execs, so usually the pane itself)."""
    comm = Path(f"/proc/{pane_pid}/comm").read_text().strip()
    return pane_pid if comm.startswith("podium") else pane_pid


def console_bench(emu: Emulator, podium: str, env: dict[str, str], groups: int, versions: int, idle: float, keys: int, report: dict, deadline: float) -> None:
    pending_total = groups * round(versions * 0.25)
    emu.clear()
    began = time.monotonic()
    tmux = Tmux([podium, "console", "--config", str(REPO / "config/demo.yaml")], env)
    try:
        pid = podium_pid(tmux.pane_pid())
        tmux.keys("3")  # pending
        ok, screen = tmux.wait_for(lambda s: f"Pending approval ({pending_total})" in s, deadline)
        report["console_time_to_pending_s"] = round(time.monotonic() - began, 2) if ok else None
        tmux.keys("2")  # registry
        ok, screen = tmux.wait_for(lambda s: "Registry · model package groups" in s and "updated" in s and "model-000" in s and "loading groups" not in s, deadline)
        report["console_time_to_registry_s"] = round(time.monotonic() - began, 2) if ok else None
        report["console_first_load_calls"] = emu.counts()
        for key, name in (("1", "dashboard"), ("2", "registry"), ("3", "pending"), ("4", "activity")):
            tmux.keys(key)
            time.sleep(min(5.0, idle / 4))  # let this screen's first load finish before counting idle
            emu.clear()
            time.sleep(idle)
            counts = emu.counts()
            per_minute = {op: round(n * 60 / idle, 1) for op, n in counts.items()}
            report[f"console_idle_per_minute_{name}"] = per_minute
        report["console_rss_mb"] = round(rss_mb(pid), 1)
        # Key -> frame latency with the emulator stopped: the UI must not wait on the network.
        tmux.keys("3")
        tmux.wait_for(lambda s: True, 1)
        os.kill(emu.proc.pid, signal.SIGSTOP)
        try:
            samples = []
            previous = tmux.capture(styled=True)
            for i in range(keys):
                tmux.keys("Down" if i % 2 == 0 else "Up")
                t = time.perf_counter()
                end = t + 2.0
                while time.perf_counter() < end:
                    now = tmux.capture(styled=True)
                    if now != previous:
                        break
                samples.append((time.perf_counter() - t) * 1000)
                previous = now
            samples.sort()
            report["key_to_frame_ms_p50"] = round(samples[len(samples) // 2], 2)
            report["key_to_frame_ms_p99"] = round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 2)
        finally:
            os.kill(emu.proc.pid, signal.SIGCONT)
    finally:
        tmux.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--versions", type=int, default=250)
    parser.add_argument("--podium", default=str(REPO / ".build/release/podium"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--idle-seconds", type=float, default=60)
    parser.add_argument("--keys", type=int, default=1000)
    parser.add_argument("--no-console", action="store_true")
    parser.add_argument("--load-deadline", type=float, default=600, help="seconds to wait for a console screen to load")
    parser.add_argument("--check", action="store_true", help="fail when a CLI command makes more than the minimum calls")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    G, V = args.groups, args.versions
    emu = Emulator()
    home = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    report: dict = {"groups": G, "versions": V, "podium": args.podium}
    failures: list[str] = []
    try:
        t = time.perf_counter()
        emu.control("POST", "/_podium/bulk-registry", {"groups": G, "versions": V, "pending_fraction": 0.25})
        report["bulk_seed_s"] = round(time.perf_counter() - t, 2)
        env = podium_env(emu.url, home)
        pages = math.ceil(V / 100) if V else 1
        group_pages = math.ceil(G / 100)
        minimum = {
            "groups": group_pages + G * pages,
            "versions model-000": pages,
            "versions model-000 --status pending": 1,
            "versions model-000 --details": pages + V,
        }
        commands = {
            "groups": ["groups"],
            "versions model-000": ["versions", "model-000"],
            "versions model-000 --status pending": ["versions", "model-000", "--status", "pending"],
            "versions model-000 --details": ["versions", "model-000", "--details"],
        }
        report["cli_calls"] = {}
        for name, argv in commands.items():
            emu.clear()
            try:
                run_podium(args.podium, argv, env)
            except RuntimeError as error:
                report["cli_calls"][name] = {"error": str(error)}
                failures.append(str(error))
                continue
            counts = {op: n for op, n in emu.counts().items() if op in REGISTRY_OPS}
            total = sum(counts.values())
            report["cli_calls"][name] = {"calls": counts, "total": total, "paged_list_minimum": minimum[name]}
            if total > minimum[name]:
                failures.append(f"{name}: {total} calls, minimum {minimum[name]}")

        raw = thread_local_caller(lambda: RawClient(emu.url).call)
        b3 = boto3_caller(emu.url)
        b3_threads = thread_local_caller(lambda: b3)
        timings = {}
        timings["groups"] = {
            "podium": best(lambda: run_podium(args.podium, ["groups"], env), args.repeats),
            "raw_replay_8": best(lambda: groups_pass(raw, 8), args.repeats),
            "boto3_sequential": best(lambda: groups_pass(lambda: b3, 1), args.repeats),
            "boto3_pool_8": best(lambda: groups_pass(b3_threads, 8), args.repeats),
        }
        timings["versions"] = {
            "podium": best(lambda: run_podium(args.podium, ["versions", "model-000"], env), args.repeats),
            "raw_replay": best(lambda: versions_pass(raw(), "model-000", False, 1), args.repeats),
            "boto3_sequential": best(lambda: versions_pass(b3, "model-000", False, 1), args.repeats),
        }
        timings["versions --details"] = {
            "podium": best(lambda: run_podium(args.podium, ["versions", "model-000", "--details"], env), args.repeats),
            "raw_replay_8": best(lambda: versions_pass(raw(), "model-000", True, 8, raw), args.repeats),
            "boto3_sequential": best(lambda: versions_pass(b3, "model-000", True, 1), args.repeats),
            "boto3_pool_8": best(lambda: versions_pass(b3, "model-000", True, 8, b3_threads), args.repeats),
        }
        report["cli_seconds"] = {k: {p: round(s, 4) for p, s in v.items()} for k, v in timings.items()}
        report["cli_ratio_podium_over_peer"] = {k: {p: round(v["podium"] / s, 2) if s == s and v["podium"] == v["podium"] else None for p, s in v.items() if p != "podium"} for k, v in timings.items()}
        if not args.no_console:
            if shutil.which("tmux") is None:
                report["console"] = "skipped: no tmux"
            else:
                console_bench(emu, args.podium, env, G, V, args.idle_seconds, args.keys, report, args.load_deadline)
                for key, value in report.items():
                    if key.startswith("console_idle_per_minute_") and value.get("DescribeModelPackage", 0) > 0:
                        failures.append(f"{key}: {value['DescribeModelPackage']} DescribeModelPackage per minute at idle")
                for key in ("console_time_to_pending_s", "console_time_to_registry_s"):
                    if report.get(key) is None:
                        failures.append(f"{key}: the screen did not load within {args.load_deadline:.0f} s")
    finally:
        stop(emu.proc)
        shutil.rmtree(home, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
