"""Small builders shared by the tests."""

from __future__ import annotations

from typing import Any

IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/xgboost:1.7-1"


def package(sm: Any, group: str, status: str = "Approved", **extra: Any) -> str:
    try:
        sm.create_model_package_group(ModelPackageGroupName=group)
    except sm.exceptions.ClientError:
        pass
    return sm.create_model_package(
        ModelPackageGroupName=group,
        ModelApprovalStatus=status,
        InferenceSpecification={
            "Containers": [{"Image": IMAGE, "ModelDataUrl": f"s3://models/{group}/model.tar.gz"}],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        **extra,
    )["ModelPackageArn"]


def deploy_config(sm: Any, name: str, image: str = IMAGE, package_arn: str | None = None, instance_count: int = 1) -> str:
    container = {"ModelPackageName": package_arn} if package_arn else {"Image": image}
    sm.create_model(ModelName=f"{name}-model", ExecutionRoleArn="arn:aws:iam::123456789012:role/exec", PrimaryContainer=container)
    sm.create_endpoint_config(
        EndpointConfigName=name,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "ModelName": f"{name}-model",
                "InitialInstanceCount": instance_count,
                "InstanceType": "ml.m5.large",
            }
        ],
    )
    return name


def canary(alarms: list[str] | None = None) -> dict[str, Any]:
    config: dict[str, Any] = {
        "BlueGreenUpdatePolicy": {
            "TrafficRoutingConfiguration": {
                "Type": "CANARY",
                "WaitIntervalInSeconds": 600,
                "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10},
            },
            "TerminationWaitInSeconds": 120,
            "MaximumExecutionTimeoutInSeconds": 3600,
        }
    }
    if alarms:
        config["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": a} for a in alarms]}
    return config
