"""IAM Identity Center in the emulator, driven by botocore's own sso-oidc and sso clients (a peer we did not write)."""

from __future__ import annotations

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from .conftest import Emulator

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def _client(emu: Emulator, service: str) -> object:
    config = Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1, "mode": "standard"})
    return boto3.client(service, endpoint_url=emu.url, region_name="eu-west-1", config=config)


def _start(emu: Emulator, scopes: list[str] | None = None) -> tuple[object, dict, dict]:
    oidc = _client(emu, "sso-oidc")
    kwargs = {"clientName": "pytest", "clientType": "public"}
    if scopes:
        kwargs["scopes"] = scopes
    registration = oidc.register_client(**kwargs)
    device = oidc.start_device_authorization(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"], startUrl="https://corp.awsapps.com/start"
    )
    return oidc, registration, device


def _poll(oidc: object, registration: dict, device: dict) -> dict:
    return oidc.create_token(
        clientId=registration["clientId"], clientSecret=registration["clientSecret"], grantType=DEVICE_GRANT, deviceCode=device["deviceCode"]
    )


def test_device_flow_pending_slow_down_then_approved(emu: Emulator) -> None:
    oidc, registration, device = _start(emu, ["sso:account:access"])
    assert device["verificationUriComplete"].endswith("user_code=" + device["userCode"])
    assert device["expiresIn"] == 600 and device["interval"] == 1
    with pytest.raises(oidc.exceptions.AuthorizationPendingException) as pending:
        _poll(oidc, registration, device)
    assert pending.value.response["error"] == "authorization_pending"  # the OAuth error field, as AWS sends it
    emu.control("POST", "/_podium/sso/config", {"slow_down": 1})
    with pytest.raises(oidc.exceptions.SlowDownException):
        _poll(oidc, registration, device)
    listed = emu.control("GET", "/_podium/sso/device-authorizations")["device_authorizations"]
    assert [(d["user_code"], d["status"]) for d in listed] == [(device["userCode"], "pending")]
    emu.control("POST", "/_podium/sso/approve", {"user_code": device["userCode"]})
    token = _poll(oidc, registration, device)
    assert token["accessToken"] and token["refreshToken"] and token["expiresIn"] == 3600
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        _poll(oidc, registration, device)  # a device code gives one token
    operations = [r["operation"] for r in emu.requests() if r["service"] == "sso-oauth"]
    assert operations[:2] == ["RegisterClient", "StartDeviceAuthorization"] and operations.count("CreateToken") == 4


def test_denied_and_expired_device_codes(emu: Emulator) -> None:
    oidc, registration, device = _start(emu)
    emu.control("POST", "/_podium/sso/approve", {"user_code": device["userCode"], "deny": True})
    with pytest.raises(oidc.exceptions.AccessDeniedException):
        _poll(oidc, registration, device)
    emu.control("POST", "/_podium/sso/config", {"device_code_seconds": 0})
    oidc, registration, device = _start(emu)
    with pytest.raises(oidc.exceptions.ExpiredTokenException):
        _poll(oidc, registration, device)


def test_legacy_client_without_scopes_gets_no_refresh_token(emu: Emulator) -> None:
    oidc, registration, device = _start(emu)
    emu.control("POST", "/_podium/sso/approve", {"user_code": device["userCode"]})
    assert "refreshToken" not in _poll(oidc, registration, device)


