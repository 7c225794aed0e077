"""With IAM enforcement on, STS's unsigned actions work as in AWS (stock moto 5.2.1: HTTP 500)."""

from __future__ import annotations

import base64
import urllib.request

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

ROLE_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["sagemaker:ListEndpoints", "sts:GetCallerIdentity"], "Resource": "*"}],
}

SAML_TEMPLATE = """<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="r1" Version="2.0">
<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="a1" Version="2.0">
<saml:AttributeStatement>
<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>{role},{provider}</saml:AttributeValue></saml:Attribute>
<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>alice</saml:AttributeValue></saml:Attribute>
</saml:AttributeStatement>
</saml:Assertion>
</samlp:Response>"""


def _unsigned_sts(url: str):
    # botocore never signs these two actions; UNSIGNED makes sure nothing else is signed either.
    config = Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1, "mode": "standard"})
    return boto3.client("sts", endpoint_url=url, region_name="us-east-1", config=config)


def _keys(creds):
    return {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }


def test_web_identity_and_saml_are_unsigned_under_iam(emu):
    emu.control("POST", "/_podium/iam/roles", {"name": "gha", "account": "111111111111", "policy": ROLE_POLICY})
    emu.control("POST", "/_podium/iam/enable", {"initial_no_auth_action_count": 0})
    try:
        sts = _unsigned_sts(emu.url)
        creds = sts.assume_role_with_web_identity(
            RoleArn="arn:aws:iam::111111111111:role/gha", RoleSessionName="gha-run", WebIdentityToken="header.payload.signature"
        )["Credentials"]
        # The credentials it hands out are checked against the role's policy like any other.
        sm = emu.client("sagemaker", **_keys(creds))
        assert sm.list_endpoints()["Endpoints"] == []
        with pytest.raises(ClientError) as denied:
            sm.delete_endpoint(EndpointName="anything")
        assert denied.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert emu.client("sts", **_keys(creds)).get_caller_identity()["Arn"] == "arn:aws:sts::111111111111:assumed-role/gha/gha-run"

        assertion = SAML_TEMPLATE.format(role="arn:aws:iam::111111111111:role/gha", provider="arn:aws:iam::111111111111:saml-provider/idp")
        saml = sts.assume_role_with_saml(
            RoleArn="arn:aws:iam::111111111111:role/gha",
            PrincipalArn="arn:aws:iam::111111111111:saml-provider/idp",
            SAMLAssertion=base64.b64encode(assertion.encode()).decode(),
        )
        assert saml["AssumedRoleUser"]["Arn"] == "arn:aws:sts::111111111111:assumed-role/gha/alice"
        assert emu.client("sts", **_keys(saml["Credentials"])).get_caller_identity()["Account"] == "111111111111"

        log = [(r["operation"], r["status"]) for r in emu.requests()]
        assert ("AssumeRoleWithWebIdentity", 200) in log and ("AssumeRoleWithSAML", 200) in log
        assert all(status != 500 for _, status in log)
    finally:
        emu.control("POST", "/_podium/iam/disable")


def test_other_unsigned_calls_are_refused_not_crashed_under_iam(emu):
    emu.control("POST", "/_podium/iam/enable", {"initial_no_auth_action_count": 0})
    try:
        with pytest.raises(ClientError) as missing:
            _unsigned_sts(emu.url).get_caller_identity()
        assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert missing.value.response["Error"]["Code"] == "MissingAuthenticationToken"
        # moto routes every unsigned request to S3, whose check crashed the same way.
        for service, call in (("sagemaker", "list_endpoints"), ("s3", "list_buckets")):
            client = boto3.client(service, endpoint_url=emu.url, region_name="us-east-1", config=Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1, "mode": "standard"}))
            with pytest.raises(ClientError) as refused:
                getattr(client, call)()
            assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403, service
        assert [r["status"] for r in emu.requests()] == [403, 403, 403]
        # A wrong signature is still refused: enforcement stayed on.
        with pytest.raises(ClientError) as bad:
            emu.client("sts", aws_access_key_id="AKIANOTAREALKEY00000", aws_secret_access_key="wrong").get_caller_identity()
        assert bad.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    finally:
        emu.control("POST", "/_podium/iam/disable")


def test_stock_unsigned_web_identity_crashes_under_iam(stock):
    def reset_auth(value: str) -> None:
        request = urllib.request.Request(f"{stock.url}/moto-api/reset-auth", data=value.encode(), method="POST", headers={"Content-Type": "text/plain"})
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    reset_auth("0")
    try:
        # moto's HTML error page is not even STS XML, so botocore fails to parse it.
        with pytest.raises(ResponseParserError) as error:
            _unsigned_sts(stock.url).assume_role_with_web_identity(
                RoleArn="arn:aws:iam::111111111111:role/gha", RoleSessionName="gha-run", WebIdentityToken="header.payload.signature"
            )
        assert "500 Internal Server Error" in str(error.value)
    finally:
        reset_auth("inf")
