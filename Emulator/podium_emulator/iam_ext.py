"""IAM enforcement switched at run time, and users/roles created in-process (not counted against auth)."""

from __future__ import annotations

import json
import os
from typing import Any

from moto import settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin

_INITIAL = settings.INITIAL_NO_AUTH_ACTION_COUNT


def enabled() -> bool:
    return settings.INITIAL_NO_AUTH_ACTION_COUNT != float("inf")


def enable(initial_no_auth_action_count: float = 0) -> None:
    """What moto's /moto-api/reset-auth does: enforcement starts after N unauthenticated calls."""
    settings.INITIAL_NO_AUTH_ACTION_COUNT = float(initial_no_auth_action_count)
    ActionAuthenticatorMixin.request_count = 0


def disable() -> None:
    settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
    ActionAuthenticatorMixin.request_count = 0


def reset() -> None:
    """Back to the mode given by INITIAL_NO_AUTH_ACTION_COUNT at start."""
    settings.INITIAL_NO_AUTH_ACTION_COUNT = float(os.environ.get("INITIAL_NO_AUTH_ACTION_COUNT", _INITIAL))
    ActionAuthenticatorMixin.request_count = 0


def _account(spec: dict[str, Any]) -> str:
    account = str(spec.get("account") or DEFAULT_ACCOUNT_ID)
    if not (account.isdigit() and len(account) == 12):
        raise ValueError("account must be a 12-digit account id")
    return account


def _policy_json(value: Any, what: str) -> str:
    if isinstance(value, str):
        try:
            json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"{what} is not a JSON policy document: {error}")
        return value
    if isinstance(value, dict):
        return json.dumps(value)
    raise ValueError(f"{what} must be an IAM policy document (object or JSON string)")


def create_user(spec: dict[str, Any]) -> dict[str, str]:
    """Creates (or reuses) a user with an inline policy and returns a new access key."""
    from moto.iam.models import iam_backends

    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("name is required")
    backend = iam_backends[_account(spec)]["aws"]
    if name not in backend.users:
        backend.create_user(region_name="us-east-1", user_name=name)
    if spec.get("policy") is not None:
        backend.put_user_policy(name, "podium-inline", _policy_json(spec["policy"], "policy"))
    key = backend.create_access_key(name)
    return {
        "access_key_id": key.access_key_id,
        "secret_access_key": key.secret_access_key,
        "arn": backend.users[name].arn,
    }


def create_role(spec: dict[str, Any]) -> dict[str, str]:
    """Creates a role (trusting every principal unless trust_policy is given) with an inline policy."""
    from moto.iam.models import iam_backends

    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("name is required")
    account = _account(spec)
    backend = iam_backends[account]["aws"]
    trust = spec.get("trust_policy") or {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
    }
    role = backend.create_role(
        role_name=name,
        assume_role_policy_document=_policy_json(trust, "trust_policy"),
        path="/",
        permissions_boundary=None,
        description="created by the podium emulator control API",
        tags=[],
        max_session_duration=None,
    )
    if spec.get("policy") is not None:
        backend.put_role_policy(name, "podium-inline", _policy_json(spec["policy"], "policy"))
    return {"arn": role.arn}
