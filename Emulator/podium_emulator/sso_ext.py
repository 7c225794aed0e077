"""IAM Identity Center for the emulator: SSO-OIDC (RegisterClient, StartDeviceAuthorization, CreateToken) and the
SSO portal's GetRoleCredentials. moto 5.2.1 has neither.

The wire format follows botocore's `sso-oidc` and `sso` models (rest-json, unsigned): OIDC errors are HTTP 400
with `x-amzn-ErrorType: <Name>Exception` and a body `{"error": "authorization_pending", "error_description": ...}`
as AWS sends them; the portal answers `UnauthorizedException` (401) for an unknown or expired access token.
Role credentials are moto's own (an AssumeRole of `arn:aws:iam::<account>:role/<role name>`), so every other
service accepts them in that account.

The browser half of the device flow is the control API:
  GET  /_podium/sso/device?user_code=C          the verification page the device flow prints (a form: Allow/Deny)
  GET  /_podium/sso/device-authorizations      the pending codes (user code, start URL, status, client id)
  GET  /_podium/sso/clients                     every RegisterClient so far (client id, name, scopes), oldest first:
                                                how many registrations a sign-in made, and which one a code used
  POST /_podium/sso/approve {"user_code": C}    what the user does in the browser (or "deny": true)
  POST /_podium/sso/tokens {...}                mint a token set directly (refresh tests without a browser)
  POST /_podium/sso/expire-refresh-tokens       every refresh token is refused from now on (InvalidGrant)
  POST /_podium/sso/revoke-access-tokens        every access token is refused by the portal (Unauthorized)
  POST /_podium/sso/config {...}                access_token_seconds, device_code_seconds, interval, slow_down
  POST /_podium/reset                           also forgets all of the above

werkzeug drops request headers whose name holds "_" before the WSGI app sees them; the portal's bearer token
travels in `x-amz-sso_bearer_token`, so `install()` passes that one header through.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

StartResponse = Callable[..., Any]

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
REFRESH_GRANT = "refresh_token"
BEARER_HEADER = "x-amz-sso_bearer_token"
OIDC_ROUTES = {"/client/register": "RegisterClient", "/device_authorization": "StartDeviceAuthorization", "/token": "CreateToken"}
PORTAL_ROUTE = "/federation/credentials"


@dataclass
class DeviceAuthorization:
    device_code: str
    user_code: str
    client_id: str
    start_url: str
    expires_at: float
    status: str = "pending"  # pending | approved | denied | used


@dataclass
class SSOState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    clients: dict[str, dict[str, Any]] = field(default_factory=dict)
    devices: dict[str, DeviceAuthorization] = field(default_factory=dict)
    access_tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (epoch seconds)
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # token -> client id
    access_token_seconds: int = 3600
    device_code_seconds: int = 600
    interval: int = 1
    slow_down: int = 0  # the next N device-code polls answer slow_down

    def reset(self) -> None:
        with self.lock:
            self.clients.clear()
            self.devices.clear()
            self.access_tokens.clear()
            self.refresh_tokens.clear()
            self.access_token_seconds, self.device_code_seconds, self.interval, self.slow_down = 3600, 600, 1, 0


STATE = SSOState()


class OIDCError(Exception):
    def __init__(self, name: str, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.name, self.error, self.description, self.status = name, error, description, status


# MARK: - SSO-OIDC


def _issue_tokens(client_id: str, scopes: list[str]) -> dict[str, Any]:
    """An access token (and a refresh token when the client registered scopes, as Identity Center does)."""
    access = "aoa" + secrets.token_urlsafe(24)
    answer: dict[str, Any] = {"accessToken": access, "tokenType": "Bearer", "expiresIn": STATE.access_token_seconds}
    STATE.access_tokens[access] = time.time() + STATE.access_token_seconds
    if scopes:
        refresh = "aor" + secrets.token_urlsafe(24)
        STATE.refresh_tokens[refresh] = client_id
        answer["refreshToken"] = refresh
    return answer


def _client(body: dict[str, Any]) -> dict[str, Any]:
    client = STATE.clients.get(str(body.get("clientId") or ""))
    if client is None or client["secret"] != body.get("clientSecret"):
        raise OIDCError("InvalidClientException", "invalid_client", "Client authentication failed", 401)
    if client["expires_at"] <= time.time():
        raise OIDCError("InvalidClientException", "invalid_client", "Client registration has expired", 401)
    return client


def register_client(body: dict[str, Any]) -> dict[str, Any]:
    if not body.get("clientName") or not body.get("clientType"):
        raise OIDCError("InvalidRequestException", "invalid_request", "clientName and clientType are required")
    if body["clientType"] != "public":
        raise OIDCError("InvalidClientMetadataException", "invalid_client_metadata", "clientType must be public")
    scopes = body.get("scopes") or []
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise OIDCError("InvalidScopeException", "invalid_scope", "scopes must be a list of strings")
    client_id, secret = "cid-" + uuid.uuid4().hex, "cs-" + secrets.token_urlsafe(32)
    now = int(time.time())
    expires = now + 90 * 24 * 3600
    with STATE.lock:
        STATE.clients[client_id] = {"secret": secret, "scopes": scopes, "expires_at": expires, "name": body["clientName"]}
    return {"clientId": client_id, "clientSecret": secret, "clientIdIssuedAt": now, "clientSecretExpiresAt": expires}


def start_device_authorization(body: dict[str, Any], base_url: str) -> dict[str, Any]:
    if not body.get("startUrl"):
        raise OIDCError("InvalidRequestException", "invalid_request", "startUrl is required")
    with STATE.lock:
        client = _client(body)
        del client
        device_code = "dc-" + secrets.token_urlsafe(24)
        letters = "BCDFGHJKLMNPQRSTVWXZ"
        user_code = "".join(secrets.choice(letters) for _ in range(4)) + "-" + "".join(secrets.choice(letters) for _ in range(4))
        STATE.devices[device_code] = DeviceAuthorization(
            device_code, user_code, str(body["clientId"]), str(body["startUrl"]), time.time() + STATE.device_code_seconds
        )
        verification = f"{base_url}/_podium/sso/device"
        return {
            "deviceCode": device_code,
            "userCode": user_code,
            "verificationUri": verification,
            "verificationUriComplete": f"{verification}?user_code={user_code}",
            "expiresIn": STATE.device_code_seconds,
            "interval": STATE.interval,
        }


def create_token(body: dict[str, Any]) -> dict[str, Any]:
    grant = body.get("grantType")
    with STATE.lock:
        client = _client(body)
        if grant == DEVICE_GRANT:
            device = STATE.devices.get(str(body.get("deviceCode") or ""))
            if device is None or device.client_id != body.get("clientId") or device.status == "used":
                raise OIDCError("InvalidGrantException", "invalid_grant", "Invalid device code provided")
            if device.expires_at <= time.time():
                raise OIDCError("ExpiredTokenException", "expired_token", "Device code has expired")
            if device.status == "denied":
                raise OIDCError("AccessDeniedException", "access_denied", "The user denied the authorization")
            if STATE.slow_down > 0:
                STATE.slow_down -= 1
                raise OIDCError("SlowDownException", "slow_down", "Client is polling too fast")
            if device.status == "pending":
                raise OIDCError("AuthorizationPendingException", "authorization_pending", "Authorization is still pending")
            device.status = "used"
            return _issue_tokens(str(body["clientId"]), client["scopes"])
        if grant == REFRESH_GRANT:
            refresh = str(body.get("refreshToken") or "")
            if STATE.refresh_tokens.get(refresh) != body.get("clientId"):
                raise OIDCError("InvalidGrantException", "invalid_grant", "Invalid refresh token provided")
            del STATE.refresh_tokens[refresh]  # rotated: a refresh token is good once
            return _issue_tokens(str(body["clientId"]), client["scopes"])
        raise OIDCError("UnsupportedGrantTypeException", "unsupported_grant_type", f"Unsupported grant type: {grant}")


# MARK: - SSO portal


def get_role_credentials(environ: dict[str, Any]) -> tuple[int, dict[str, Any], str | None]:
    token = environ.get("HTTP_X_AMZ_SSO_BEARER_TOKEN") or ""
    query = parse_qs(environ.get("QUERY_STRING", ""))
    account = (query.get("account_id") or [""])[0]
    role = (query.get("role_name") or [""])[0]
    with STATE.lock:
        expiry = STATE.access_tokens.get(token)
    if not token or expiry is None or expiry <= time.time():
        return 401, {"message": "Session token not found or invalid"}, "UnauthorizedException"
    if not (account.isdigit() and len(account) == 12) or not role:
        return 400, {"message": "account_id (12 digits) and role_name are required"}, "InvalidRequestException"
    from moto.sts.models import sts_backends

    assumed = sts_backends[account]["aws"].assume_role(
        region_name="us-east-1",
        role_session_name=f"sso-{role}",
        role_arn=f"arn:aws:iam::{account}:role/{role}",
        policy="",
        duration=3600,
        external_id="",
    )
    credentials = {
        "accessKeyId": assumed.access_key_id,
        "secretAccessKey": assumed.secret_access_key,
        "sessionToken": assumed.session_token,
        "expiration": int(assumed.expiration.timestamp() * 1000),
    }
    return 200, {"roleCredentials": credentials}, None


# MARK: - control


def mint_tokens(body: dict[str, Any]) -> dict[str, Any]:
    """A registered client plus tokens, as a finished device flow leaves them; for refresh tests."""
    scopes = body.get("scopes", ["sso:account:access"])
    registration = register_client({"clientName": "podium-test", "clientType": "public", "scopes": scopes})
    with STATE.lock:
        seconds = body.get("access_token_seconds")
        saved = STATE.access_token_seconds
        if seconds is not None:
            STATE.access_token_seconds = int(seconds)
        try:
            tokens = _issue_tokens(registration["clientId"], scopes)
        finally:
            STATE.access_token_seconds = saved
    return {**registration, **tokens}


def control(method: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
    if (method, path) == ("GET", "/_podium/sso/device-authorizations"):
        with STATE.lock:
            return 200, {
                "device_authorizations": [
                    {
                        "user_code": d.user_code,
                        "start_url": d.start_url,
                        "status": d.status,
                        "expires_at": d.expires_at,
                        "client_id": d.client_id,
                    }
                    for d in STATE.devices.values()
                ]
            }
    if (method, path) == ("GET", "/_podium/sso/clients"):
        with STATE.lock:
            return 200, {
                "clients": [
                    {"client_id": cid, "client_name": c["name"], "scopes": c["scopes"], "expires_at": c["expires_at"]}
                    for cid, c in STATE.clients.items()
                ]
            }
    if (method, path) == ("POST", "/_podium/sso/approve"):
        code = body.get("user_code")
        with STATE.lock:
            matches = [d for d in STATE.devices.values() if d.user_code == code and d.status == "pending"]
            if not matches:
                raise ValueError(f"no pending device authorization with user_code {code!r}")
            matches[0].status = "denied" if body.get("deny") else "approved"
        return 200, {"ok": True, "status": matches[0].status}
    if (method, path) == ("POST", "/_podium/sso/tokens"):
        return 200, mint_tokens(body)
    if (method, path) == ("POST", "/_podium/sso/expire-refresh-tokens"):
        with STATE.lock:
            count = len(STATE.refresh_tokens)
            STATE.refresh_tokens.clear()
        return 200, {"ok": True, "expired": count}
    if (method, path) == ("POST", "/_podium/sso/revoke-access-tokens"):
        with STATE.lock:
            count = len(STATE.access_tokens)
            STATE.access_tokens.clear()
        return 200, {"ok": True, "revoked": count}
    if (method, path) == ("POST", "/_podium/sso/config"):
        allowed = {"access_token_seconds", "device_code_seconds", "interval", "slow_down"}
        unknown = set(body) - allowed
        if unknown:
            raise ValueError(f"unknown sso config keys: {', '.join(sorted(unknown))}")
        with STATE.lock:
            for key in allowed & set(body):
                value = body[key]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{key} must be a whole number >= 0")
                setattr(STATE, key, value)
            return 200, {k: getattr(STATE, k) for k in sorted(allowed)}
    return 404, {"error": f"no control route {method} {path}"}


# MARK: - WSGI


def _read_json(environ: dict[str, Any]) -> dict[str, Any]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    if not raw.strip():
        return {}
    body = json.loads(raw)
    if not isinstance(body, dict):
        raise ValueError("request body must be a JSON object")
    return body


def _answer(start_response: StartResponse, status: int, payload: Any, error_type: str | None = None) -> list[bytes]:
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))), ("x-amzn-RequestId", str(uuid.uuid4()))]
    if error_type:
        headers.append(("x-amzn-ErrorType", f"{error_type}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"))
    start_response(f"{status} {'OK' if status == 200 else 'Error'}", headers)
    return [body]


class SSOApp:
    """Answers SSO-OIDC, the SSO portal and /_podium/sso/* itself; everything else goes to the wrapped app."""

    def __init__(self, inner: Any) -> None:
        install()
        self.inner = inner

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "") or ""
        signed = bool(environ.get("HTTP_AUTHORIZATION"))
        if path.rstrip("/") == "/_podium/sso/device":
            return self._device_page(environ, start_response)
        if path.startswith("/_podium/sso/"):
            try:
                body = _read_json(environ) if method == "POST" else {}
                status, payload = control(method, path.rstrip("/"), body)
            except (ValueError, json.JSONDecodeError) as error:
                status, payload = 400, {"error": str(error)}
            return _answer(start_response, status, payload)
        if (method, path) == ("POST", "/_podium/reset"):
            STATE.reset()
        elif not signed and method == "POST" and path in OIDC_ROUTES:
            return self._logged(environ, start_response, "sso-oauth", OIDC_ROUTES[path], self._oidc)
        elif not signed and method == "GET" and path == PORTAL_ROUTE:
            return self._logged(environ, start_response, "awsssoportal", "GetRoleCredentials", self._portal)
        return self.inner(environ, start_response)

    @staticmethod
    def _device_page(environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """The verification page the printed URL opens: confirm or refuse a code (a form post), as in the browser."""
        query = parse_qs(environ.get("QUERY_STRING", ""))
        code = (query.get("user_code") or [""])[0]
        message = ""
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(length).decode("utf-8", "replace") if length > 0 else "")
            code = (form.get("user_code") or [""])[0]
            deny = (form.get("action") or [""])[0] == "deny"
            try:
                status, _ = control("POST", "/_podium/sso/approve", {"user_code": code, "deny": deny})
                message = "Request denied." if deny else "Request approved. You can close this window."
            except ValueError as error:
                message = str(error)
        safe = html.escape(code)
        page = (
            "<!doctype html><html><head><title>Podium emulator: IAM Identity Center</title></head><body>"
            f"<h1>Authorize request</h1><p>{html.escape(message)}</p>"
            '<form method="post" action="/_podium/sso/device">'
            f'<label>Code <input name="user_code" value="{safe}"></label> '
            '<button name="action" value="approve">Allow</button> <button name="action" value="deny">Deny</button>'
            "</form></body></html>"
        ).encode()
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))])
        return [page]

    def _oidc(self, environ: dict[str, Any], start_response: StartResponse) -> tuple[int, list[bytes]]:
        path = environ.get("PATH_INFO", "")
        try:
            body = _read_json(environ)
            if path == "/client/register":
                answer = register_client(body)
            elif path == "/device_authorization":
                host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
                answer = start_device_authorization(body, f"http://{host}")
            else:
                answer = create_token(body)
        except (ValueError, json.JSONDecodeError) as error:
            return 400, _answer(start_response, 400, {"error": "invalid_request", "error_description": str(error)}, "InvalidRequestException")
        except OIDCError as error:
            payload = {"error": error.error, "error_description": error.description}
            return error.status, _answer(start_response, error.status, payload, error.name)
        return 200, _answer(start_response, 200, answer)

    def _portal(self, environ: dict[str, Any], start_response: StartResponse) -> tuple[int, list[bytes]]:
        status, payload, error_type = get_role_credentials(environ)
        return status, _answer(start_response, status, payload, error_type)

    @staticmethod
    def _logged(environ: dict[str, Any], start_response: StartResponse, service: str, operation: str, handler: Any) -> list[bytes]:
        from .state import STATE as PODIUM_STATE

        started = time.time()
        status, body = handler(environ, start_response)
        PODIUM_STATE.log_request(
            {
                "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(started)) + "Z",
                "service": service,
                "operation": operation,
                "status": status,
                "account": (parse_qs(environ.get("QUERY_STRING", "")).get("account_id") or [""])[0],
                "region": "",
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "access_key": None,
                "fault": None,
                "duration_ms": round((time.time() - started) * 1000.0, 3),
            }
        )
        return body


_installed = threading.Lock()
_done = False


def install() -> None:
    """Lets the portal's `x-amz-sso_bearer_token` header through werkzeug's development server (once)."""
    global _done
    with _installed:
        if _done:
            return
        from werkzeug.serving import WSGIRequestHandler

        original = WSGIRequestHandler.make_environ

        def make_environ(self: Any) -> dict[str, Any]:
            environ = original(self)
            token = self.headers.get(BEARER_HEADER)
            if token is not None:
                environ["HTTP_X_AMZ_SSO_BEARER_TOKEN"] = token
            return environ

        WSGIRequestHandler.make_environ = make_environ  # type: ignore[method-assign]
        _done = True
