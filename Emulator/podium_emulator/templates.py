"""The CloudFormation template the stand-in pipeline's `cdk deploy` would synthesise for one environment.

Model (container = the model package, from the `ModelPackageArn` parameter) -> EndpointConfig -> Endpoint, with
the endpoint's name fixed and the model's and config's names generated (CDK's default), so a new package ARN
replaces the Model and the EndpointConfig and updates the Endpoint in place.
"""

from __future__ import annotations

import json
from typing import Any


def sagemaker_template(endpoint: str, role_arn: str, model_name: str | None = None, config_name: str | None = None,
                       instance_type: str = "ml.m5.large", instance_count: int = 1, kms_key_id: str | None = None,
                       parameter: str = "ModelPackageArn") -> str:
    model_props: dict[str, Any] = {"ExecutionRoleArn": role_arn, "PrimaryContainer": {"ModelPackageName": {"Ref": parameter}}}
    if model_name:
        model_props["ModelName"] = model_name
    config_props: dict[str, Any] = {
        "ProductionVariants": [{
            "VariantName": "AllTraffic",
            "ModelName": {"Fn::GetAtt": ["Model", "ModelName"]},
            "InitialInstanceCount": instance_count,
            "InstanceType": {"Ref": "InstanceType"},
            "InitialVariantWeight": 1.0,
        }],
    }
    if config_name:
        config_props["EndpointConfigName"] = config_name
    if kms_key_id:
        config_props["KmsKeyId"] = kms_key_id
    return json.dumps({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"SageMaker endpoint {endpoint} (podium emulator stand-in for the CDK app)",
        "Parameters": {
            parameter: {"Type": "String", "Description": "The model package (version) the endpoint serves"},
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
