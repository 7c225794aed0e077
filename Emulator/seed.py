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
                    "Containers": [{"Image": world.image_uri(group, number), "ModelDataUrl": world.model_data_url(group, number)}],
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


def seed_preflight(url: str, account: str, region: str, environment: bool) -> None:
    """ECR images (the packages' tags; replicas in environments), model data, and for environments KMS keys and roles."""
    artefacts = [(g, n) for g, spec in world.GROUPS.items() for n in range(1, len(spec["versions"]) + 1) if (g, n) not in world.MISSING_ARTEFACTS]
    body: dict[str, Any] = {
        "account": account, "region": region,
        "images": [{"repository": g, "tag": f"v{n}"} for g, n in artefacts],
        "objects": [{"bucket": world.model_bucket(account, region), "key": f"{g}/v{n}/model.tar.gz"} for g, n in artefacts],
    }
    if environment:
        body["kms_keys"] = [{"alias": world.KMS_ENABLED_ALIAS}, {"alias": world.KMS_DISABLED_ALIAS, "enabled": False}]
        body["roles"] = [{"name": world.EXECUTION_ROLE, "trusts": "sagemaker.amazonaws.com"}, {"name": world.UNTRUSTING_ROLE, "trusts": "lambda.amazonaws.com"}]
    control(url, "POST", "/_podium/preflight", body)


def seed_stacks(url: str, env: str, account: str, region: str, arns: dict[tuple[str, int], str], report: dict[str, Any]) -> None:
    """The stack route: a CloudFormation stack owns each endpoint; the history is the stack's updates."""
    session = session_for(url, account, region)
    cf = session.client("cloudformation", endpoint_url=url, config=CONFIG)
    from Emulator.podium_emulator.templates import sagemaker_template

    instance_type, count = world.INSTANCE[env]
    for group, history in world.DEPLOYMENTS[env].items():
        endpoint = world.endpoint_name(group, env)
        stack = world.stack_name(endpoint)
        for index, version in enumerate(history):
            parameters = [{"ParameterKey": world.STACK_PARAMETER, "ParameterValue": arns[(group, version)]}]
            if index == 0:
                cf.create_stack(StackName=stack, Parameters=parameters, Tags=[{"Key": "team", "Value": "ml-platform"}],
                                TemplateBody=sagemaker_template(endpoint, f"arn:aws:iam::{account}:role/{world.EXECUTION_ROLE}",
                                                                instance_type=instance_type, instance_count=count, parameter=world.STACK_PARAMETER))
            else:
                cf.update_stack(StackName=stack, UsePreviousTemplate=True, Parameters=[*parameters, {"ParameterKey": "InstanceType", "UsePreviousValue": True}])
            report["configs"] += 1
        report["endpoints"].append(f"{env}/{endpoint}=v{history[-1]} (stack {stack})")


def seed_pipeline(url: str, env: str, account: str, region: str, arns: dict[tuple[str, int], str]) -> None:
    """The pipeline route: pins at what runs now, then the stand-in wired (so seeding itself deploys nothing)."""
    ssm = session_for(url, account, region).client("ssm", endpoint_url=url, config=CONFIG)
    for group, history in world.DEPLOYMENTS[env].items():
        ssm.put_parameter(Name=world.pin_name(group, env), Value=arns[(group, history[-1])], Type="String",
                          Description=f"the {group} version the pipeline deploys to {env}")
    for group in world.DEPLOYMENTS[env]:
        control(url, "POST", "/_podium/pipelines", {
            "group": group, "environment": env, "account": account, "region": region,
            "stack": world.stack_name(world.endpoint_name(group, env)), "parameter": world.STACK_PARAMETER,
            "pin": world.pin_name(group, env), "registry_account": world.REGISTRY_ACCOUNT, "registry_region": world.REGISTRY_REGION,
            "repo": world.GITHUB_REPO, "workflow": world.GITHUB_WORKFLOW,
        })


def seed_alarms(cw: Any, endpoint: str, report: dict[str, Any]) -> None:
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


def seed_environment(url: str, env: str, account: str, region: str, arns: dict[tuple[str, int], str], report: dict[str, Any], routes: bool = False) -> None:
    session = session_for(url, account, region)
    sm = session.client("sagemaker", endpoint_url=url, config=CONFIG)
    cw = session.client("cloudwatch", endpoint_url=url, config=CONFIG)
    instance_type, count = world.INSTANCE[env]
    seed_preflight(url, account, region, environment=True)
    if routes and world.ROUTES[env] in ("stack", "pipeline"):
        seed_stacks(url, env, account, region, arns, report)
        if world.ROUTES[env] == "pipeline":
            seed_pipeline(url, env, account, region, arns)
        for group in world.DEPLOYMENTS[env]:
            if world.endpoint_name(group, env) in world.ALARMED:
                seed_alarms(cw, world.endpoint_name(group, env), report)
        return
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
            seed_alarms(cw, endpoint, report)


