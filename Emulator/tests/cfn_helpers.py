"""A SageMaker stack template like the one CDK synthesises for one environment (Model -> EndpointConfig -> Endpoint)."""

from __future__ import annotations

import json
from typing import Any


def sagemaker_template(endpoint: str, role_arn: str, model_name: str | None = None, config_name: str | None = None,
                       instance_type: str = "ml.m5.large") -> str:
    model_props: dict[str, Any] = {
        "ExecutionRoleArn": role_arn,
        "PrimaryContainer": {"ModelPackageName": {"Ref": "ModelPackageArn"}},
    }
    if model_name:
        model_props["ModelName"] = model_name
    config_props: dict[str, Any] = {
        "ProductionVariants": [{
            "VariantName": "AllTraffic",
            "ModelName": {"Fn::GetAtt": ["Model", "ModelName"]},
            "InitialInstanceCount": 1,
            "InstanceType": {"Ref": "InstanceType"},
            "InitialVariantWeight": 1.0,
        }],
    }
    if config_name:
        config_props["EndpointConfigName"] = config_name
    return json.dumps({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {
            "ModelPackageArn": {"Type": "String"},
            "InstanceType": {"Type": "String", "Default": instance_type},
        },
        "Resources": {
            "Model": {"Type": "AWS::SageMaker::Model", "Properties": model_props},
            "EndpointConfig": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": config_props},
            "Endpoint": {
                "Type": "AWS::SageMaker::Endpoint",
                "Properties": {"EndpointName": endpoint, "EndpointConfigName": {"Fn::GetAtt": ["EndpointConfig", "EndpointConfigName"]}},
            },
        },
        "Outputs": {"EndpointName": {"Value": {"Fn::GetAtt": ["Endpoint", "EndpointName"]}}},
    })
