#!/usr/bin/env python3
"""Seed the emulator with Podium's demo world, using boto3 as an independent client.

    .venv/bin/python Emulator/seed.py --endpoint-url http://127.0.0.1:PORT

Registry (123456789012, us-east-1): model package groups with versions in every approval state, descriptions,
MetadataProperties and ModelMetrics pointing at evaluation JSON in S3 (SageMaker model-quality format).
Environments dev / preprod / prod in their own accounts (AssumeRole): models, endpoint configs and endpoints running
different versions, tagged like podium tags them, with a deployment history; CloudWatch alarms on some endpoints.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import urllib.request
from typing import Any

import boto3
from botocore.config import Config

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from Emulator import world  # noqa: E402

CONFIG = Config(retries={"total_max_attempts": 3, "mode": "standard"}, disable_request_compression=True)


def control(url: str, method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def session_for(url: str, account: str, region: str) -> boto3.Session:
    base = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
    if account == world.REGISTRY_ACCOUNT:
        return base
    sts = base.client("sts", endpoint_url=url, config=CONFIG)
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/{world.ROLE_NAME}", RoleSessionName="podium-seed")["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=region,
    )


def evaluation(kind: str, rng: random.Random, quality: float) -> dict[str, Any]:
    def metric(value: float, spread: float) -> dict[str, float]:
        return {"value": round(value, 4), "standard_deviation": round(spread, 4)}

    if kind == "regression":
        mae = 12.0 - 4 * quality + rng.uniform(-0.3, 0.3)
        return {
            "regression_metrics": {
                "mae": metric(mae, 0.21),
                "mse": metric(mae * mae * 1.6, 3.1),
                "rmse": metric(mae * 1.26, 0.18),
                "r2": metric(0.71 + 0.2 * quality, 0.006),
            }
        }
    auc = 0.80 + 0.15 * quality + rng.uniform(-0.005, 0.005)
    precision, recall = 0.70 + 0.2 * quality, 0.62 + 0.25 * quality
    return {
        "binary_classification_metrics": {
            "accuracy": metric(0.85 + 0.1 * quality, 0.003),
            "auc": metric(auc, 0.002),
            "precision": metric(precision, 0.006),
            "recall": metric(recall, 0.007),
            "f1": metric(2 * precision * recall / (precision + recall), 0.005),
            "true_positive_rate": metric(recall, 0.007),
            "false_positive_rate": metric(0.08 - 0.05 * quality, 0.002),
            "confusion_matrix": {"0": {"0": 9120, "1": 402}, "1": {"0": 231, "1": 1247}},
        }
    }


def seed_registry(url: str, report: dict[str, Any]) -> dict[tuple[str, int], str]:
    session = session_for(url, world.REGISTRY_ACCOUNT, world.REGISTRY_REGION)
    sm = session.client("sagemaker", endpoint_url=url, config=CONFIG)
    s3 = session.client("s3", endpoint_url=url, config=CONFIG)
    s3.create_bucket(Bucket=world.EVAL_BUCKET)
    rng = random.Random(42)
    arns: dict[tuple[str, int], str] = {}
    for group, spec in world.GROUPS.items():
        sm.create_model_package_group(
            ModelPackageGroupName=group,
            ModelPackageGroupDescription=spec["description"],
            Tags=[{"Key": "team", "Value": "ml-platform"}],
        )
        for number, (status, description, note) in enumerate(spec["versions"], start=1):
            key = f"{group}/v{number}/evaluation.json"
            commit = hashlib.sha1(f"{group}-{number}".encode()).hexdigest()
            if "report missing" in description:
                pass  # ModelMetrics points at an object that does not exist
            elif "Report broken" in description:
                s3.put_object(Bucket=world.EVAL_BUCKET, Key=key, Body=b'{"binary_classification_metrics": {"auc": ')
            else:
                body = evaluation(spec["kind"], rng, quality=number / len(spec["versions"]))
                s3.put_object(Bucket=world.EVAL_BUCKET, Key=key, Body=json.dumps(body, indent=2).encode(), ContentType="application/json")
            arn = sm.create_model_package(
                ModelPackageGroupName=group,
                ModelPackageDescription=description,
                ModelApprovalStatus="PendingManualApproval",
                InferenceSpecification={
                    "Containers": [{"Image": f"{spec['image']}", "ModelDataUrl": f"s3://podium-models/{group}/v{number}/model.tar.gz"}],
                    "SupportedContentTypes": ["text/csv", "application/json"],
                    "SupportedResponseMIMETypes": ["application/json"],
                    "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.m5.xlarge"],
                },
                MetadataProperties={
                    "CommitId": commit,
                    "Repository": f"https://github.com/example-corp/{group}",
                    "GeneratedBy": f"arn:aws:sagemaker:us-east-1:{world.REGISTRY_ACCOUNT}:pipeline/{group}-train/execution/{commit[:12]}",
                },
                ModelMetrics={"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://{world.EVAL_BUCKET}/{key}"}}},
                CustomerMetadataProperties={"owner": "ml-platform", "training-data": f"s3://podium-data/{group}/2024-{number:02d}"},
            )["ModelPackageArn"]
            if status != "PendingManualApproval":
                sm.update_model_package(
                    ModelPackageArn=arn,
                    ModelApprovalStatus=status,
                    ApprovalDescription=f"{note} | by arn:aws:sts::{world.REGISTRY_ACCOUNT}:assumed-role/ml-lead/seed | at seed time",
                )
            arns[(group, number)] = arn
            report["packages"] += 1
    return arns


def seed_environment(url: str, env: str, account: str, region: str, arns: dict[tuple[str, int], str], report: dict[str, Any]) -> None:
    session = session_for(url, account, region)
    sm = session.client("sagemaker", endpoint_url=url, config=CONFIG)
    cw = session.client("cloudwatch", endpoint_url=url, config=CONFIG)
    instance_type, count = world.INSTANCE[env]
    for group, history in world.DEPLOYMENTS[env].items():
        endpoint = world.endpoint_name(group, env)
        previous_config = None
        for version in history:
            arn = arns[(group, version)]
            name = f"{endpoint}-v{version}"
            tags = [
                {"Key": "podium:model-package-arn", "Value": arn},
                {"Key": "podium:model-package-group", "Value": group},
                {"Key": "podium:version", "Value": str(version)},
                {"Key": "podium:endpoint", "Value": endpoint},
                {"Key": "podium:promoted-by", "Value": f"arn:aws:sts::{account}:assumed-role/{world.ROLE_NAME}/seed"},
            ]
            if previous_config:
                tags.append({"Key": "podium:previous-endpoint-config", "Value": previous_config})
            sm.create_model(
                ModelName=name,
                ExecutionRoleArn=f"arn:aws:iam::{account}:role/sagemaker-exec",
                PrimaryContainer={"ModelPackageName": arn},
                Tags=tags,
            )
            sm.create_endpoint_config(
                EndpointConfigName=name,
                ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": name, "InitialInstanceCount": count, "InstanceType": instance_type, "InitialVariantWeight": 1.0}],
                Tags=tags,
            )
            if previous_config is None:
                sm.create_endpoint(EndpointName=endpoint, EndpointConfigName=name, Tags=tags)
            else:
                sm.update_endpoint(
                    EndpointName=endpoint,
                    EndpointConfigName=name,
                    DeploymentConfig={
                        "BlueGreenUpdatePolicy": {
                            "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0},
                            "TerminationWaitInSeconds": 0,
                        }
                    },
                )
            previous_config = name
            report["configs"] += 1
        report["endpoints"].append(f"{env}/{endpoint}=v{history[-1]}")
        if endpoint in world.ALARMED:
            dims = [{"Name": "EndpointName", "Value": endpoint}, {"Name": "VariantName", "Value": "AllTraffic"}]
            cw.put_metric_alarm(
                AlarmName=f"{endpoint}-5xx", AlarmDescription=f"5xx errors on {endpoint}",
                Namespace="AWS/SageMaker", MetricName="Invocation5XXErrors", Dimensions=dims, Statistic="Sum",
                Period=60, EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=20, ComparisonOperator="GreaterThanOrEqualToThreshold",
                TreatMissingData="notBreaching",
            )
            cw.put_metric_alarm(
                AlarmName=f"{endpoint}-latency-p99", AlarmDescription=f"p99 model latency on {endpoint}",
                Namespace="AWS/SageMaker", MetricName="ModelLatency", Dimensions=dims, ExtendedStatistic="p99",
                Period=60, EvaluationPeriods=5, Threshold=500_000, ComparisonOperator="GreaterThanThreshold",
            )
            for alarm in (f"{endpoint}-5xx", f"{endpoint}-latency-p99"):
                cw.set_alarm_state(AlarmName=alarm, StateValue="OK", StateReason="seeded")
            report["alarms"] += 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"), help="the emulator URL (default $AWS_ENDPOINT_URL)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not args.endpoint_url:
        parser.error("--endpoint-url or AWS_ENDPOINT_URL is required")
    url = args.endpoint_url.rstrip("/")
    # Seed instantly, whatever transition durations the emulator was started with, then restore them.
    timings = control(url, "GET", "/_podium/config")
    control(url, "POST", "/_podium/config", {"endpoint_create_seconds": 0, "endpoint_update_seconds": 0})
    report: dict[str, Any] = {"packages": 0, "configs": 0, "alarms": 0, "endpoints": []}
    try:
        arns = seed_registry(url, report)
        for env, account, region in world.ENVIRONMENTS:
            seed_environment(url, env, account, region, arns, report)
    finally:
        control(url, "POST", "/_podium/config", {k: timings[k] for k in ("endpoint_create_seconds", "endpoint_update_seconds")})
    if not args.quiet:
        print(
            f"seeded {len(world.GROUPS)} groups / {report['packages']} versions, {report['configs']} endpoint configs, "
            f"{report['alarms']} alarms; endpoints: {', '.join(report['endpoints'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
