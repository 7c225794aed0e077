#!/usr/bin/env python3
"""boto3 fixture for the console/watch end-to-end tests (an independent client of the emulator).

    ConsoleE2EFixture.py URL package GROUP VERSION
        -> {"status", "description"}                     (DescribeModelPackage in the registry account)
    ConsoleE2EFixture.py URL approve GROUP VERSION NOTE
        -> "ok"                                          (UpdateModelPackage to Approved, test setup only)
    ConsoleE2EFixture.py URL endpoint ACCOUNT REGION NAME
        -> {"status", "config", "variants": [{"model", "package", "instance_type", "count"}]}
           (DescribeEndpoint, then DescribeEndpointConfig and DescribeModel for what it really runs)
    ConsoleE2EFixture.py URL metrics ACCOUNT REGION ENDPOINT MINUTES INVOCATIONS
        -> "ok"                                          (healthy traffic: one datapoint a minute, no errors)
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config

REGISTRY_ACCOUNT = "123456789012"
CONFIG = Config(retries={"total_max_attempts": 3, "mode": "standard"}, disable_request_compression=True)


def session(url: str, account: str, region: str) -> boto3.Session:
    base = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
    if account == REGISTRY_ACCOUNT:
        return base
    creds = base.client("sts", endpoint_url=url, config=CONFIG).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/podium-promoter", RoleSessionName="console-e2e-fixture"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=region,
    )


def package_arn(group: str, version: str) -> str:
    return f"arn:aws:sagemaker:us-east-1:{REGISTRY_ACCOUNT}:model-package/{group}/{version}"


def package(url: str, group: str, version: str) -> None:
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    result = sm.describe_model_package(ModelPackageName=package_arn(group, version))
    print(json.dumps({"status": result.get("ModelApprovalStatus"), "description": result.get("ApprovalDescription")}))


def approve(url: str, group: str, version: str, note: str) -> None:
    sm = session(url, REGISTRY_ACCOUNT, "us-east-1").client("sagemaker", endpoint_url=url, config=CONFIG)
    sm.update_model_package(
        ModelPackageArn=package_arn(group, version), ModelApprovalStatus="Approved", ApprovalDescription=note
    )
    print("ok")


def endpoint(url: str, account: str, region: str, name: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    described = sm.describe_endpoint(EndpointName=name)
    config = sm.describe_endpoint_config(EndpointConfigName=described["EndpointConfigName"])
    variants = []
    for variant in config["ProductionVariants"]:
        model = sm.describe_model(ModelName=variant["ModelName"])
        container = model.get("PrimaryContainer") or (model.get("Containers") or [{}])[0]
        variants.append(
            {
                "model": variant["ModelName"],
                # A model made from replicated artefacts (artifacts:) names its package in the container environment.
                "package": container.get("ModelPackageName")
                or (container.get("Environment") or {}).get("PODIUM_MODEL_PACKAGE_ARN"),
                "image": container.get("Image"),
                "model_data": container.get("ModelDataUrl"),
                "instance_type": variant.get("InstanceType"),
                "count": variant.get("InitialInstanceCount"),
            }
        )
    print(
        json.dumps(
            {"status": described["EndpointStatus"], "config": described["EndpointConfigName"], "variants": variants}
        )
    )


def metrics(url: str, account: str, region: str, name: str, minutes: str, invocations: str) -> None:
    cw = session(url, account, region).client("cloudwatch", endpoint_url=url, config=CONFIG)
    dims = [{"Name": "EndpointName", "Value": name}, {"Name": "VariantName", "Value": "AllTraffic"}]
    now = datetime.now(timezone.utc)
    for back in range(int(minutes)):
        at = now - timedelta(minutes=back)
        data = [
            {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": at, "Value": float(invocations), "Unit": "None"},
            {"MetricName": "Invocation5XXErrors", "Dimensions": dims, "Timestamp": at, "Value": 0.0, "Unit": "None"},
            {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": at, "Value": 0.0, "Unit": "None"},
            {"MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": at, "Value": 20000.0, "Unit": "Microseconds"},
        ]
        cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=data)
    print("ok")


def main(argv: list[str]) -> int:
    url, command, *args = argv
    commands = {"package": package, "approve": approve, "endpoint": endpoint, "metrics": metrics}
    commands[command](url, *args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
