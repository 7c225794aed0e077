#!/usr/bin/env python3
"""Variant endpoints for the traffic end-to-end tests (issue 15), made with boto3, an independent client.

    variants_fixture.py URL endpoint ACCOUNT REGION ENDPOINT SPEC...   -> creates ENDPOINT with the variants of SPEC
        SPEC: NAME:VERSION:WEIGHT[:serverless|:shadow]  (models from churn vVERSION of cli_fixture.py's registry)
    variants_fixture.py URL describe ACCOUNT REGION ENDPOINT           -> JSON: {name: [current, desired]}, status, config
    variants_fixture.py URL metrics ACCOUNT REGION ENDPOINT VARIANT INVOCATIONS ERRORS_5XX LATENCY_MS [SETUP_MS]
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

from cli_fixture import CONFIG, REGISTRY_ACCOUNT, session


def endpoint(url: str, account: str, region: str, name: str, *specs: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    production, shadow = [], []
    for spec in specs:
        variant, version, weight, *kind = spec.split(":")
        model = f"{name}-{variant}-v{version}"
        package = f"arn:aws:sagemaker:us-east-1:{REGISTRY_ACCOUNT}:model-package/churn/{version}"
        sm.create_model(ModelName=model, ExecutionRoleArn=f"arn:aws:iam::{account}:role/sagemaker-exec", PrimaryContainer={"ModelPackageName": package})
        entry = {"VariantName": variant, "ModelName": model, "InitialVariantWeight": float(weight)}
        if kind and kind[0] == "serverless":
            entry["ServerlessConfig"] = {"MemorySizeInMB": 2048, "MaxConcurrency": 5}
        else:
            entry.update({"InstanceType": "ml.m5.large", "InitialInstanceCount": 1})
        (shadow if kind and kind[0] == "shadow" else production).append(entry)
    extra = {"ShadowProductionVariants": shadow} if shadow else {}
    sm.create_endpoint_config(EndpointConfigName=f"{name}-seed", ProductionVariants=production, **extra)
    sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-seed")
    print("ok")


def describe(url: str, account: str, region: str, name: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    result = sm.describe_endpoint(EndpointName=name)
    variants = {v["VariantName"]: [v.get("CurrentWeight"), v.get("DesiredWeight")] for v in result.get("ProductionVariants", []) + result.get("ShadowProductionVariants", [])}
    print(json.dumps({"status": result["EndpointStatus"], "config": result["EndpointConfigName"], "variants": variants}))


def metrics(url: str, account: str, region: str, name: str, variant: str, invocations: str, errors: str, latency: str, setup_ms: str = "") -> None:
    cw = session(url, account, region).client("cloudwatch", endpoint_url=url, config=CONFIG)
    dims = [{"Name": "EndpointName", "Value": name}, {"Name": "VariantName", "Value": variant}]
    now = datetime.now(timezone.utc)
    data = [
        {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": now, "Value": float(invocations), "Unit": "None"},
        {"MetricName": "Invocation5XXErrors", "Dimensions": dims, "Timestamp": now, "Value": float(errors), "Unit": "None"},
        {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": now, "Value": 0.0, "Unit": "None"},
        {"MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": now, "Value": float(latency) * 1000, "Unit": "Microseconds"},
    ]
    if setup_ms:  # a serverless cold start
        data.append({"MetricName": "ModelSetupTime", "Dimensions": dims, "Timestamp": now, "Value": float(setup_ms) * 1000, "Unit": "Microseconds"})
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=data)
    print("ok")


def main(argv: list[str]) -> int:
    url, command, *args = argv
    {"endpoint": endpoint, "describe": describe, "metrics": metrics}[command](url, *args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
