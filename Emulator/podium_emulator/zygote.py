"""`python -m Emulator.podium_emulator.zygote`: start emulators by fork, for test runners that start a hundred.

Starting the emulator costs over a second of CPU, nearly all of it importing moto (CloudFormation's models pull in
EC2, Auto Scaling, API Gateway...). The Swift test helper (`Tests/PodiumTestSupport/EmulatorZygote.swift`) runs
this once and asks it for each emulator: it imports what `python -m Emulator.podium_emulator` imports, patches moto
the same way (`install_extensions`, which only replaces classes and functions), and then forks one child per
request. The child runs the ordinary `__main__.main` with the ordinary arguments: it builds its own app, binds its
own socket and owns all of its state, so it answers exactly what a freshly spawned emulator answers. Only how it
starts differs: no interpreter start and no imports.

Protocol, one line each way per request, answered in order:

    stdin:  a JSON list of `__main__` arguments, e.g. ["--host", "127.0.0.1", "--port", "0"]
    stdout: `STARTED <pid> <url>`, or `FAILED <pid> <status>` if the child ended before its READY line

The zygote prints `PODIUM_ZYGOTE_READY` once it can fork, and exits when stdin closes (its parent is gone).
Children are stopped by their PID, as a spawned emulator is; the zygote ignores SIGCHLD so the kernel reaps them at
once (a stopped child is gone, not a zombie). A child whose zygote goes away exits, through `__main__`'s parent
watch, as a spawned emulator does when its test runner dies.
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sys

READY = b"PODIUM_EMULATOR_READY "
EXITED = b"PODIUM_ZYGOTE_EXIT "


def _preload() -> None:
    """Everything `__main__.main` and `server.build_app` import or patch before the app exists."""
    os.environ.setdefault("MOTO_DISABLE_GLOBAL_CORS", "true")
    import werkzeug.serving  # noqa: F401
    from moto.moto_server import werkzeug_app  # noqa: F401

    from . import __main__, server, sso_ext  # noqa: F401

    server.install_extensions()


class _ReadyLineOut(io.TextIOBase):
    """The child's `sys.stdout`: its first line (the READY line) goes to the zygote, anything later is dropped.

    A spawned emulator's stdout is a pipe its starter stops reading after the READY line; the zygote closes its end
    then, so later writes are discarded here instead of failing with EPIPE.
    """

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd: int | None = fd

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.fd is not None:
            head, newline, _ = text.partition("\n")
            try:
                os.write(self.fd, (head + newline).encode())
            except OSError:
                pass
            if newline:
                os.close(self.fd)
                self.fd = None
        return len(text)


def _child(arguments: list[str], ready_write: int) -> None:
    """In the forked child: stdin and stdout on /dev/null, the READY line to the zygote; never returns."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.close(null)
        sys.stdin = open(0, closefd=False)
        sys.stdout = _ReadyLineOut(ready_write)
        # A spawned interpreter seeds its generators from the OS; a fork would share the zygote's sequence.
        random.seed()
        from moto.moto_api._internal import mock_random

        mock_random.seed()
        from .__main__ import main

        code = main(arguments)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001 - the child must end here, never in the zygote's loop
        import traceback

        traceback.print_exc()
    finally:
        try:
            out = sys.stdout
            if isinstance(out, _ReadyLineOut) and out.fd is not None:
                # Ended before its READY line: the zygote reports this status, as a spawned process's would be.
                out.write(f"{EXITED.decode()}{code}\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001
            pass
        os._exit(code)


def _read_ready(fd: int) -> bytes:
    """The child's first stdout line (its READY line), or b"" if it closed stdout or ended first."""
    data = b""
    while b"\n" not in data:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data.split(b"\n", 1)[0]


def serve() -> int:
    _preload()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # As `__main__` does: a parent may spawn us with these blocked (Foundation's Process on Linux does), and the
    # Swift helper stops its zygotes with SIGTERM at exit. Children unblock them in `__main__.main` anyway.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    out = sys.stdout.buffer
    out.write(b"PODIUM_ZYGOTE_READY\n")
    out.flush()
    for raw in sys.stdin.buffer:
        try:
            arguments = [str(a) for a in json.loads(raw)]
        except (ValueError, TypeError):
            out.write(b"FAILED 0 2\n")
            out.flush()
            continue
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(arguments, write_end)
        os.close(write_end)
        line = _read_ready(read_end)
        os.close(read_end)
        if line.startswith(READY):
            out.write(b"STARTED %d %s\n" % (pid, line[len(READY):].strip()))
        else:
            status = line[len(EXITED):].strip() if line.startswith(EXITED) else b""
            out.write(b"FAILED %d %s\n" % (pid, status if status.lstrip(b"-").isdigit() else b"1"))
        out.flush()
    # stdin closed: the test runner is gone. Leave at once; tearing down moto's modules takes over a second.
    out.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(serve())
