"""The expired_token and skew fault kinds: AWS's own answers, and a skewed clock a client can correct from Date."""

from __future__ import annotations

import datetime
import json
import urllib.error
from email.utils import parsedate_to_datetime
from unittest import mock

import pytest
from botocore.exceptions import ClientError


def _fault(emu, **spec):
    return emu.control("POST", "/_podium/faults", spec)["id"]


def _signing_clock(offset_seconds: float):
    """Makes botocore sign as if the local clock were `offset_seconds` off."""
    real = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    return mock.patch("botocore.auth.get_current_datetime", return_value=real + datetime.timedelta(seconds=offset_seconds))


def test_expired_token_in_each_protocol(emu):
    sm, sts, s3 = emu.client("sagemaker"), emu.client("sts"), emu.client("s3")
    s3.create_bucket(Bucket="evals")
    for service, operation in [("sagemaker", "ListEndpoints"), ("sts", "AssumeRole"), ("s3", "GetObject")]:
        _fault(emu, operation=operation, service=service, kind="expired_token", count=1)
    with pytest.raises(ClientError) as e1:
        sm.list_endpoints()
    assert (e1.value.response["Error"]["Code"], e1.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("ExpiredTokenException", 400)
    with pytest.raises(ClientError) as e2:
        sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/x", RoleSessionName="pytest")
    assert (e2.value.response["Error"]["Code"], e2.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("ExpiredToken", 400)
    with pytest.raises(ClientError) as e3:
        s3.get_object(Bucket="evals", Key="k")
    assert e3.value.response["Error"]["Code"] == "ExpiredToken"
    # count: 1 each, so the next calls go through.
    assert sm.list_endpoints()["Endpoints"] == []
    assert [r["fault"] for r in emu.requests() if r["fault"]] == ["expired_token"] * 3


def test_skew_refuses_a_badly_timed_signature_and_dates_answers_with_its_clock(emu):
    sm = emu.client("sagemaker")
    _fault(emu, operation="*", service="sagemaker", kind="skew", skew_seconds=900, count=None)
    with pytest.raises(ClientError) as error:
        sm.list_endpoints()
    response = error.value.response
    assert (response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]) == ("InvalidSignatureException", 400)
    assert response["Error"]["Message"].startswith("Signature expired: ")
    server = parsedate_to_datetime(response["ResponseMetadata"]["HTTPHeaders"]["date"])
    skew = (server - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    assert 890 <= skew <= 910
    # A client that corrected its clock by the Date it saw is accepted, again and again (count null: the clock stays).
    with _signing_clock(skew):
        assert sm.list_endpoints()["Endpoints"] == []
        assert sm.list_endpoints()["Endpoints"] == []
    emu.control("DELETE", "/_podium/faults")
    assert sm.list_endpoints()["Endpoints"] == []


def test_skew_in_query_and_s3_and_the_future(emu):
    sts, s3 = emu.client("sts"), emu.client("s3")
    s3.create_bucket(Bucket="evals")
    _fault(emu, operation="*", kind="skew", skew_seconds=-3600, count=2)
    with pytest.raises(ClientError) as e1:
        sts.get_caller_identity()
    assert (e1.value.response["Error"]["Code"], e1.value.response["ResponseMetadata"]["HTTPStatusCode"]) == ("SignatureDoesNotMatch", 403)
    assert e1.value.response["Error"]["Message"].startswith("Signature not yet current: ")
    with pytest.raises(ClientError) as e2:
        s3.list_objects_v2(Bucket="evals")
    assert e2.value.response["Error"]["Code"] == "RequestTimeTooSkewed"
    # Only refusals use up the count; it was 2, so the fault is gone.
    assert emu.control("GET", "/_podium/faults")["faults"] == []
    assert sts.get_caller_identity()["Account"]


def test_skew_code_override_and_count_of_refusals(emu):
    sm = emu.client("sagemaker")
    _fault(emu, operation="ListEndpoints", kind="skew", skew_seconds=600, count=1, code="RequestTimeTooSkewed")
    with _signing_clock(600):
        assert sm.list_endpoints()["Endpoints"] == []  # in time by the skewed clock: passes, count kept
    assert len(emu.control("GET", "/_podium/faults")["faults"]) == 1
    with pytest.raises(ClientError) as error:
        sm.list_endpoints()
    assert error.value.response["Error"]["Code"] == "RequestTimeTooSkewed"
    assert sm.list_endpoints()["Endpoints"] == []


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"kind": "skew", "skew_seconds": 60}, "needs |skew_seconds| > 300"),
        ({"kind": "skew"}, "needs |skew_seconds| > 300"),
        ({"kind": "skew", "skew_seconds": "900"}, "skew_seconds must be an integer"),
        ({"kind": "skew", "skew_seconds": 900, "code": "Bad Code!"}, "code must be an error code"),
    ],
)
def test_invalid_specs_are_refused(emu, spec, message):
    with pytest.raises(urllib.error.HTTPError) as error:
        emu.control("POST", "/_podium/faults", {"operation": "*", **spec})
    assert error.value.code == 400
    assert message in json.loads(error.value.read())["error"]
