"""Fault kinds for credentials and clocks: `expired_token` and `skew`.

- `expired_token` answers the way AWS does when a session token has expired (JSON services:
  400 ExpiredTokenException; query services such as STS: 400 ExpiredToken; S3: 400 ExpiredToken).
- `skew` makes the emulator's clock run `skew_seconds` ahead (negative: behind) of the real one for the
  requests it matches. Like AWS it refuses a signed request whose `X-Amz-Date` is more than 5 minutes away
  from that clock (JSON: 400 InvalidSignatureException "Signature expired: ..."; query: 403 SignatureDoesNotMatch;
  S3: 403 RequestTimeTooSkewed; `code` overrides the code) and stamps the skewed time in the `Date` header of
  every response, so a client can correct itself. Requests within tolerance pass through and do not use up
  `count`: `count: 1` means "refuse one badly-timed request".
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timezone
from email.utils import formatdate
from typing import Any

from .protocol import RequestInfo
from .state import STATE, Fault

TOLERANCE_SECONDS = 300
EXPIRED_MESSAGE = "The security token included in the request is expired"


def expired_token_response(info: RequestInfo) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of an expired session token, shaped like the request's protocol."""
    return _error(info, json_code="ExpiredTokenException", query_code="ExpiredToken", s3_code="ExpiredToken",
                  status=400, message=EXPIRED_MESSAGE)


def active_skew_seconds() -> float:
    """The offset of the emulator's clock: that of the first active skew fault, else 0."""
    with STATE.lock:
        for fault in STATE.faults:
            if fault.kind == "skew":
                return float(fault.skew_seconds)
    return 0.0


def http_date(now: float | None = None) -> str:
    """The `Date` header value of the (possibly skewed) emulator clock."""
    return formatdate((time.time() if now is None else now) + active_skew_seconds(), usegmt=True)


def skew_refusal(environ: dict[str, Any], info: RequestInfo) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """A refusal when a skew fault matches and the request's signing time is too far from the skewed clock."""
    signed = _request_time(environ)
    if signed is None:
        return None
    with STATE.lock:
        fault = next((f for f in STATE.faults if f.kind == "skew" and f.matches(info.service, info.operation)), None)
        if fault is None:
            return None
        server_now = time.time() + fault.skew_seconds
        if abs(signed - server_now) <= TOLERANCE_SECONDS:
            return None
        if fault.count is not None:
            fault.count -= 1
            if fault.count <= 0:
                STATE.faults.remove(fault)
    return _skew_error(info, fault, signed, server_now)


def validate(kind: str, spec: dict[str, Any]) -> tuple[int, str | None]:
    """The `skew_seconds` and `code` of a fault spec; raises ValueError when they do not fit the kind."""
    skew = spec.get("skew_seconds", 0) or 0
    if not isinstance(skew, int) or isinstance(skew, bool):
        raise ValueError("skew_seconds must be an integer number of seconds")
    if kind == "skew" and abs(skew) <= TOLERANCE_SECONDS:
        raise ValueError(f"a skew fault needs |skew_seconds| > {TOLERANCE_SECONDS} (AWS tolerates 5 minutes)")
    code = spec.get("code")
    if code is not None and (not isinstance(code, str) or not code.isalnum()):
        raise ValueError("code must be an error code such as 'RequestTimeTooSkewed'")
    return skew, code


def _request_time(environ: dict[str, Any]) -> float | None:
    raw = environ.get("HTTP_X_AMZ_DATE") or ""
    try:
        return datetime.strptime(raw, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def _stamp(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _skew_error(info: RequestInfo, fault: Fault, signed: float, server_now: float) -> tuple[int, list[tuple[str, str]], bytes]:
    if signed < server_now:
        message = (f"Signature expired: {_stamp(signed)} is now earlier than {_stamp(server_now - TOLERANCE_SECONDS)} "
                   f"({_stamp(server_now)} - 5 min.)")
    else:
        message = (f"Signature not yet current: {_stamp(signed)} is still later than "
                   f"{_stamp(server_now + TOLERANCE_SECONDS)} ({_stamp(server_now)} + 5 min.)")
    json_code = fault.code or "InvalidSignatureException"
    query_code = fault.code or "SignatureDoesNotMatch"
    s3_code = fault.code or "RequestTimeTooSkewed"
    if info.protocol == "s3" and not fault.code:
        message = "The difference between the request time and the current time is too large."
    status = 400 if info.protocol == "json" else 403
    return _error(info, json_code=json_code, query_code=query_code, s3_code=s3_code, status=status, message=message)


def _error(info: RequestInfo, *, json_code: str, query_code: str, s3_code: str, status: int,
           message: str) -> tuple[int, list[tuple[str, str]], bytes]:
    request_id = str(uuid.uuid4())
    if info.protocol == "s3":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{s3_code}</Code><Message>{message}</Message>'
                f"<RequestId>{request_id}</RequestId></Error>").encode()
        return status, [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)], body
    if info.protocol == "json":
        ctype = "application/x-amz-json-1.0" if info.service == "monitoring" else "application/x-amz-json-1.1"
        headers = [("Content-Type", ctype), ("x-amzn-RequestId", request_id)]
        if info.service == "monitoring":
            # CloudWatch is awsQueryCompatible: the query-era code travels in x-amzn-query-error.
            headers.append(("x-amzn-query-error", f"{query_code};Sender"))
        body = json.dumps({"__type": json_code, "message": message}).encode()
        return status, headers, body
    body = (f'<ErrorResponse xmlns="https://{info.service}.amazonaws.com/doc/">'
            f"<Error><Type>Sender</Type><Code>{query_code}</Code><Message>{message}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>").encode()
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body
