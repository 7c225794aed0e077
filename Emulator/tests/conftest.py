"""Fixtures: a real emulator process (and, for the 'stock fails' checks, a stock moto server), each on a free port."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator

import boto3
import pytest
from botocore.config import Config

REPO = Path(__file__).resolve().parents[2]
STOCK_SERVER = """
import sys
from werkzeug.serving import make_server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
server = make_server("127.0.0.1", 0, DomainDispatcherApplication(create_backend_app), threaded=True)
print(f"STOCK_MOTO_READY http://127.0.0.1:{server.server_port}", flush=True)
server.serve_forever()
"""


def _start(argv: list[str], marker: str, env: dict[str, str] | None = None, deadline: float = 30.0) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        argv,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    end = time.monotonic() + deadline
    line = b""
    while time.monotonic() < end:
        if selector.select(timeout=max(0.0, end - time.monotonic())):
            line = proc.stdout.readline()
            if line.startswith(marker.encode()) or not line:
                break
    selector.close()
    if not line.startswith(marker.encode()):
        proc.kill()
        proc.wait()
        raise RuntimeError(f"{argv} did not print {marker} within {deadline}s")
    return proc, line.decode().split()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


class Emulator:
    """A running emulator: its URL, control API calls and boto3 clients bound to it."""

    def __init__(self, url: str, proc: subprocess.Popen) -> None:
        self.url = url
        self.proc = proc

    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def requests(self) -> list[dict[str, Any]]:
        return self.control("GET", "/_podium/requests")["requests"]

    def client(self, service: str, region: str = "us-east-1", retries: int = 1, **credentials: str) -> Any:
        creds = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
        config = Config(retries={"total_max_attempts": retries, "mode": "standard"}, connect_timeout=5, read_timeout=10)
        return boto3.client(service, endpoint_url=self.url, region_name=region, config=config, **creds)

    def assume(self, account: str, region: str = "us-east-1") -> dict[str, str]:
        sts = self.client("sts", region)
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/podium", RoleSessionName="pytest")["Credentials"]
        return {
            "aws_access_key_id": creds["AccessKeyId"],
            "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"],
        }


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    proc, url = _start([sys.executable, "-m", "Emulator.podium_emulator", "--host", "127.0.0.1", "--port", "0"], "PODIUM_EMULATOR_READY")
    try:
        yield Emulator(url, proc)
    finally:
        _stop(proc)


@pytest.fixture()
def emu(emulator: Emulator) -> Emulator:
    """The shared emulator, reset to an empty world with default settings."""
    emulator.control("POST", "/_podium/reset")
    return emulator


@pytest.fixture(scope="session")
def stock() -> Iterator[Emulator]:
    """Stock moto 5.2.1 (no Podium extension) on a free port, to show each gap fails there."""
    proc, url = _start([sys.executable, "-c", STOCK_SERVER], "STOCK_MOTO_READY")
    try:
        yield Emulator(url, proc)
    finally:
        _stop(proc)


def poll(fetch: Any, until: Any, deadline: float = 10.0, interval: float = 0.05) -> Any:
    """Calls fetch() until until(value) holds or the deadline passes; returns every value seen (last is final)."""
    seen = []
    end = time.monotonic() + deadline
    while True:
        value = fetch()
        seen.append(value)
        if until(value) or time.monotonic() > end:
            return seen
        time.sleep(interval)