def _variant(name: str, model: str, weight: float, capacity: Any) -> dict[str, Any]:
    variant: dict[str, Any] = {"VariantName": name, "ModelName": model, "InitialVariantWeight": weight}
    if isinstance(capacity, dict):
        variant["ServerlessConfig"] = {"MemorySizeInMB": capacity["memory_mb"], "MaxConcurrency": capacity["max_concurrency"]}
    else:
        variant["InstanceType"], variant["InitialInstanceCount"] = capacity
    return variant


def seed_variants(url: str, env: str, account: str, region: str, arns: dict[tuple[str, int], str], report: dict[str, Any]) -> None:
    """Moves the world.VARIANT_ENDPOINTS of this environment onto a config with several (or serverless) variants."""
    sm = session_for(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    for endpoint, spec in world.VARIANT_ENDPOINTS.items():
        group = endpoint.removesuffix(f"-{env}")
        if world.endpoint_name(group, env) != endpoint or group not in world.DEPLOYMENTS.get(env, {}):
            continue
        variants: dict[str, list[dict[str, Any]]] = {}
        for kind in ("production", "shadow"):
            variants[kind] = []
            for name, version, weight, capacity in spec[kind]:
                model = f"{endpoint}-{name}-v{version}"
                sm.create_model(
                    ModelName=model,
                    ExecutionRoleArn=f"arn:aws:iam::{account}:role/sagemaker-exec",
                    PrimaryContainer={"ModelPackageName": arns[(group, version)]},
                )
                variants[kind].append(_variant(name, model, weight, capacity))
        config = f"{endpoint}-variants"
        extra = {"ShadowProductionVariants": variants["shadow"]} if variants["shadow"] else {}
        tags = [{"Key": "podium:endpoint", "Value": endpoint}, {"Key": "podium:model-package-group", "Value": group}]
        sm.create_endpoint_config(EndpointConfigName=config, ProductionVariants=variants["production"], Tags=tags, **extra)
        sm.update_endpoint(EndpointName=endpoint, EndpointConfigName=config)
        report["configs"] += 1
        report["endpoints"].append(f"{env}/{endpoint}=" + "+".join(f"{n}:v{v}" for kind in ("production", "shadow") for n, v, _w, _c in spec[kind]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint-url", default=os.environ.get("AWS_ENDPOINT_URL"), help="the emulator URL (default $AWS_ENDPOINT_URL)")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--routes", action="store_true",
                        help="issue 12's demo routes: preprod endpoints owned by stacks, prod by stacks deployed through the pipeline stand-in")
    parser.add_argument("--variants", action="store_true",
                        help="issue 15's demo variants: champion + challenger, a shadow test and a serverless endpoint in dev (world.VARIANT_ENDPOINTS)")
    args = parser.parse_args(argv)
    if not args.endpoint_url:
        parser.error("--endpoint-url or AWS_ENDPOINT_URL is required")
    url = args.endpoint_url.rstrip("/")
    # Seed instantly, whatever transition durations the emulator was started with, then restore them.
    timings = control(url, "GET", "/_podium/config")
    restore = {k: timings[k] for k in ("endpoint_create_seconds", "endpoint_update_seconds", "stack_step_seconds") if k in timings}
    control(url, "POST", "/_podium/config", {k: 0 for k in restore})
    report: dict[str, Any] = {"packages": 0, "configs": 0, "alarms": 0, "endpoints": []}
    try:
        arns = seed_registry(url, report)
        seed_preflight(url, world.REGISTRY_ACCOUNT, world.REGISTRY_REGION, environment=False)
        for env, account, region in world.ENVIRONMENTS:
            seed_environment(url, env, account, region, arns, report, routes=args.routes)
            if args.variants:
                seed_variants(url, env, account, region, arns, report)
    finally:
        control(url, "POST", "/_podium/config", restore)
    if not args.quiet:
        print(
            f"seeded {len(world.GROUPS)} groups / {report['packages']} versions, {report['configs']} endpoint configs, "
            f"{report['alarms']} alarms; endpoints: {', '.join(report['endpoints'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
