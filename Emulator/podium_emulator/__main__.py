"""`python -m Emulator.podium_emulator --host 127.0.0.1 --port 0 [--port-file F]`: run the emulator.

Prints exactly one line `PODIUM_EMULATOR_READY http://127.0.0.1:<port>` on stdout once the socket listens.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time


def _watch_parent(original_ppid: int, server: object) -> None:
    # A test runner that dies without stopping us must not leave an emulator behind.
    while True:
        time.sleep(1.0)
        if os.getppid() != original_ppid:
            os.write(2, b"podium-emulator: parent process went away; exiting\n")
            os._exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m Emulator.podium_emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (loopback only; default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 (default) picks a free one")
    parser.add_argument("--port-file", help="also write the bound port to this file once listening")
    parser.add_argument("--verbose", action="store_true", help="log every request on stderr")
    parser.add_argument("--no-parent-watch", action="store_true", help="keep running if the parent process exits")
    args = parser.parse_args(argv)

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("the emulator binds loopback only (127.0.0.1)")

    # Quieter, faster moto: no flask debug pages, no CORS preflight handling needed.
    os.environ.setdefault("MOTO_DISABLE_GLOBAL_CORS", "true")
    from werkzeug.serving import make_server

    from .server import QuietHandler, build_app

    QuietHandler.verbose = args.verbose
    app = build_app()
    server = make_server(args.host, args.port, app, threaded=True, request_handler=QuietHandler)
    port = server.server_port

    def stop(signum: int, frame: object) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # A parent may spawn us with these blocked (Foundation's Process on Linux does): unblock or SIGTERM never lands.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    if not args.no_parent_watch:
        threading.Thread(target=_watch_parent, args=(os.getppid(), server), daemon=True).start()

    if args.port_file:
        tmp = f"{args.port_file}.tmp"
        with open(tmp, "w") as handle:
            handle.write(f"{port}\n")
        os.replace(tmp, args.port_file)
    sys.stdout.write(f"PODIUM_EMULATOR_READY http://127.0.0.1:{port}\n")
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
