"""Identify an AWS request (service, operation, account, region, wire protocol) and render errors in its protocol."""

from __future__ import annotations

import io
import json
import os
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

TARGET_PREFIXES = {
    "SageMaker": "sagemaker",
    "GraniteServiceVersion20100801": "monitoring",
}
UNSIGNED_STS_ACTIONS = {"AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"}


@dataclass
class RequestInfo:
    """What the request log and fault matching need to know about one request."""

    service: str
    operation: str
    region: str
    access_key: str | None
    protocol: str  # "json", "query", "s3"
    method: str
    path: str


def _read_form_body(environ: dict[str, Any]) -> str:
    content_type = environ.get("CONTENT_TYPE", "") or ""
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return ""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return ""
    if length <= 0:
        return ""
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    return body.decode("utf-8", errors="replace")


def _credential_scope(environ: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    auth = environ.get("HTTP_AUTHORIZATION") or ""
    if "Credential=" not in auth:
        return None, None, None
    try:
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0].strip()
        access_key, _date, region, service, _term = scope.split("/")
        return access_key, region, service.lower()
    except ValueError:
        return None, None, None


def _s3_operation(method: str, path: str, query: dict[str, list[str]]) -> str:
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "ListBuckets" if method == "GET" else f"{method.title()}Root"
    has_key = len(parts) > 1
    if method == "GET":
        if has_key:
            return "GetObject"
        return "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"
    if method == "HEAD":
        return "HeadObject" if has_key else "HeadBucket"
    if method == "PUT":
        return "PutObject" if has_key else "CreateBucket"
    if method == "DELETE":
        return "DeleteObject" if has_key else "DeleteBucket"
    if method == "POST" and "delete" in query:
        return "DeleteObjects"
    return f"{method.title()}{'Object' if has_key else 'Bucket'}"


def identify(environ: dict[str, Any]) -> RequestInfo:
    """Reads service/operation the way moto routes: credential scope first, then target, then Action, else S3."""
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/") or "/"
    access_key, region, service = _credential_scope(environ)
    target = environ.get("HTTP_X_AMZ_TARGET") or ""
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    form = parse_qs(_read_form_body(environ), keep_blank_values=True)
    action = (form.get("Action") or query.get("Action") or [None])[0]
    if service is None:
        if target and target.split(".", 1)[0] in TARGET_PREFIXES:
            service = TARGET_PREFIXES[target.split(".", 1)[0]]
        elif action in UNSIGNED_STS_ACTIONS:
            service = "sts"
        else:
            service = "s3"  # moto's rule: a request without Authorization is S3
    if target:
        operation = target.split(".")[-1]
        protocol = "json"
    elif action:
        operation = action
        protocol = "query"
    elif service == "s3":
        operation = _s3_operation(method, path, query)
        protocol = "s3"
    else:
        operation = "Unknown"
        protocol = "json" if "json" in (environ.get("CONTENT_TYPE") or "") else "query"
    if service == "s3":
        protocol = "s3"
    return RequestInfo(service, operation, region or "us-east-1", access_key, protocol, method, path)


def account_for(environ: dict[str, Any], access_key: str | None) -> str:
    """The account moto will act in, by moto's own rules (env, header, access key)."""
    if "MOTO_ACCOUNT_ID" in os.environ:
        return os.environ["MOTO_ACCOUNT_ID"]
    if environ.get("HTTP_X_MOTO_ACCOUNT_ID"):
        return environ["HTTP_X_MOTO_ACCOUNT_ID"]
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.iam.models import get_account_id_from

    if not access_key:
        return DEFAULT_ACCOUNT_ID
    try:
        return get_account_id_from(access_key)
    except Exception:  # the log must never break a request
        return DEFAULT_ACCOUNT_ID


# MARK: - error bodies

ERROR_CODES = {
    # kind: (status, json code, query code, s3 code, s3 status, message)
    "throttle": (400, "ThrottlingException", "Throttling", "SlowDown", 503, "Rate exceeded"),
    "http500": (500, "InternalFailure", "InternalFailure", "InternalError", 500, "We encountered an internal error. Please try again."),
    "http503": (503, "ServiceUnavailable", "ServiceUnavailable", "ServiceUnavailable", 503, "Service is unavailable. Please try again."),
}


def error_response(info: RequestInfo, kind: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of an injected error, shaped like the request's protocol."""
    status, json_code, query_code, s3_code, s3_status, message = ERROR_CODES[kind]
    request_id = str(uuid.uuid4())
    if info.protocol == "s3":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{s3_code}</Code><Message>{message}</Message>"
            f"<RequestId>{request_id}</RequestId></Error>"
        ).encode()
        return s3_status, [("Content-Type", "application/xml"), ("x-amz-request-id", request_id)], body
    if info.protocol == "json":
        code = json_code
        headers = [("x-amzn-RequestId", request_id), ("X-Amzn-ErrorType", code)]
        if info.service == "monitoring":
            # CloudWatch is awsQueryCompatible: the query-era code travels in x-amzn-query-error.
            code = query_code if kind == "throttle" else json_code
            headers = [
                ("x-amzn-RequestId", request_id),
                ("x-amzn-query-error", f"{code};{'Sender' if status < 500 else 'Receiver'}"),
            ]
            ctype = "application/x-amz-json-1.0"
        else:
            ctype = "application/x-amz-json-1.1"
        body = json.dumps({"__type": code, "message": message}).encode()
        return status, [("Content-Type", ctype), *headers], body
    fault_type = "Sender" if status < 500 else "Receiver"
    body = (
        f'<ErrorResponse xmlns="https://{info.service}.amazonaws.com/doc/">'
        f"<Error><Type>{fault_type}</Type><Code>{query_code}</Code><Message>{message}</Message></Error>"
        f"<RequestId>{request_id}</RequestId></ErrorResponse>"
    ).encode()
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body


def garbage_response(info: RequestInfo) -> tuple[int, list[tuple[str, str]], bytes]:
    """A 200 whose body is not valid in any protocol."""
    ctype = {"json": "application/x-amz-json-1.1", "query": "text/xml", "s3": "application/xml"}[info.protocol]
    if info.service == "monitoring" and info.protocol == "json":
        ctype = "application/x-amz-json-1.0"
    body = b"\x00\xff\xfe<<garbage{{\"not\": json, not xml>>\x80\x81 \xc3\x28"
    return 200, [("Content-Type", ctype)], body
