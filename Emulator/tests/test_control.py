"""Fault injection, the request log, IAM enforcement, reset and the control API's own errors."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError
from urllib3.exceptions import ProtocolError

from .helpers import package


def _fault(emu, **spec):
    return emu.control("POST", "/_podium/faults", spec)["id"]


def test_health_and_unknown_route(emu):
    assert emu.control("GET", "/_podium/health") == {"ok": True}
    with pytest.raises(urllib.error.HTTPError) as error:
        emu.control("POST", "/_podium/faults", {"operation": "*", "kind": "explode"})
    assert error.value.code == 400
    assert "kind must be one of" in json.loads(error.value.read())["error"]


def test_throttle_in_each_protocol(emu):
    sm, cw, sts, s3 = emu.client("sagemaker"), emu.client("cloudwatch"), emu.client("sts"), emu.client("s3")
    s3.create_bucket(Bucket="evals")
    for service, operation in [("sagemaker", "ListEndpoints"), ("monitoring", "DescribeAlarms"), ("sts", "GetCallerIdentity"), ("s3", "GetObject")]:
        _fault(emu, operation=operation, service=service, kind="throttle", count=1)
    with pytest.raises(ClientError) as e1:
        sm.list_endpoints()
    assert (e1.value.response["Error"]["Code"], e1.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("ThrottlingException", 400)
    with pytest.raises(ClientError) as e2:
        cw.describe_alarms()
    assert (e2.value.response["Error"]["Code"], e2.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("Throttling", 400)
    with pytest.raises(ClientError) as e3:
        sts.get_caller_identity()
    assert (e3.value.response["Error"]["Code"], e3.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("Throttling", 400)
    with pytest.raises(ClientError) as e4:
        s3.get_object(Bucket="evals", Key="x.json")
    assert e4.value.response["Error"]["Code"] == "SlowDown"
    # each fault had count 1: everything works again
    sm.list_endpoints()
    cw.describe_alarms()
    assert sts.get_caller_identity()["Account"] == "123456789012"


def test_count_and_retries(emu):
    _fault(emu, operation="ListModelPackageGroups", kind="throttle", count=2)
    sm = emu.client("sagemaker", retries=3)  # boto3 standard mode retries the two throttles
    assert sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []
    statuses = [r["status"] for r in emu.requests() if r["operation"] == "ListModelPackageGroups"]
    assert statuses == [400, 400, 200]


@pytest.mark.parametrize("kind,status", [("http500", 500), ("http503", 503)])
def test_server_errors(emu, kind, status):
    _fault(emu, operation="*", service="sagemaker", kind=kind, count=None)
    sm = emu.client("sagemaker")
    for _ in range(2):
        with pytest.raises(ClientError) as error:
            sm.list_endpoints()
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    emu.control("DELETE", "/_podium/faults")
    sm.list_endpoints()


def test_delay(emu):
    _fault(emu, operation="ListEndpoints", kind="delay", delay_ms=300, count=1)
    sm = emu.client("sagemaker")
    began = time.monotonic()
    sm.list_endpoints()
    assert time.monotonic() - began >= 0.3
    assert emu.requests()[-1]["fault"] == "delay"


def test_connection_reset(emu):
    _fault(emu, operation="DescribeEndpoint", kind="reset", count=1)
    sm = emu.client("sagemaker")
    with pytest.raises((ConnectionClosedError, EndpointConnectionError, ProtocolError, ConnectionResetError)):
        sm.describe_endpoint(EndpointName="x")
    # the server is still healthy afterwards
    assert emu.control("GET", "/_podium/health") == {"ok": True}
    assert emu.requests()[-1]["fault"] == "reset"


def _raw_sagemaker(emu, operation):
    """Sends one signed SageMaker call with http.client and returns (status, headers, body or the read error)."""
    import http.client
    from urllib.parse import urlparse

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method="POST", url=emu.url + "/", data=b"{}", headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"SageMaker.{operation}"})
    SigV4Auth(Credentials("testing", "testing"), "sagemaker", "us-east-1").add_auth(request)
    prepared = request.prepare()
    parsed = urlparse(emu.url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        conn.request("POST", "/", body=prepared.body, headers=dict(prepared.headers))
        response = conn.getresponse()
        try:
            body = response.read()
        except http.client.IncompleteRead as error:
            body = error
        return response.status, dict(response.getheaders()), body
    finally:
        conn.close()


def test_truncated_and_garbage_bodies(emu):
    import http.client

    sm = emu.client("sagemaker")
    package(sm, "churn")
    full_status, _, full = _raw_sagemaker(emu, "ListModelPackageGroups")
    assert full_status == 200 and b"churn" in full
    _fault(emu, operation="ListModelPackageGroups", kind="truncate", count=1)
    status, headers, body = _raw_sagemaker(emu, "ListModelPackageGroups")
    assert status == 200 and int(headers["Content-Length"]) == len(full)
    assert isinstance(body, http.client.IncompleteRead)
    assert 0 < len(body.partial) < len(full) and full.startswith(body.partial)
    _fault(emu, operation="ListModelPackageGroups", kind="garbage", count=1)
    status, headers, body = _raw_sagemaker(emu, "ListModelPackageGroups")
    assert status == 200 and headers["Content-Type"] == "application/x-amz-json-1.1"
    with pytest.raises(ValueError):
        json.loads(body)
    assert [r["fault"] for r in emu.requests()][-2:] == ["truncate", "garbage"]
    assert len(sm.list_model_package_groups()["ModelPackageGroupSummaryList"]) == 1


def test_request_log_records_account_region_operation_status(emu):
    prod = emu.client("sagemaker", region="eu-west-1", **emu.assume("333333333333", "eu-west-1"))
    emu.control("DELETE", "/_podium/requests")
    prod.list_endpoints()
    with pytest.raises(ClientError):
        prod.describe_endpoint(EndpointName="missing")
    emu.client("cloudwatch", region="eu-west-1").list_metrics()
    log = emu.requests()
    assert [(r["service"], r["operation"], r["status"], r["account"], r["region"]) for r in log] == [
        ("sagemaker", "ListEndpoints", 200, "333333333333", "eu-west-1"),
        ("sagemaker", "DescribeEndpoint", 400, "333333333333", "eu-west-1"),
        ("monitoring", "ListMetrics", 200, "123456789012", "eu-west-1"),
    ]
    assert [r["seq"] for r in log] == sorted(r["seq"] for r in log)
    assert all(r["time"].endswith("Z") and r["method"] == "POST" and r["path"] == "/" for r in log)
    emu.control("DELETE", "/_podium/requests")
    assert emu.requests() == []


def test_reset_clears_world_faults_and_log(emu):
    sm = emu.client("sagemaker")
    package(sm, "churn")
    _fault(emu, operation="Nothing", kind="http500")
    emu.control("POST", "/_podium/config", {"endpoint_create_seconds": 5})
    emu.control("POST", "/_podium/reset")
    assert emu.requests() == []
    assert emu.control("GET", "/_podium/faults") == {"faults": []}
    assert emu.control("GET", "/_podium/config")["endpoint_create_seconds"] == 0
    assert sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []


READ_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["sagemaker:List*", "sagemaker:Describe*", "monitoring:GetMetricData"], "Resource": "*"}],
}


def test_iam_enforcement(emu):
    # Stock moto only enforces when started with INITIAL_NO_AUTH_ACTION_COUNT or via /moto-api/reset-auth;
    # here the switch is the control API, and users are created in-process without being counted.
    package(emu.client("sagemaker"), "churn", status="PendingManualApproval")
    user = emu.control("POST", "/_podium/iam/users", {"name": "viewer", "policy": READ_ONLY})
    emu.control("POST", "/_podium/iam/enable", {"initial_no_auth_action_count": 0})
    try:
        keys = {"aws_access_key_id": user["access_key_id"], "aws_secret_access_key": user["secret_access_key"]}
        sm = emu.client("sagemaker", **keys)
        arn = sm.list_model_packages(ModelPackageGroupName="churn")["ModelPackageSummaryList"][0]["ModelPackageArn"]
        with pytest.raises(ClientError) as denied:
            sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
        # moto's denial is XML ErrorResponse sent as text/html even for JSON services (the Swift client parses it)
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert "<Code>AccessDenied</Code>" in denied.value.response["Error"]["Message"]
        assert "sagemaker:UpdateModelPackage" in denied.value.response["Error"]["Message"]
        bad = emu.client("sagemaker", aws_access_key_id=user["access_key_id"], aws_secret_access_key="wrong-secret")
        with pytest.raises(ClientError) as signature:
            bad.list_model_package_groups()
        assert "<Code>SignatureDoesNotMatch</Code>" in signature.value.response["Error"]["Message"]
        unknown = emu.client("sagemaker")  # testing/testing is not a known key once IAM is on
        with pytest.raises(ClientError) as invalid:
            unknown.list_endpoints()
        assert invalid.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        cw = emu.client("cloudwatch", **keys)
        with pytest.raises(ClientError) as monitoring:
            cw.list_metrics()  # CloudWatch permissions are checked under the signing name `monitoring:`
        assert "monitoring:ListMetrics" in monitoring.value.response["Error"]["Message"]
        assert emu.control("GET", "/_podium/config")["iam_enabled"] is True
    finally:
        emu.control("POST", "/_podium/iam/disable")


def test_iam_roles_for_cross_account_assume_role(emu):
    # With IAM on, AssumeRole needs sts:AssumeRole for the caller and a role (with policies) in the target account.
    emu.control("POST", "/_podium/iam/roles", {"name": "podium-promoter", "account": "222222222222", "policy": READ_ONLY})
    user = emu.control("POST", "/_podium/iam/users", {"name": "ops", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}})
    emu.control("POST", "/_podium/iam/enable", {})
    try:
        sts = emu.client("sts", aws_access_key_id=user["access_key_id"], aws_secret_access_key=user["secret_access_key"])
        creds = sts.assume_role(RoleArn="arn:aws:iam::222222222222:role/podium-promoter", RoleSessionName="podium")["Credentials"]
        keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
        assert emu.client("sts", **keys).get_caller_identity()["Account"] == "222222222222"
        sm = emu.client("sagemaker", **keys)
        assert sm.list_endpoints()["Endpoints"] == []
        with pytest.raises(ClientError) as denied:
            sm.delete_endpoint(EndpointName="anything")
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert emu.requests()[-1]["account"] == "222222222222"
    finally:
        emu.control("POST", "/_podium/iam/disable")


def test_stock_moto_has_no_control_api(stock):
    # Faults, the request log and runtime IAM switching do not exist in stock moto: /_podium/ is just an S3 path.
    request = urllib.request.Request(f"{stock.url}/_podium/faults", data=json.dumps({"operation": "*", "kind": "throttle"}).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
    assert b'"id"' not in body


def test_unsigned_web_identity_call_is_logged_as_sts(emu):
    from botocore import UNSIGNED
    from botocore.config import Config

    import boto3

    sts = boto3.client("sts", endpoint_url=emu.url, region_name="us-east-1", config=Config(signature_version=UNSIGNED))
    creds = sts.assume_role_with_web_identity(RoleArn="arn:aws:iam::222222222222:role/gha", RoleSessionName="gha-run", WebIdentityToken="header.payload.signature")["Credentials"]
    keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
    assert emu.client("sts", **keys).get_caller_identity()["Arn"] == "arn:aws:sts::222222222222:assumed-role/gha/gha-run"
    log = [(r["service"], r["operation"], r["status"], r["account"]) for r in emu.requests()]
    assert log == [("sts", "AssumeRoleWithWebIdentity", 200, "123456789012"), ("sts", "GetCallerIdentity", 200, "222222222222")]


def test_environment_sets_iam_mode_and_timings():
    import sys

    from .conftest import Emulator, _start, _stop

    env = {"INITIAL_NO_AUTH_ACTION_COUNT": "1", "PODIUM_EMU_CREATE_SECONDS": "20", "PODIUM_EMU_UPDATE_SECONDS": "30"}
    proc, url = _start([sys.executable, "-m", "Emulator.podium_emulator", "--port", "0"], "PODIUM_EMULATOR_READY", env=env)
    try:
        emu = Emulator(url, proc)
        config = emu.control("GET", "/_podium/config")
        assert (config["endpoint_create_seconds"], config["endpoint_update_seconds"], config["iam_enabled"]) == (20.0, 30.0, True)
        sm = emu.client("sagemaker")
        sm.list_endpoints()  # the one unauthenticated call allowed
        with pytest.raises(ClientError) as error:
            sm.list_endpoints()
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    finally:
        _stop(proc)
    assert proc.poll() is not None
