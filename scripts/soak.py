#!/usr/bin/env python3
"""Soak test: `podium watch --refresh 1s --rotate 5s` in tmux against the emulator with live traffic, faults
switched on and off, and the process sampled from /proc. Fails when memory, file descriptors, threads or CPU grow.

    .venv/bin/python scripts/soak.py --duration 60m            # make soak DURATION=60m
    .venv/bin/python scripts/soak.py --duration 2m --log F     # what make test runs

What runs (every process started here is stopped by its PID at the end, also on Ctrl-C / SIGTERM):
  - the emulator (Emulator.podium_emulator, free loopback port), seeded by Emulator/seed.py;
  - Emulator/traffic.py putting metrics every 5 s, with an incident on churn-prod toggled now and then;
  - podium watch on config/demo.yaml, in a tmux server on a private socket (never the user's tmux);
  - faults: every `--fault-every` the control API (`POST /_podium/faults`) starts the next fault of the cycle
    (throttling, 500, 503, connection reset, truncated body, garbage body, 3 s delays) on every SageMaker and
    CloudWatch call, and removes it (`DELETE /_podium/faults`) half-way to the next one.

Samples (every `--sample-every`, default 60 s, at most duration/12 so a short run still has 12): RSS (VmRSS),
threads (Threads), open file descriptors (/proc/PID/fd), CPU seconds (utime+stime) and CPU % over the interval.

The growth rule (samples after the first 10% of the run, the warm-up, split into thirds):
  - RSS: median of the last third <= 1.20 x median of the first third + 8 MiB;
  - file descriptors: median of the last third <= maximum of the first third + 8 (requests in flight);
  - threads: median of the last third <= maximum of the first third + 2 (a pool may add a worker once);
  - CPU: mean CPU % of the last third <= 2 x mean of the first third + 5 points;
  - podium is alive at every sample and its screen is not empty at the end.
Medians, not single samples, so one refresh in flight (a socket, a worker thread) is not called growth.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAULTS = [
    {"kind": "throttle"},
    {"kind": "http500"},
    {"kind": "http503"},
    {"kind": "reset"},
    {"kind": "truncate"},
    {"kind": "garbage"},
    {"kind": "delay", "delay_ms": 3000},
]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Slack in the growth rule. A sample can land while requests are in flight: each holds a socket, and podium allows
# up to 8 at once per account and region (aws.max_concurrent_requests), so an fd count one or two above the first
# third's maximum is a refresh, not a leak (a CI run failed on 21 vs 20). The thread pools may add a worker once
# under load (a 60-minute run went from 7 to 8 threads at minute 44 and stayed there). A leak grows with every
# refresh (3,600 refreshes an hour at --refresh 1s, 120 in the CI run), far past these.
FD_SLACK = 8
THREAD_SLACK = 2


def parse_duration(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)?", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (examples: 90s, 2m, 60m, 1h)")
    value, unit = float(match.group(1)), match.group(2) or "s"
    return value * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]


class Soak:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="podium-soak-"))
        self.processes: list[subprocess.Popen] = []
        self.tmux_socket = f"podium-soak-{os.getpid()}"
        self.tmux_server_pid: int | None = None
        self.podium_pid: int | None = None
        self.url = ""
        self.log_lines: list[str] = []

    # -- output ------------------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        line = f"[soak {time.strftime('%H:%M:%S')}] {text}"
        self.log_lines.append(line)
        print(line, flush=True)

    # -- processes ---------------------------------------------------------------------------------------

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_REGION="us-east-1",
            AWS_DEFAULT_REGION="us-east-1",
            AWS_EC2_METADATA_DISABLED="true",
            HOME=str(self.work / "home"),
            XDG_STATE_HOME=str(self.work / "state"),
            XDG_CONFIG_HOME=str(self.work / "config"),
        )
        if self.url:
            env["AWS_ENDPOINT_URL"] = self.url
        return env

    def start_emulator(self) -> None:
        (self.work / "home").mkdir()
        out = open(self.work / "emulator.out", "w")
        err = open(self.work / "emulator.log", "w")
        proc = subprocess.Popen(
            [self.args.python, "-m", "Emulator.podium_emulator", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT, stdout=out, stderr=err, env=self.env(),
        )
        self.processes.append(proc)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = (self.work / "emulator.out").read_text()
            match = re.search(r"PODIUM_EMULATOR_READY (\S+)", text)
            if match:
                self.url = match.group(1)
                break
            if proc.poll() is not None:
                raise RuntimeError("the emulator exited: " + (self.work / "emulator.log").read_text()[-2000:])
            time.sleep(0.1)
        else:
            raise RuntimeError("the emulator was not ready after 60 s")
        self.say(f"emulator {self.url} (pid {proc.pid})")
        subprocess.run(
            [self.args.python, str(ROOT / "Emulator/seed.py"), "--endpoint-url", self.url, "--quiet"],
            cwd=ROOT, env=self.env(), check=True, timeout=300,
        )
        self.say("seeded")

    def start_traffic(self) -> None:
        self.control = self.work / "traffic.json"
        self.control.write_text('{"incident": null}')
        proc = subprocess.Popen(
            [self.args.python, str(ROOT / "Emulator/traffic.py"), "--endpoint-url", self.url, "--interval", "5",
             "--backfill-minutes", "30", "--control-file", str(self.control)],
            cwd=ROOT, env=self.env(), stdout=subprocess.DEVNULL, stderr=open(self.work / "traffic.log", "w"),
        )
        self.processes.append(proc)
        self.say(f"traffic every 5 s (pid {proc.pid})")

    def tmux(self, *arguments: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.tmux_socket, "-f", "/dev/null", *arguments],
            capture_output=True, text=True, check=check, timeout=30,
        )
        return result.stdout

    def start_watch(self) -> None:
        env = self.env()
        exports = " ".join(f"{k}={shlex_quote(v)}" for k, v in env.items() if k.startswith(("AWS_", "XDG_", "HOME")))
        command = (
            f"exec env {exports} TERM=xterm-256color {shlex_quote(self.args.podium)} watch --refresh 1s "
            f"--rotate 5s --config {shlex_quote(str(ROOT / 'config/demo.yaml'))} 2>{shlex_quote(str(self.work / 'podium.err'))}"
        )
        self.tmux("new-session", "-d", "-s", "soak", "-x", "160", "-y", "48", command)
        self.tmux("set-option", "-g", "status", "off")
        self.tmux_server_pid = int(self.tmux("display-message", "-p", "-t", "soak", "#{pid}").strip())
        self.podium_pid = int(self.tmux("display-message", "-p", "-t", "soak", "#{pane_pid}").strip())
        self.say(f"podium watch in tmux (podium pid {self.podium_pid}, tmux server pid {self.tmux_server_pid})")

    def stop(self) -> None:
        """Stops everything started here, each by its own PID: podium, the tmux server, traffic, the emulator."""
        pids = [p for p in (self.podium_pid, self.tmux_server_pid) if p]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in reversed(self.processes):
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 5
        for proc in self.processes:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for pid in pids:
            while time.monotonic() < deadline and alive(pid):
                time.sleep(0.05)
            if alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)

    # -- faults ------------------------------------------------------------------------------------------

    def control_api(self, method: str, path: str, body: dict | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def fault_on(self, index: int) -> str:
        fault = FAULTS[index % len(FAULTS)]
        for service in ("sagemaker", "monitoring"):
            self.control_api("POST", "/_podium/faults", {"operation": "*", "service": service, "count": None, **fault})
        incident = "churn-prod" if index % 2 == 0 else None
        self.control.write_text(json.dumps({"incident": incident}))
        return fault["kind"] + (f" + incident on {incident}" if incident else "")

    def fault_off(self) -> None:
        self.control_api("DELETE", "/_podium/faults")

    # -- sampling ----------------------------------------------------------------------------------------

    def sample(self, previous: dict | None) -> dict:
        pid = self.podium_pid
        status = Path(f"/proc/{pid}/status").read_text()
        rss_kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
        now = time.monotonic()
        percent = None
        if previous:
            percent = 100 * (cpu - previous["cpu_s"]) / max(1e-6, now - previous["t"])
        return {"t": now, "rss_mib": rss_kib / 1024, "threads": threads, "fds": fds, "cpu_s": cpu, "cpu_pct": percent}

    # -- the run -----------------------------------------------------------------------------------------

    def run(self) -> int:
        duration = self.args.duration
        every = min(self.args.sample_every, duration / 12)
        fault_every = self.args.fault_every or max(20.0, min(180.0, duration / 6))
        self.say(f"duration {duration:.0f} s, sample every {every:.1f} s, next fault every {fault_every:.0f} s")
        self.start_emulator()
        self.start_traffic()
        self.start_watch()
        start = time.monotonic()
        samples: list[dict] = []
        next_sample = start + every
        next_fault = start + fault_every / 2
        fault_index = 0
        fault_active = False
        failures: list[str] = []
        while True:
            now = time.monotonic()
            if now >= start + duration:
                break
            if not alive(self.podium_pid):
                failures.append(f"podium exited after {now - start:.0f} s: " + read_tail(self.work / "podium.err"))
                break
            if now >= next_fault:
                if fault_active:
                    self.fault_off()
                    self.say("faults off")
                else:
                    self.say(f"fault on: {self.fault_on(fault_index)}")
                    fault_index += 1
                fault_active = not fault_active
                next_fault += fault_every / 2
            if now >= next_sample:
                sample = self.sample(samples[-1] if samples else None)
                sample["fault"] = fault_active
                samples.append(sample)
                cpu = "-" if sample["cpu_pct"] is None else f"{sample['cpu_pct']:.1f}%"
                self.say(f"t={now - start:6.0f}s rss={sample['rss_mib']:.1f} MiB fds={sample['fds']} "
                         f"threads={sample['threads']} cpu={cpu}{' (fault on)' if fault_active else ''}")
                next_sample += every
            time.sleep(min(0.5, max(0.05, min(next_sample, next_fault) - time.monotonic())))
        screen = ""
        if alive(self.podium_pid):
            screen = self.tmux("capture-pane", "-p", "-t", "soak", check=False)
            if not screen.strip():
                failures.append("the watch screen is empty at the end")
        failures += judge(samples)
        summary = summarize(samples)
        summary.update(duration_s=duration, samples=len(samples), faults_started=fault_index,
                       failures=failures, ok=not failures)
        self.say("summary " + json.dumps(summary))
        for failure in failures:
            self.say("FAIL: " + failure)
        if not failures:
            self.say("ok: no growth")
        if self.args.log:
            Path(self.args.log).write_text("\n".join(self.log_lines) + "\n--- last screen ---\n" + screen)
        return 1 if failures else 0


def judge(samples: list[dict]) -> list[str]:
    """The growth rule (see the module docstring)."""
    if len(samples) < 6:
        return [f"only {len(samples)} samples: too few to judge growth"]
    steady = samples[max(1, len(samples) // 10):]
    third = max(1, len(steady) // 3)
    first, last = steady[:third], steady[-third:]
    failures = []
    rss_first = statistics.median(s["rss_mib"] for s in first)
    rss_last = statistics.median(s["rss_mib"] for s in last)
    if rss_last > 1.20 * rss_first + 8:
        failures.append(f"RSS grew: median {rss_first:.1f} MiB -> {rss_last:.1f} MiB")
    for key, slack in (("fds", FD_SLACK), ("threads", THREAD_SLACK)):
        limit = max(s[key] for s in first) + slack
        median_last = statistics.median(s[key] for s in last)
        if median_last > limit:
            failures.append(f"{key} grew: first third max + {slack} = {limit}, last third median {median_last}")
    cpu_first = [s["cpu_pct"] for s in first if s["cpu_pct"] is not None]
    cpu_last = [s["cpu_pct"] for s in last if s["cpu_pct"] is not None]
    if cpu_first and cpu_last and statistics.mean(cpu_last) > 2 * statistics.mean(cpu_first) + 5:
        failures.append(f"CPU grew: {statistics.mean(cpu_first):.1f}% -> {statistics.mean(cpu_last):.1f}%")
    return failures


def summarize(samples: list[dict]) -> dict:
    if not samples:
        return {}
    cpu = [s["cpu_pct"] for s in samples if s["cpu_pct"] is not None]
    first, last = samples[0], samples[-1]
    return {
        "rss_mib": [round(first["rss_mib"], 1), round(last["rss_mib"], 1), round(max(s["rss_mib"] for s in samples), 1)],
        "fds": [first["fds"], last["fds"], max(s["fds"] for s in samples)],
        "threads": [first["threads"], last["threads"], max(s["threads"] for s in samples)],
        "cpu_pct_mean": round(statistics.mean(cpu), 2) if cpu else None,
        "cpu_s_total": round(last["cpu_s"], 2),
        "legend": "[start, end, max]",
    }


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def read_tail(path: Path) -> str:
    try:
        return path.read_text()[-1500:]
    except OSError:
        return ""


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=parse_duration, default=parse_duration("60m"))
    parser.add_argument("--sample-every", type=parse_duration, default=60.0)
    parser.add_argument("--fault-every", type=parse_duration, default=None,
                        help="time from one fault's start to the next (default duration/6, 20 s to 3 min)")
    parser.add_argument("--python", default=str(ROOT / ".venv/bin/python"))
    parser.add_argument("--podium", default=str(ROOT / ".build/debug/podium"))
    parser.add_argument("--log", help="also write the samples and the last screen to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("soak: tmux is not installed", file=sys.stderr)
        return 2
    soak = Soak(args)

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    try:
        return soak.run()
    except KeyboardInterrupt as stop:
        soak.say(f"interrupted ({stop}); stopping")
        return 130
    finally:
        soak.stop()


if __name__ == "__main__":
    sys.exit(main())
