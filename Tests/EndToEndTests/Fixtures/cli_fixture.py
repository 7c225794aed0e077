#!/usr/bin/env python3
"""Test fixture for podium's CLI end-to-end tests: seeds and inspects the emulator with boto3, an independent client.

    cli_fixture.py URL registry                      -> creates group "churn" v1, v2 Approved, v3 Pending (+ S3 reports)
    cli_fixture.py URL metrics ACCOUNT REGION ENDPOINT INVOCATIONS ERRORS_5XX
    cli_fixture.py URL describe-endpoint ACCOUNT REGION ENDPOINT   -> JSON
    cli_fixture.py URL package GROUP VERSION                       -> JSON (status, description)
    cli_fixture.py URL alarm ACCOUNT REGION NAME                   -> creates a metric alarm in state OK
    cli_fixture.py URL hostile-version GROUP TEXT                  -> an Approved version whose strings are TEXT
    cli_fixture.py URL set-status GROUP VERSION STATUS             -> another operator approves/rejects (boto3)
    cli_fixture.py URL resources ACCOUNT REGION                    -> JSON: model, endpoint config, endpoint names
    cli_fixture.py URL package-with GROUP IMAGE DATA_URL           -> an Approved version with that image and data
    cli_fixture.py URL delete-image ACCOUNT REGION REPOSITORY TAG  -> deletes an ECR image (someone cleaned up)
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

import boto3
from botocore.config import Config

REGISTRY_ACCOUNT = "123456789012"
CONFIG = Config(retries={"total_max_attempts": 3, "mode": "standard"})
SAGEMAKER_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}
        ],
    }
)


def session(url: str, account: str, region: str) -> boto3.Session:
    base = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
    if account == REGISTRY_ACCOUNT:
        return base
    creds = base.client("sts", endpoint_url=url, config=CONFIG).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/podium-promoter", RoleSessionName="cli-fixture"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=region,
    )


def registry(url: str) -> None:
    s = session(url, REGISTRY_ACCOUNT, "us-east-1")
    sm = s.client("sagemaker", endpoint_url=url, config=CONFIG)
    s3 = s.client("s3", endpoint_url=url, config=CONFIG)
    s3.create_bucket(Bucket="podium-test-evaluations")
    sm.create_model_package_group(ModelPackageGroupName="churn", ModelPackageGroupDescription="test group")
    arns = []
    for number, status in enumerate(["Approved", "Approved", "PendingManualApproval"], start=1):
        key = f"churn/v{number}.json"
        body = {"binary_classification_metrics": {"auc": {"value": 0.8 + number / 100}}}
        s3.put_object(Bucket="podium-test-evaluations", Key=key, Body=json.dumps(body).encode())
        # The model data preflight checks (HeadObject) before a promotion writes anything.
        s3.put_object(Bucket="podium-test-evaluations", Key=f"churn/v{number}.tar.gz", Body=b"model")
        arn = sm.create_model_package(
            ModelPackageGroupName="churn",
            ModelPackageDescription=f"version {number}",
            ModelApprovalStatus="PendingManualApproval",
            InferenceSpecification={
                "Containers": [{"Image": "111.dkr.ecr.us-east-1.amazonaws.com/churn:1", "ModelDataUrl": f"s3://podium-test-evaluations/churn/v{number}.tar.gz"}],
                "SupportedContentTypes": ["text/csv"],
                "SupportedResponseMIMETypes": ["application/json"],
            },
            ModelMetrics={"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://podium-test-evaluations/{key}"}}},
        )["ModelPackageArn"]
        if status != "PendingManualApproval":
            sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus=status, ApprovalDescription="seeded")
        arns.append(arn)
    # The execution role of every environment the worlds use, trusting SageMaker (preflight's GetRole check).
    for account in ("111111111111", "222222222222", "333333333333"):
        iam = session(url, account, "us-east-1").client("iam", endpoint_url=url, config=CONFIG)
        iam.create_role(RoleName="sagemaker-exec", AssumeRolePolicyDocument=SAGEMAKER_TRUST)
    print(json.dumps(arns))


def metrics(url: str, account: str, region: str, endpoint: str, invocations: str, errors: str) -> None:
    cw = session(url, account, region).client("cloudwatch", endpoint_url=url, config=CONFIG)
    dims = [{"Name": "EndpointName", "Value": endpoint}, {"Name": "VariantName", "Value": "AllTraffic"}]
    now = datetime.now(timezone.utc)
    data = [
        {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": now, "Value": float(invocations), "Unit": "None"},
        {"MetricName": "Invocation5XXErrors", "Dimensions": dims, "Timestamp": now, "Value": float(errors), "Unit": "None"},
        {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": now, "Value": 0.0, "Unit": "None"},
        {"MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": now, "Value": 20000.0, "Unit": "Microseconds"},
    ]
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=data)
    print("ok")


def describe_endpoint(url: str, account: str, region: str, endpoint: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    result = sm.describe_endpoint(EndpointName=endpoint)
    result.pop("ResponseMetadata", None)
    print(json.dumps(result, default=str))


def package(url: str, group: str, version: str) -> None:
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    arn = f"arn:aws:sagemaker:us-east-1:{REGISTRY_ACCOUNT}:model-package/{group}/{version}"
    result = sm.describe_model_package(ModelPackageName=arn)
    print(json.dumps({"status": result.get("ModelApprovalStatus"), "description": result.get("ApprovalDescription")}))


def alarm(url: str, account: str, region: str, name: str) -> None:
    cw = session(url, account, region).client("cloudwatch", endpoint_url=url, config=CONFIG)
    cw.put_metric_alarm(
        AlarmName=name, MetricName="Invocation5XXErrors", Namespace="AWS/SageMaker", Statistic="Sum", Period=60,
        EvaluationPeriods=1, Threshold=10, ComparisonOperator="GreaterThanThreshold",
    )
    print("ok")


def hostile_version(url: str, group: str, text: str) -> None:
    """A version whose description, approval description, metadata and image carry `text` (escape sequences...)."""
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    arn = sm.create_model_package(
        ModelPackageGroupName=group,
        ModelPackageDescription=f"desc {text}",
        ModelApprovalStatus="PendingManualApproval",
        InferenceSpecification={
            # Model data that exists (the registry seeds it), so preflight lets the promotion reach AWS.
            "Containers": [{"Image": f"111.dkr.ecr.us-east-1.amazonaws.com/x:{text}", "ModelDataUrl": "s3://podium-test-evaluations/churn/v1.tar.gz"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["application/json"],
        },
        CustomerMetadataProperties={"note": f"meta {text}"},
    )["ModelPackageArn"]
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved", ApprovalDescription=f"appr {text}")
    print(json.dumps({"arn": arn}))


def package_with(url: str, group: str, image: str, data: str) -> None:
    """An Approved version of GROUP with this image and model data (what preflight checks)."""
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    arn = sm.create_model_package(
        ModelPackageGroupName=group,
        ModelApprovalStatus="Approved",
        InferenceSpecification={
            "Containers": [{"Image": image, "ModelDataUrl": data}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["application/json"],
        },
    )["ModelPackageArn"]
    print(json.dumps({"arn": arn}))


def set_status(url: str, group: str, version: str, status: str) -> None:
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    arn = f"arn:aws:sagemaker:us-east-1:{REGISTRY_ACCOUNT}:model-package/{group}/{version}"
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus=status, ApprovalDescription="by boto3")
    print("ok")


def resources(url: str, account: str, region: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    models = [m["ModelName"] for m in sm.list_models(MaxResults=100)["Models"]]
    configs = [c["EndpointConfigName"] for c in sm.list_endpoint_configs(MaxResults=100)["EndpointConfigs"]]
    endpoints = [e["EndpointName"] for e in sm.list_endpoints(MaxResults=100)["Endpoints"]]
    print(json.dumps({"models": sorted(models), "configs": sorted(configs), "endpoints": sorted(endpoints)}))


def delete_image(url: str, account: str, region: str, repository: str, tag: str) -> None:
    ecr = session(url, account, region).client("ecr", endpoint_url=url, config=CONFIG)
    answer = ecr.batch_delete_image(registryId=account, repositoryName=repository, imageIds=[{"imageTag": tag}])
    print(json.dumps({"deleted": len(answer.get("imageIds", [])), "failures": answer.get("failures", [])}))


def main(argv: list[str]) -> int:
    url, command, *args = argv
    {
        "registry": registry,
        "metrics": metrics,
        "describe-endpoint": describe_endpoint,
        "package": package,
        "alarm": alarm,
        "hostile-version": hostile_version,
        "set-status": set_status,
        "resources": resources,
        "package-with": package_with,
        "delete-image": delete_image,
    }[
        command
    ](url, *args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
