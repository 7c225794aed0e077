#!/usr/bin/env python3
"""Generate SigV4 test vectors with botocore's own signer, for Podium's Swift signer tests.

Each vector is a request Podium really sends (SageMaker JSON 1.1, CloudWatch JSON 1.0 with
x-amzn-query-mode, STS query with characters that need encoding, a session token, S3 GetObject,
UNSIGNED-PAYLOAD), signed by botocore.auth.SigV4Auth / S3SigV4Auth at a fixed instant. The Swift test
`SigningBotocoreVectorTests` signs the same requests and compares the exact Authorization header, the
canonical request and the string to sign.

Usage (from the repository root):
    python3 scripts/gen_sigv4_vectors.py            # rewrites Tests/AWSCoreTests/Fixtures/sigv4/botocore-vectors.json
    python3 scripts/gen_sigv4_vectors.py --check    # exits 1 if the committed file differs
"""

import argparse
import datetime
import json
import os
import sys
from unittest import mock
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

OUTPUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "AWSCoreTests", "Fixtures", "sigv4", "botocore-vectors.json"
)

# Example keys only (the AWS documentation's), never real ones.
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample+token/with=padding=="
)
TIMESTAMP = datetime.datetime(2026, 11, 27, 3, 4, 5)


def encode(value):
    """Strict RFC 3986 encoding, as the SDKs use for query strings."""
    return quote(value, safe="-_.~")


def form(params):
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in params)


