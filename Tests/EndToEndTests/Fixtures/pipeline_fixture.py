#!/usr/bin/env python3
"""Test fixture for podium's pipeline view tests (issue 13): acts on the emulator with boto3, an independent client,
the way another tool or operator would.

    pipeline_fixture.py URL update-stack ACCOUNT REGION STACK ARN        -> UpdateStack (ModelPackageArn=ARN); JSON status
    pipeline_fixture.py URL out-of-band ACCOUNT REGION ENDPOINT ARN      -> CreateModel + CreateEndpointConfig + UpdateEndpoint
    pipeline_fixture.py URL detect-drift ACCOUNT REGION STACK            -> DetectStackDrift; JSON status
    pipeline_fixture.py URL put-parameter ACCOUNT REGION NAME VALUE      -> PutParameter (String, overwrite)
    pipeline_fixture.py URL put-logs ACCOUNT REGION GROUP STREAM MSG...  -> CreateLogGroup/Stream (if needed) + PutLogEvents
    pipeline_fixture.py URL put-rule ACCOUNT REGION NAME PATTERN TARGET  -> PutRule + PutTargets (any target ARN)
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_fixture import CONFIG, session  # noqa: E402


def update_stack(url: str, account: str, region: str, stack: str, arn: str) -> None:
    cfn = session(url, account, region).client("cloudformation", endpoint_url=url, config=CONFIG)
    cfn.update_stack(
        StackName=stack,
        UsePreviousTemplate=True,
        Parameters=[
            {"ParameterKey": "ModelPackageArn", "ParameterValue": arn},
            {"ParameterKey": "InstanceType", "UsePreviousValue": True},
        ],
    )
    status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    print(json.dumps({"status": status}))


def out_of_band(url: str, account: str, region: str, endpoint: str, arn: str) -> None:
    sm = session(url, account, region).client("sagemaker", endpoint_url=url, config=CONFIG)
    name = f"manual-{uuid.uuid4().hex[:8]}"
    sm.create_model(
        ModelName=name,
        PrimaryContainer={"ModelPackageName": arn},
        ExecutionRoleArn=f"arn:aws:iam::{account}:role/sagemaker-exec",
    )
    sm.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {"VariantName": "AllTraffic", "ModelName": name, "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}
        ],
    )
    sm.update_endpoint(EndpointName=endpoint, EndpointConfigName=name)
    print(json.dumps({"config": name}))


def detect_drift(url: str, account: str, region: str, stack: str) -> None:
    cfn = session(url, account, region).client("cloudformation", endpoint_url=url, config=CONFIG)
    detection = cfn.detect_stack_drift(StackName=stack)["StackDriftDetectionId"]
    status = cfn.describe_stack_drift_detection_status(StackDriftDetectionId=detection)
    print(json.dumps({"status": status.get("StackDriftStatus"), "detection": status.get("DetectionStatus")}))


def put_parameter(url: str, account: str, region: str, name: str, value: str) -> None:
    ssm = session(url, account, region).client("ssm", endpoint_url=url, config=CONFIG)
    ssm.put_parameter(Name=name, Value=value, Type="String", Overwrite=True)
    print("ok")


def put_logs(url: str, account: str, region: str, group: str, stream: str, *messages: str) -> None:
    logs = session(url, account, region).client("logs", endpoint_url=url, config=CONFIG)
    for create in (lambda: logs.create_log_group(logGroupName=group),
                   lambda: logs.create_log_stream(logGroupName=group, logStreamName=stream)):
        try:
            create()
        except logs.exceptions.ResourceAlreadyExistsException:
            pass
    now = int(time.time() * 1000)
    events = [{"timestamp": now + i, "message": m} for i, m in enumerate(messages)]
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)
    print("ok")


def put_rule(url: str, account: str, region: str, name: str, pattern: str, target: str) -> None:
    events = session(url, account, region).client("events", endpoint_url=url, config=CONFIG)
    events.put_rule(Name=name, EventPattern=pattern, State="ENABLED")
    events.put_targets(Rule=name, Targets=[{"Id": "1", "Arn": target}])
    print("ok")


def main(argv: list[str]) -> int:
    url, command, *args = argv
    {
        "update-stack": update_stack,
        "out-of-band": out_of_band,
        "detect-drift": detect_drift,
        "put-parameter": put_parameter,
        "put-logs": put_logs,
        "put-rule": put_rule,
    }[command](url, *args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