def test_refresh_token_rotates_and_can_be_expired(emu: Emulator) -> None:
    oidc = _client(emu, "sso-oidc")
    minted = emu.control("POST", "/_podium/sso/tokens", {"access_token_seconds": 60})
    assert minted["expiresIn"] == 60
    grant = {"clientId": minted["clientId"], "clientSecret": minted["clientSecret"], "grantType": "refresh_token"}
    fresh = oidc.create_token(refreshToken=minted["refreshToken"], **grant)
    assert fresh["accessToken"] != minted["accessToken"] and fresh["refreshToken"] != minted["refreshToken"]
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(refreshToken=minted["refreshToken"], **grant)  # the old one was rotated out
    emu.control("POST", "/_podium/sso/expire-refresh-tokens")
    with pytest.raises(oidc.exceptions.InvalidGrantException):
        oidc.create_token(refreshToken=fresh["refreshToken"], **grant)
    with pytest.raises(oidc.exceptions.InvalidClientException):
        oidc.create_token(refreshToken=fresh["refreshToken"], **{**grant, "clientSecret": "wrong"})


def test_role_credentials_work_in_the_account(emu: Emulator) -> None:
    sso = _client(emu, "sso")
    token = emu.control("POST", "/_podium/sso/tokens", {})["accessToken"]
    answer = sso.get_role_credentials(roleName="PodiumPromoter", accountId="222222222222", accessToken=token)
    keys = answer["roleCredentials"]
    assert keys["expiration"] > 0
    identity = emu.client(
        "sts", aws_access_key_id=keys["accessKeyId"], aws_secret_access_key=keys["secretAccessKey"], aws_session_token=keys["sessionToken"]
    ).get_caller_identity()
    assert identity["Account"] == "222222222222" and "PodiumPromoter" in identity["Arn"]
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.get_role_credentials(roleName="PodiumPromoter", accountId="222222222222", accessToken="not-a-token")
    emu.control("POST", "/_podium/sso/revoke-access-tokens")
    with pytest.raises(sso.exceptions.UnauthorizedException):
        sso.get_role_credentials(roleName="PodiumPromoter", accountId="222222222222", accessToken=token)


def test_control_errors_are_clear(emu: Emulator) -> None:
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as error:
        emu.control("POST", "/_podium/sso/approve", {"user_code": "NOPE-NOPE"})
    assert error.value.code == 400 and "NOPE-NOPE" in error.value.read().decode()
    with pytest.raises(urllib.error.HTTPError):
        emu.control("POST", "/_podium/sso/config", {"slow_down": -1})


def test_verification_page_approves_like_the_browser(emu: Emulator) -> None:
    import urllib.parse
    import urllib.request

    oidc, registration, device = _start(emu)
    with urllib.request.urlopen(device["verificationUriComplete"], timeout=10) as page:
        assert device["userCode"] in page.read().decode()
    form = urllib.parse.urlencode({"user_code": device["userCode"], "action": "approve"}).encode()
    with urllib.request.urlopen(f"{emu.url}/_podium/sso/device", data=form, timeout=10) as page:
        assert "approved" in page.read().decode()
    assert _poll(oidc, registration, device)["accessToken"]


def test_clients_lists_every_registration_and_codes_name_theirs(emu: Emulator) -> None:
    """The counter a "register once" test reads: one entry per RegisterClient, and each code says whose it is."""
    assert emu.control("GET", "/_podium/sso/clients")["clients"] == []
    _, first, device = _start(emu, ["sso:account:access"])
    oidc = _client(emu, "sso-oidc")
    again = oidc.start_device_authorization(
        clientId=first["clientId"], clientSecret=first["clientSecret"], startUrl="https://corp.awsapps.com/start"
    )
    clients = emu.control("GET", "/_podium/sso/clients")["clients"]
    assert [(c["client_id"], c["client_name"], c["scopes"]) for c in clients] == [(first["clientId"], "pytest", ["sso:account:access"])]
    listed = emu.control("GET", "/_podium/sso/device-authorizations")["device_authorizations"]
    assert {d["user_code"]: d["client_id"] for d in listed} == {device["userCode"]: first["clientId"], again["userCode"]: first["clientId"]}
    _start(emu)
    assert len(emu.control("GET", "/_podium/sso/clients")["clients"]) == 2
    emu.control("POST", "/_podium/reset")
    assert emu.control("GET", "/_podium/sso/clients")["clients"] == []