VECTORS = [
    {
        "name": "sagemaker-json11-describe-endpoint",
        "description": "SageMaker awsJson1_1 POST (DescribeEndpoint)",
        "service": "sagemaker",
        "region": "us-east-1",
        "method": "POST",
        "url": "https://api.sagemaker.us-east-1.amazonaws.com/",
        "headers": [
            ["Content-Type", "application/x-amz-json-1.1"],
            ["X-Amz-Target", "SageMaker.DescribeEndpoint"],
            ["User-Agent", "podium/0.1"],
        ],
        "body": json.dumps({"EndpointName": "churn-model-prod"}, separators=(",", ":")),
    },
    {
        "name": "cloudwatch-json10-get-metric-data",
        "description": "CloudWatch awsJson1_0 POST (GetMetricData) with x-amzn-query-mode: true",
        "service": "monitoring",
        "region": "eu-west-1",
        "method": "POST",
        "url": "https://monitoring.eu-west-1.amazonaws.com/",
        "headers": [
            ["Content-Type", "application/x-amz-json-1.0"],
            ["X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData"],
            ["x-amzn-query-mode", "true"],
        ],
        "body": json.dumps(
            {
                "MetricDataQueries": [
                    {
                        "Id": "invocations",
                        "MetricStat": {
                            "Metric": {
                                "Namespace": "AWS/SageMaker",
                                "MetricName": "Invocations",
                                "Dimensions": [
                                    {"Name": "EndpointName", "Value": "churn-model-prod"},
                                    {"Name": "VariantName", "Value": "AllTraffic"},
                                ],
                            },
                            "Period": 60,
                            "Stat": "Sum",
                        },
                    }
                ],
                "StartTime": 1795748645,
                "EndTime": 1795752245,
            },
            separators=(",", ":"),
        ),
    },
    {
        "name": "sts-query-assume-role-encoded",
        "description": "STS awsQuery POST (AssumeRole) whose parameters need percent-encoding",
        "service": "sts",
        "region": "us-west-2",
        "method": "POST",
        "url": "https://sts.us-west-2.amazonaws.com/",
        "headers": [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
        "body": form(
            [
                ("Action", "AssumeRole"),
                ("Version", "2011-06-15"),
                ("RoleArn", "arn:aws:iam::222222222222:role/podium/deployer"),
                ("RoleSessionName", "podium+ops@example.com"),
                ("ExternalId", "ext id/with spaces & ünïcode=1"),
                ("DurationSeconds", "3600"),
            ]
        ),
    },
    {
        "name": "sts-query-get-with-encoded-query",
        "description": "STS awsQuery GET whose query string needs percent-encoding (canonical query sorting)",
        "service": "sts",
        "region": "us-east-1",
        "method": "GET",
        "url": "https://sts.us-east-1.amazonaws.com/?"
        + form(
            [
                ("Version", "2011-06-15"),
                ("Action", "GetCallerIdentity"),
                ("Tag.1.Value", "a b/c~d*e+f=g&h"),
                ("Tag.1.Key", "ключ"),
            ]
        ),
        "headers": [],
        "body": "",
    },
    {
        "name": "sagemaker-session-token",
        "description": "SageMaker ListEndpoints signed with temporary credentials (X-Amz-Security-Token signed)",
        "service": "sagemaker",
        "region": "eu-central-1",
        "method": "POST",
        "url": "https://api.sagemaker.eu-central-1.amazonaws.com/",
        "headers": [
            ["Content-Type", "application/x-amz-json-1.1"],
            ["X-Amz-Target", "SageMaker.ListEndpoints"],
        ],
        "body": json.dumps({"MaxResults": 100, "SortBy": "CreationTime"}, separators=(",", ":")),
        "token": SESSION_TOKEN,
    },
    {
        "name": "emulator-port-session-token",
        "description": "STS GetCallerIdentity to a loopback endpoint with a port (Host carries the port), with a token",
        "service": "sts",
        "region": "us-east-1",
        "method": "POST",
        "url": "http://127.0.0.1:49731/",
        "headers": [["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]],
        "body": form([("Action", "GetCallerIdentity"), ("Version", "2011-06-15")]),
        "token": SESSION_TOKEN,
    },
    {
        "name": "s3-get-object",
        "description": "S3 GetObject, path style, key with characters that need encoding (no path normalisation)",
        "service": "s3",
        "region": "us-east-1",
        "method": "GET",
        "url": "https://s3.us-east-1.amazonaws.com/podium-reports/eval/" + quote("run 7/../report+final.json", safe="/~"),
        "headers": [],
        "body": "",
        "s3": True,
    },
    {
        "name": "sagemaker-unsigned-payload",
        "description": "UNSIGNED-PAYLOAD over https (payload signing disabled)",
        "service": "sagemaker",
        "region": "us-east-1",
        "method": "POST",
        "url": "https://api.sagemaker.us-east-1.amazonaws.com/",
        "headers": [
            ["Content-Type", "application/x-amz-json-1.1"],
            ["X-Amz-Target", "SageMaker.ListModelPackageGroups"],
        ],
        "body": "{}",
        "unsigned_payload": True,
    },
]


def sign(vector):
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, vector.get("token"))
    signer_class = S3SigV4Auth if vector.get("s3") else SigV4Auth
    signer = signer_class(credentials, vector["service"], vector["region"])
    request = AWSRequest(
        method=vector["method"],
        url=vector["url"],
        headers={name: value for name, value in vector["headers"]},
        data=vector["body"].encode("utf-8"),
    )
    if vector.get("unsigned_payload"):
        request.context["payload_signing_enabled"] = False
    # Record the intermediate stages as add_auth computes them (recomputing afterwards would include the
    # Authorization header that add_auth has just added).
    stages = {}
    canonical_request_of = signer.canonical_request
    string_to_sign_of = signer.string_to_sign

    def record_canonical_request(req):
        stages["canonical_request"] = canonical_request_of(req)
        return stages["canonical_request"]

    def record_string_to_sign(req, canonical):
        stages["string_to_sign"] = string_to_sign_of(req, canonical)
        return stages["string_to_sign"]

    signer.canonical_request = record_canonical_request
    signer.string_to_sign = record_string_to_sign
    with mock.patch.object(botocore.auth, "get_current_datetime", return_value=TIMESTAMP):
        signer.add_auth(request)
    canonical_request = stages["canonical_request"]
    string_to_sign = stages["string_to_sign"]
    return {
        "name": vector["name"],
        "description": vector["description"],
        "service": vector["service"],
        "region": vector["region"],
        "s3": bool(vector.get("s3")),
        "unsignedPayload": bool(vector.get("unsigned_payload")),
        "timestamp": TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentials": {
            "accessKeyId": ACCESS_KEY,
            "secretAccessKey": SECRET_KEY,
            "sessionToken": vector.get("token"),
        },
        "request": {
            "method": vector["method"],
            "url": vector["url"],
            "headers": vector["headers"],
            "body": vector["body"],
        },
        "expected": {
            "canonicalRequest": canonical_request,
            "stringToSign": string_to_sign,
            "authorization": request.headers["Authorization"],
            "headers": [[name, value] for name, value in request.headers.items()],
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    document = {
        "generator": "scripts/gen_sigv4_vectors.py",
        "botocore": botocore.__version__,
        "vectors": [sign(vector) for vector in VECTORS],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if args.check:
        with open(args.output, encoding="utf-8") as handle:
            committed = json.load(handle)
        if committed["vectors"] != document["vectors"]:
            print(f"{args.output} is out of date: run scripts/gen_sigv4_vectors.py", file=sys.stderr)
            return 1
        print(f"{args.output}: {len(document['vectors'])} vectors match botocore {botocore.__version__}")
        return 0
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {len(document['vectors'])} vectors to {os.path.relpath(args.output)} (botocore {botocore.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
