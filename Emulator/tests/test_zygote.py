"""The zygote (`python -m Emulator.podium_emulator.zygote`): forked emulators are whole, separate emulators.

The Swift tests start most emulators through it; these checks hold it to what a spawned emulator gives: its own
state and random identifiers, an exit status when it cannot start, gone (not a zombie) once stopped by its PID,
and gone when its zygote goes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
from typing import Any, Iterator

import boto3
import pytest

from .conftest import REPO, poll


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _launch() -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "Emulator.podium_emulator.zygote"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout.readline() == b"PODIUM_ZYGOTE_READY\n"
    return proc


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def zygote() -> Iterator[subprocess.Popen]:
    proc = _launch()
    yield proc
    _end(proc)


@pytest.fixture()
def own_zygote() -> Iterator[subprocess.Popen]:
    """A zygote of the test's own, for a test that ends it."""
    proc = _launch()
    yield proc
    _end(proc)


def _request(zygote: subprocess.Popen, arguments: list[str]) -> list[str]:
    zygote.stdin.write(json.dumps(arguments).encode() + b"\n")
    zygote.stdin.flush()
    return zygote.stdout.readline().decode().split()


def _start(zygote: subprocess.Popen) -> tuple[int, str]:
    answer = _request(zygote, ["--host", "127.0.0.1", "--port", "0"])
    assert answer[0] == "STARTED", answer
    return int(answer[1]), answer[2]


def _stop(pid: int) -> None:
    os.kill(pid, signal.SIGTERM)
    assert poll(lambda: _gone(pid), lambda gone: gone, deadline=10.0)[-1], f"emulator {pid} still there after SIGTERM"


def _sts(url: str) -> Any:
    return boto3.client(
        "sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )


def test_children_are_separate_emulators_with_their_own_random_identifiers(zygote: subprocess.Popen) -> None:
    (pid_a, url_a), (pid_b, url_b) = _start(zygote), _start(zygote)
    try:
        assert pid_a != pid_b and url_a != url_b
        # moto draws identifiers from seeded generators: children that kept the zygote's sequence would give the
        # same key for the same first call (so this comes before anything else either child is asked).
        role = "arn:aws:iam::111111111111:role/podium-test"
        first = _sts(url_a).assume_role(RoleArn=role, RoleSessionName="podium-zygote")["Credentials"]["AccessKeyId"]
        second = _sts(url_b).assume_role(RoleArn=role, RoleSessionName="podium-zygote")["Credentials"]["AccessKeyId"]
        assert first != second
        for url in (url_a, url_b):
            with urllib.request.urlopen(f"{url}/_podium/health", timeout=10) as response:
                assert json.loads(response.read()) == {"ok": True}
        # State is per child: a group made in one is not in the other.
        sm_a = boto3.client("sagemaker", endpoint_url=url_a, region_name="us-east-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")
        sm_b = boto3.client("sagemaker", endpoint_url=url_b, region_name="us-east-1",
                            aws_access_key_id="testing", aws_secret_access_key="testing")
        sm_a.create_model_package_group(ModelPackageGroupName="only-in-a")
        assert [g["ModelPackageGroupName"] for g in sm_a.list_model_package_groups()["ModelPackageGroupSummaryList"]] == ["only-in-a"]
        assert sm_b.list_model_package_groups()["ModelPackageGroupSummaryList"] == []
    finally:
        _stop(pid_a)
        _stop(pid_b)


def test_a_child_that_cannot_start_reports_its_exit_status(zygote: subprocess.Popen) -> None:
    # `__main__` refuses a non-loopback address through argparse: exit status 2, as `python -m` would give.
    answer = _request(zygote, ["--host", "0.0.0.0", "--port", "0"])
    assert answer[0] == "FAILED" and answer[2] == "2", answer
    assert poll(lambda: _gone(int(answer[1])), lambda gone: gone, deadline=10.0)[-1]
    # The zygote carries on.
    pid, _ = _start(zygote)
    _stop(pid)


def test_children_end_when_their_zygote_does(own_zygote: subprocess.Popen) -> None:
    pid, _ = _start(own_zygote)
    try:
        own_zygote.stdin.close()  # the test runner went away
        assert own_zygote.wait(timeout=10) == 0
        # The child's parent watch (once a second) sees its parent gone and exits.
        assert poll(lambda: _gone(pid), lambda gone: gone, deadline=10.0)[-1], f"emulator {pid} outlived its zygote"
    finally:
        if not _gone(pid):  # never leave one behind, even when the check fails
            os.kill(pid, signal.SIGKILL)
