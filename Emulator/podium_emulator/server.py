"""The WSGI app: the control API under /_podium/, fault injection and the request log, in front of moto."""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from werkzeug.serving import WSGIRequestHandler

from . import cloudformation_ext, cloudwatch_ext, ecr_ext, faults_ext, github_ext, iam_ext, pipeline_ext, preflight_ext, sagemaker_ext, variants_ext
from .protocol import account_for, error_response, garbage_response, identify
from .state import STATE, PendingFailure

StartResponse = Callable[..., Any]
CONFIG_KEYS = ("endpoint_create_seconds", "endpoint_update_seconds", "stack_step_seconds")


def kill_connection(environ: dict[str, Any], reset: bool = True) -> None:
    """Closes the client's socket under werkzeug: with SO_LINGER 0 the kernel sends RST instead of FIN."""
    sock = environ.get("werkzeug.socket")
    if sock is None or sock.fileno() == -1:
        return
    fd = sock.detach()  # werkzeug's socket object forgets the fd, so it can never close a reused fd
    raw = socket.socket(fileno=fd)
    try:
        if reset:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            raw.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    raw.close()


class QuietHandler(WSGIRequestHandler):
    """werkzeug's handler, silent, and aware that a fault may have taken its socket away."""

    verbose = False

    def handle_one_request(self) -> None:
        if self.connection.fileno() == -1:
            self.close_connection = True
            return
        super().handle_one_request()

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        if self.verbose:
            super().log_request(code, size)

    def date_time_string(self, timestamp: float | None = None) -> str:
        # The Date header follows the emulator's clock, which a skew fault moves.
        return faults_ext.http_date(timestamp)


