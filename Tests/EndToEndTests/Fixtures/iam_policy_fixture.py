#!/usr/bin/env python3
"""Fixture for podium's least-privilege tests (IAMPolicy*.swift): seeds stock moto with boto3 and inspects it.

Everything here is done with an independent client (boto3), never with podium.

    iam_policy_fixture.py URL seed [ENDPOINT...]   -> registry (churn v1, v2 Approved; v3..v5 Pending), evaluation
                                                      reports, each ENDPOINT (default churn-dev) on v1 as podium
                                                      creates it, an alarm and metrics. Run before IAM is enforced.
    iam_policy_fixture.py URL users SPEC.json      -> creates the IAM users SPEC lists ({"users": [{"name",
                                                      "policies": [document, ...]}]}) with inline policies and an
                                                      access key each; prints {"name": {"key", "secret", "arn"}}
    iam_policy_fixture.py URL state                -> JSON: models, endpoint configs, endpoints (name -> config),
                                                      package statuses, each config's previous-endpoint-config tag.
                                                      Uses ADMIN_KEY/ADMIN_SECRET when set.
    iam_policy_fixture.py URL forge CONFIG VALUE   -> as the user in USER_KEY/USER_SECRET, AddTags
                                                      podium:previous-endpoint-config=VALUE on endpoint config CONFIG;
                                                      prints "HTTP <status>" when refused, else "tagged"

One account (123456789012) and one region (us-east-1): the policies are about actions, not accounts.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timedelta, timezone

import boto3
import botocore.exceptions
from botocore.config import Config

REGION = "us-east-1"
ACCOUNT = "123456789012"
BUCKET = "podium-model-evaluations"
CONFIG = Config(retries={"total_max_attempts": 3, "mode": "standard"})


def session() -> boto3.Session:
    key = os.environ.get("ADMIN_KEY", "testing")
    secret = os.environ.get("ADMIN_SECRET", "testing")
    return boto3.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name=REGION)


def seed(url: str, *endpoints: str) -> None:
    s = session()
    sm = s.client("sagemaker", endpoint_url=url, config=CONFIG)
    s3 = s.client("s3", endpoint_url=url, config=CONFIG)
    cw = s.client("cloudwatch", endpoint_url=url, config=CONFIG)
    s3.create_bucket(Bucket=BUCKET)
    sm.create_model_package_group(ModelPackageGroupName="churn", ModelPackageGroupDescription="least privilege")
    arns = []
    statuses = ["Approved", "Approved"] + ["PendingManualApproval"] * 3
    for number, status in enumerate(statuses, 1):
        key = f"churn/v{number}/evaluation.json"
        body = {"binary_classification_metrics": {"auc": {"value": 0.8 + number / 100}}}
        s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(body).encode())
        # The model data preflight checks (HeadObject) before a promotion writes anything.
        s3.put_object(Bucket=BUCKET, Key=f"churn/{number}.tar.gz", Body=b"model")
        arn = sm.create_model_package(
            ModelPackageGroupName="churn",
            ModelPackageDescription=f"version {number}",
            ModelApprovalStatus="PendingManualApproval",
            InferenceSpecification={
                "Containers": [
                    {
                        "Image": "111.dkr.ecr.us-east-1.amazonaws.com/churn:1",
                        "ModelDataUrl": f"s3://{BUCKET}/churn/{number}.tar.gz",
                    }
                ],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["application/json"],
            },
            ModelMetrics={
                "ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://{BUCKET}/{key}"}}
            },
        )["ModelPackageArn"]
        if status != "PendingManualApproval":
            sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus=status, ApprovalDescription="seeded")
        arns.append(arn)
    # The execution role the config names, trusting SageMaker (preflight's GetRole check).
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
    s.client("iam", endpoint_url=url, config=CONFIG).create_role(
        RoleName="sagemaker-exec", AssumeRolePolicyDocument=json.dumps(trust)
    )
    for endpoint in endpoints or ("churn-dev",):
        deploy_v1(sm, endpoint, arns[0])
    cw.put_metric_alarm(
        AlarmName="churn-dev-5xx",
        MetricName="Invocation5XXErrors",
        Namespace="AWS/SageMaker",
        Statistic="Sum",
        Period=60,
        EvaluationPeriods=1,
        Threshold=10,
        ComparisonOperator="GreaterThanThreshold",
    )
    dims = [{"Name": "EndpointName", "Value": "churn-dev"}, {"Name": "VariantName", "Value": "AllTraffic"}]
    now = datetime.now(timezone.utc)
    data = []
    for minutes in range(1, 6):
        at = now - timedelta(minutes=minutes)
        data += [
            {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": at, "Value": 120.0, "Unit": "None"},
            {"MetricName": "Invocation5XXErrors", "Dimensions": dims, "Timestamp": at, "Value": 0.0, "Unit": "None"},
            {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": at, "Value": 1.0, "Unit": "None"},
            {"MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": at, "Value": 20000.0, "Unit": "Microseconds"},
        ]
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=data)
    print(json.dumps(arns))


def deploy_v1(sm, endpoint: str, arn: str) -> None:
    """An endpoint on v1, made as podium makes it (the tags rollback and the IAM conditions rely on)."""
    name = f"{endpoint}-v1"
    tags = [
        {"Key": "podium:managed-by", "Value": "podium"},
        {"Key": "podium:endpoint", "Value": endpoint},
        {"Key": "podium:model-package-group", "Value": "churn"},
        {"Key": "podium:model-package-arn", "Value": arn},
        {"Key": "podium:version", "Value": "1"},
        {"Key": "podium:previous-endpoint-config", "Value": "none"},
    ]
    sm.create_model(
        ModelName=name,
        PrimaryContainer={"ModelPackageName": arn},
        ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/sagemaker-exec",
        Tags=tags,
    )
    sm.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": name,
                "InitialInstanceCount": 1,
                "InstanceType": "ml.m5.large",
                "InitialVariantWeight": 1.0,
            }
        ],
        Tags=tags,
    )
    sm.create_endpoint(EndpointName=endpoint, EndpointConfigName=name, Tags=tags)


def users(url: str, spec_path: str) -> None:
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    iam = session().client("iam", endpoint_url=url, config=CONFIG)
    out = {}
    for user in spec["users"]:
        name = user["name"]
        iam.create_user(UserName=name)
        for index, document in enumerate(user["policies"]):
            iam.put_user_policy(UserName=name, PolicyName=f"p{index}", PolicyDocument=json.dumps(document))
        key = iam.create_access_key(UserName=name)["AccessKey"]
        out[name] = {
            "key": key["AccessKeyId"],
            "secret": key["SecretAccessKey"],
            "arn": f"arn:aws:iam::{ACCOUNT}:user/{name}",
        }
    print(json.dumps(out))


def state(url: str) -> None:
    sm = session().client("sagemaker", endpoint_url=url, config=CONFIG)
    models = sorted(m["ModelName"] for m in sm.list_models(MaxResults=100)["Models"])
    configs = sorted(c["EndpointConfigName"] for c in sm.list_endpoint_configs(MaxResults=100)["EndpointConfigs"])
    endpoints = {}
    for summary in sm.list_endpoints(MaxResults=100)["Endpoints"]:
        described = sm.describe_endpoint(EndpointName=summary["EndpointName"])
        endpoints[summary["EndpointName"]] = described["EndpointConfigName"]
    previous = {}
    for name in configs:
        arn = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/{name}"
        for tag in sm.list_tags(ResourceArn=arn).get("Tags", []):
            if tag["Key"] == "podium:previous-endpoint-config":
                previous[name] = tag["Value"]
    packages = {}
    for summary in sm.list_model_packages(ModelPackageGroupName="churn", MaxResults=100)["ModelPackageSummaryList"]:
        packages[str(summary["ModelPackageVersion"])] = summary["ModelApprovalStatus"]
    print(
        json.dumps(
            {"models": models, "configs": configs, "endpoints": endpoints, "packages": packages, "previous": previous}
        )
    )


def forge(url: str, config: str, value: str) -> None:
    user = boto3.Session(
        aws_access_key_id=os.environ["USER_KEY"], aws_secret_access_key=os.environ["USER_SECRET"], region_name=REGION
    )
    sm = user.client("sagemaker", endpoint_url=url, config=CONFIG)
    arn = f"arn:aws:sagemaker:{REGION}:{ACCOUNT}:endpoint-config/{config}"
    try:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "podium:previous-endpoint-config", "Value": value}])
        print("tagged")
    except botocore.exceptions.ClientError as error:
        # moto sends its IAM denials as XML with text/html even for JSON services, which botocore cannot parse:
        # the HTTP status is what is left of it.
        print(f"HTTP {error.response['ResponseMetadata']['HTTPStatusCode']}")


def main(argv: list[str]) -> int:
    url, command, *args = argv
    {"seed": seed, "users": users, "state": state, "forge": forge}[command](url, *args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
