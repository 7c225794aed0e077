"""IAM enforcement switched at run time, and users/roles created in-process (not counted against auth).

Also closes a moto 5.2.1 gap: with enforcement on, moto authenticates every STS action, so the unsigned ones
(AssumeRoleWithWebIdentity, AssumeRoleWithSAML: botocore never signs them, AWS trusts the token instead) crash
with HTTP 500 (KeyError on the missing Authorization header). `install()` lets them through, as AWS does, and
answers any other unsigned call 403 MissingAuthenticationToken. moto's AssumeRoleWithSAML also keeps the session
in the caller's account instead of the role's, so its credentials were unknown to the role's account under IAM:
it is registered in the role's account as AssumeRole does.
"""

from __future__ import annotations

import json
import os
from typing import Any

from moto import settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.exceptions import _RESTError

_INITIAL = settings.INITIAL_NO_AUTH_ACTION_COUNT

# STS actions that AWS accepts without a SigV4 signature: the caller proves itself with the token or assertion.
UNSIGNED_STS_ACTIONS = frozenset({"AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"})
_ORIGINAL: dict[str, Any] = {}


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


class MissingAuthenticationTokenError(_RESTError):
    """AWS's answer to an unsigned call of an action that needs a signature (moto: HTTP 500, KeyError)."""

    code = 403

    def __init__(self) -> None:
        super().__init__("MissingAuthenticationToken", "Request is missing Authentication Token")


def _authenticate_and_authorize_action(self: Any, iam_request_cls: type, resource: str = "*") -> None:
    """moto's check (used for every service, S3 included), except that once enforcement is on, STS's unsigned
    actions pass (as in AWS) and any other unsigned call is a 403 MissingAuthenticationToken (moto: HTTP 500)."""
    from moto.sts.responses import TokenResponse

    if ActionAuthenticatorMixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT:
        if isinstance(self, TokenResponse) and self._get_action() in UNSIGNED_STS_ACTIONS:
            return
        headers = self.headers
        if (
            not headers.get("Authorization")
            and "X-Amz-Signature" not in (getattr(self, "querystring", None) or {})
            and headers.get("X-Amz-Target") not in ActionAuthenticatorMixin.PUBLIC_OPERATIONS
        ):
            raise MissingAuthenticationTokenError()
    _ORIGINAL["authenticate"](self, iam_request_cls, resource)


def _assume_role_with_saml(self: Any, **kwargs: Any) -> Any:
    """moto's AssumeRoleWithSAML, with the session also known in the role's account (as for AssumeRole)."""
    from moto.sts.models import sts_backends
    from moto.utilities.utils import get_partition

    role = _ORIGINAL["assume_role_with_saml"](self, **kwargs)
    role.access_key.role_arn = role.role_arn
    target = sts_backends[role.account_id][get_partition(role.region_name)]
    if target is not self and role not in target.assumed_roles:
        target.assumed_roles.append(role)
    return role


def install() -> None:
    """Patches moto's authorization check and SAML sessions (idempotent per process via server.install_extensions)."""
    from moto.sts.models import STSBackend

    _ORIGINAL["authenticate"] = ActionAuthenticatorMixin._authenticate_and_authorize_action
    _ORIGINAL["assume_role_with_saml"] = STSBackend.assume_role_with_saml
    ActionAuthenticatorMixin._authenticate_and_authorize_action = _authenticate_and_authorize_action  # type: ignore[method-assign]
    STSBackend.assume_role_with_saml = _assume_role_with_saml  # type: ignore[method-assign]