def _json(start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
    body = json.dumps(payload, default=str).encode()
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error"}
    start_response(f"{status} {reason.get(status, 'Error')}", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def _json_content_type(service: str, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """moto labels CloudWatch's JSON answers `Content-Type: text`; AWS sends application/x-amz-json-1.0."""
    wanted = "application/x-amz-json-1.0" if service == "monitoring" else "application/x-amz-json-1.1"
    return [(k, wanted if k.lower() == "content-type" and v.strip() == "text" else v) for k, v in headers]


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


class PodiumApp:
    """Control API + faults + request log around moto's DomainDispatcherApplication."""

    def __init__(self, moto_app: Any) -> None:
        self.moto_app = moto_app

    # MARK: - WSGI entry

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or ""
        if path.startswith("/_podium/") or path == "/_podium":
            try:
                return self.control(environ, start_response)
            except ValueError as error:
                return _json(start_response, 400, {"error": str(error)})
        if path.startswith(github_ext.PREFIX + "/") or path == github_ext.PREFIX:
            return self.github(environ, start_response)
        if path.startswith("/moto-api"):
            return self.moto_app(environ, start_response)
        return self.aws(environ, start_response)

    def aws(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        started = time.time()
        info = identify(environ)
        entry: dict[str, Any] = {
            "time": _iso(started),
            "service": info.service,
            "operation": info.operation,
            "status": 0,
            "account": account_for(environ, info.access_key),
            "region": info.region,
            "method": info.method,
            "path": info.path,
            "access_key": info.access_key,
            "fault": None,
        }
        refusal = faults_ext.skew_refusal(environ, info)
        if refusal is not None:
            entry["fault"] = "skew"
            status, headers, body = refusal
            entry["status"] = status
            self._finish(entry, started)
            start_response(f"{status} Fault", [*headers, ("Content-Length", str(len(body)))])
            return [body]
        fault = STATE.take_fault(info.service, info.operation)
        if fault is not None:
            entry["fault"] = fault.kind
            if fault.kind == "delay":
                time.sleep(fault.delay_ms / 1000.0)
            elif fault.kind in ("throttle", "http500", "http503", "garbage", "expired_token"):
                if fault.kind == "garbage":
                    status, headers, body = garbage_response(info)
                elif fault.kind == "expired_token":
                    status, headers, body = faults_ext.expired_token_response(info)
                else:
                    status, headers, body = error_response(info, fault.kind)
                entry["status"] = status
                self._finish(entry, started)
                start_response(f"{status} Fault", [*headers, ("Content-Length", str(len(body)))])
                return [body]
            elif fault.kind == "reset":
                entry["status"] = 0
                self._finish(entry, started)
                kill_connection(environ, reset=True)
                raise ConnectionResetError("podium fault: connection reset")
            elif fault.kind == "truncate":
                return self._truncated(environ, start_response, entry, started)

        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = int(status.split(" ", 1)[0])
            if info.protocol == "json":
                headers = _json_content_type(info.service, headers)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        try:
            result = self.moto_app(environ, capture)
        except Exception:
            entry["status"] = 500
            self._finish(entry, started)
            raise
        entry["status"] = captured.get("status", 0)
        self._finish(entry, started)
        return result

    def github(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """The GitHub stand-in, logged like AWS requests (service "github"; the token is never logged)."""
        started = time.time()
        host = environ.get("HTTP_HOST") or f"127.0.0.1:{environ.get('SERVER_PORT', '')}"
        captured: dict[str, int] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers)

        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "")
        result = github_ext.handle(environ, capture, f"http://{host}{github_ext.PREFIX}")
        entry = {"time": _iso(started), "service": "github", "operation": github_ext.operation(method, path),
                 "status": captured.get("status", 0), "account": None, "region": None, "method": method, "path": path,
                 "access_key": None, "fault": None}
        self._finish(entry, started)
        return result

    def _truncated(self, environ: dict[str, Any], start_response: StartResponse, entry: dict[str, Any], started: float) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.moto_app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() not in ("content-length", "transfer-encoding")]
        headers.append(("Content-Length", str(max(len(body), 2))))
        entry["status"] = int(captured["status"].split(" ", 1)[0])
        self._finish(entry, started)
        start_response(captured["status"], headers)
        half = body[: max(1, len(body) // 2)]

        def chunks() -> Iterable[bytes]:
            yield half
            kill_connection(environ, reset=False)
            raise ConnectionResetError("podium fault: truncated body")

        return chunks()

    @staticmethod
    def _finish(entry: dict[str, Any], started: float) -> None:
        entry["duration_ms"] = round((time.time() - started) * 1000.0, 3)
        STATE.log_request(entry)

    # MARK: - control API

    def control(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = (environ.get("PATH_INFO", "") or "").rstrip("/")
        body: dict[str, Any] = {}
        if method in ("POST", "PUT", "DELETE"):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length > 0 else b""
            if raw.strip():
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError as error:
                    raise ValueError(f"request body is not JSON: {error}")
                if not isinstance(body, dict):
                    raise ValueError("request body must be a JSON object")
        route = (method, path)
        if route == ("GET", "/_podium/health"):
            return _json(start_response, 200, {"ok": True})
        if route == ("POST", "/_podium/reset"):
            from moto.moto_api._internal.models import moto_api_backend

            moto_api_backend.reset()
            STATE.reset()
            iam_ext.reset()
            pipeline_ext.reset()
            github_ext.RUNS.reset()
            return _json(start_response, 200, {"ok": True})
        if route == ("POST", "/_podium/faults"):
            fault = STATE.add_fault(body)
            return _json(start_response, 200, {"id": fault.id})
        if route == ("GET", "/_podium/faults"):
            with STATE.lock:
                return _json(start_response, 200, {"faults": [f.to_json() for f in STATE.faults]})
        if route == ("DELETE", "/_podium/faults"):
            STATE.clear_faults()
            return _json(start_response, 200, {"ok": True})
        if route == ("GET", "/_podium/requests"):
            return _json(start_response, 200, {"requests": STATE.request_log()})
        if route == ("DELETE", "/_podium/requests"):
            STATE.clear_requests()
            return _json(start_response, 200, {"ok": True})
        if route == ("GET", "/_podium/config"):
            return _json(start_response, 200, self._config())
        if route == ("POST", "/_podium/config"):
            updates = {}
            for key in CONFIG_KEYS:
                if key in body:
                    value = body[key]
                    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                        raise ValueError(f"{key} must be a number of seconds >= 0")
                    updates[key] = float(value)
            unknown = set(body) - set(CONFIG_KEYS)
            if unknown:
                raise ValueError(f"unknown config keys: {', '.join(sorted(unknown))}")
            with STATE.lock:
                STATE.create_seconds = updates.get("endpoint_create_seconds", STATE.create_seconds)
                STATE.update_seconds = updates.get("endpoint_update_seconds", STATE.update_seconds)
                STATE.stack_step_seconds = updates.get("stack_step_seconds", STATE.stack_step_seconds)
            return _json(start_response, 200, self._config())
        if route == ("POST", "/_podium/endpoint-failure"):
            name, mode = body.get("endpoint_name"), body.get("mode")
            if not isinstance(name, str) or not name:
                raise ValueError("endpoint_name is required")
            if mode not in ("failed", "rollback"):
                raise ValueError("mode must be 'failed' or 'rollback'")
            reason = body.get("reason") or (
                "Injected failure: the new fleet failed health checks."
                if mode == "failed"
                else "Injected failure: the update was rolled back."
            )
            STATE.set_pending_failure(name, PendingFailure(mode, str(reason), body.get("account"), body.get("region")))
            return _json(start_response, 200, {"ok": True})
        if route == ("POST", "/_podium/iam/enable"):
            count = body.get("initial_no_auth_action_count", 0)
            if isinstance(count, bool) or not isinstance(count, (int, float)) or count < 0:
                raise ValueError("initial_no_auth_action_count must be a number >= 0")
            iam_ext.enable(count)
            return _json(start_response, 200, {"ok": True, "initial_no_auth_action_count": count})
        if route == ("POST", "/_podium/iam/disable"):
            iam_ext.disable()
            return _json(start_response, 200, {"ok": True})
        if route == ("POST", "/_podium/iam/users"):
            return _json(start_response, 200, iam_ext.create_user(body))
        if route == ("POST", "/_podium/iam/roles"):
            return _json(start_response, 200, iam_ext.create_role(body))
        if route == ("POST", "/_podium/pipelines"):
            return _json(start_response, 200, pipeline_ext.register(body).to_json())
        if route == ("GET", "/_podium/pipelines"):
            with pipeline_ext.PIPELINES.lock:
                pipelines = [p.to_json() for p in pipeline_ext.PIPELINES.pipelines]
            with github_ext.RUNS.lock:
                runs = [{"id": r.id, "repo": r.repo, "workflow": r.workflow, "inputs": r.inputs, "status": r.status,
                         "conclusion": r.conclusion, "log": r.log} for r in github_ext.RUNS.runs.values()]
            return _json(start_response, 200, {"pipelines": pipelines, "runs": runs})
        if route == ("POST", "/_podium/pipeline/tick"):
            pipeline_ext.tick()
            return _json(start_response, 200, {"ok": True})
        if route == ("GET", "/_podium/github"):
            return _json(start_response, 200, github_ext.RUNS.config())
        if route == ("POST", "/_podium/github"):
            return _json(start_response, 200, github_ext.RUNS.configure(body))
        if route == ("POST", "/_podium/preflight"):
            return _json(start_response, 200, preflight_ext.seed(body))
        if route == ("POST", "/_podium/stacks"):
            return _json(start_response, 200, preflight_ext.create_stack(body))
        if route == ("POST", "/_podium/bulk-registry"):
            from .bulk_ext import bulk_registry

            return _json(start_response, 200, bulk_registry(body))
        return _json(start_response, 404, {"error": f"no control route {method} {path}"})

    @staticmethod
    def _config() -> dict[str, Any]:
        with STATE.lock:
            return {
                "endpoint_create_seconds": STATE.create_seconds,
                "endpoint_update_seconds": STATE.update_seconds,
                "stack_step_seconds": STATE.stack_step_seconds,
                "iam_enabled": iam_ext.enabled(),
            }


_installed = threading.Lock()
_done = False


def install_extensions() -> None:
    """Patches moto's backends and responses once per process."""
    global _done
    with _installed:
        if _done:
            return
        sagemaker_ext.install()
        variants_ext.install()
        cloudformation_ext.install()
        pipeline_ext.install()
        cloudwatch_ext.install()
        iam_ext.install()
        ecr_ext.install()
        _done = True


def build_app() -> PodiumApp:
    """moto's dispatcher app, extended, behind the Podium control layer."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    STATE.load_env_defaults()
    install_extensions()
    from .sso_ext import SSOApp  # IAM Identity Center (SSO-OIDC and the SSO portal), which moto lacks

    return SSOApp(PodiumApp(DomainDispatcherApplication(create_backend_app)))
