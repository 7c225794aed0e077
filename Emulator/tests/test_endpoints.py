"""UpdateEndpoint, status transitions, failed updates, DeployedImages, duplicate creates."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import poll
from .helpers import IMAGE, canary, deploy_config, package


def _endpoint(sm, name="churn-dev", config="cfg-v1"):
    deploy_config(sm, config)
    sm.create_endpoint(EndpointName=name, EndpointConfigName=config, Tags=[{"Key": "podium:version", "Value": "1"}])
    return name


def test_update_endpoint_with_deployment_config(emu):
    # Stock moto 5.2.1: UpdateEndpoint is not implemented -> HTTP 500 (see test_stock_update_endpoint_fails).
    sm = emu.client("sagemaker")
    _endpoint(sm)
    deploy_config(sm, "cfg-v2", image="123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:2")
    config = canary(alarms=["churn-dev-5xx"])
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2", DeploymentConfig=config)
    described = sm.describe_endpoint(EndpointName="churn-dev")
    assert described["EndpointStatus"] == "InService"
    assert described["EndpointConfigName"] == "cfg-v2"
    assert described["LastDeploymentConfig"] == config
    assert described["ProductionVariants"][0]["DeployedImages"][0]["SpecifiedImage"].endswith("churn:2")


def test_rolling_update_policy_and_retain_deployment_config(emu):
    sm = emu.client("sagemaker")
    _endpoint(sm)
    for version in ("cfg-v2", "cfg-v3"):
        deploy_config(sm, version, instance_count=4)
    rolling = {
        "RollingUpdatePolicy": {
            "MaximumBatchSize": {"Type": "INSTANCE_COUNT", "Value": 1},
            "WaitIntervalInSeconds": 60,
            "RollbackMaximumBatchSize": {"Type": "CAPACITY_PERCENT", "Value": 100},
        },
        "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "a1"}]},
    }
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2", DeploymentConfig=rolling)
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v3", RetainDeploymentConfig=True)
    described = sm.describe_endpoint(EndpointName="churn-dev")
    assert described["EndpointConfigName"] == "cfg-v3"
    assert described["LastDeploymentConfig"] == rolling
    assert described["ProductionVariants"][0]["CurrentInstanceCount"] == 4


def test_invalid_deployment_config_is_a_validation_error(emu):
    sm = emu.client("sagemaker")
    _endpoint(sm)
    deploy_config(sm, "cfg-v2")
    bad = {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "WaitIntervalInSeconds": 60}}}
    with pytest.raises(ClientError) as error:
        sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2", DeploymentConfig=bad)
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "CanarySize" in error.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as missing:
        sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="nope")
    assert "Could not find endpoint configuration" in missing.value.response["Error"]["Message"]


def test_creating_and_updating_transitions(emu):
    # Stock moto: an endpoint is InService the moment CreateEndpoint returns (see test_stock_endpoint_instantly_in_service).
    emu.control("POST", "/_podium/config", {"endpoint_create_seconds": 1.5, "endpoint_update_seconds": 1.5})
    sm = emu.client("sagemaker")
    _endpoint(sm)
    assert sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"] == "Creating"
    assert sm.list_endpoints()["Endpoints"][0]["EndpointStatus"] == "Creating"
    seen = poll(lambda: sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"], lambda s: s == "InService")
    assert seen[-1] == "InService"
    deploy_config(sm, "cfg-v2")
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2")
    during = sm.describe_endpoint(EndpointName="churn-dev")
    assert during["EndpointStatus"] == "Updating"
    assert during["EndpointConfigName"] == "cfg-v1"
    assert during["PendingDeploymentSummary"]["EndpointConfigName"] == "cfg-v2"
    with pytest.raises(ClientError) as busy:
        sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2")
    assert "Cannot update in-progress endpoint" in busy.value.response["Error"]["Message"]
    seen = poll(lambda: sm.describe_endpoint(EndpointName="churn-dev"), lambda d: d["EndpointStatus"] == "InService")
    assert seen[-1]["EndpointConfigName"] == "cfg-v2"
    assert "PendingDeploymentSummary" not in seen[-1]


def test_update_fails_with_reason(emu):
    sm = emu.client("sagemaker")
    _endpoint(sm)
    deploy_config(sm, "cfg-v2")
    emu.control("POST", "/_podium/endpoint-failure", {"endpoint_name": "churn-dev", "mode": "failed", "reason": "Health check failed"})
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2")
    described = sm.describe_endpoint(EndpointName="churn-dev")
    assert described["EndpointStatus"] == "Failed"
    assert described["FailureReason"] == "Health check failed"
    # the failure is used up: the next update succeeds
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2")
    again = sm.describe_endpoint(EndpointName="churn-dev")
    assert again["EndpointStatus"] == "InService" and "FailureReason" not in again


def test_update_rolls_back_to_old_config(emu):
    emu.control("POST", "/_podium/config", {"endpoint_update_seconds": 1.0})
    sm = emu.client("sagemaker")
    _endpoint(sm)
    deploy_config(sm, "cfg-v2")
    emu.control("POST", "/_podium/endpoint-failure", {"endpoint_name": "churn-dev", "mode": "rollback", "reason": "canary 5xx"})
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2", DeploymentConfig=canary())
    statuses = poll(lambda: sm.describe_endpoint(EndpointName="churn-dev"), lambda d: d["EndpointStatus"] == "InService")
    names = [d["EndpointStatus"] for d in statuses]
    assert names[0] == "Updating" and "RollingBack" in names and names[-1] == "InService"
    final = statuses[-1]
    assert final["EndpointConfigName"] == "cfg-v1"
    assert final["FailureReason"] == "canary 5xx"


def test_alarm_in_alarm_state_rolls_the_update_back(emu):
    sm, cw = emu.client("sagemaker"), emu.client("cloudwatch")
    _endpoint(sm)
    deploy_config(sm, "cfg-v2")
    cw.put_metric_alarm(
        AlarmName="churn-dev-5xx", Namespace="AWS/SageMaker", MetricName="Invocation5XXErrors", Statistic="Sum",
        Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
    )
    cw.set_alarm_state(AlarmName="churn-dev-5xx", StateValue="ALARM", StateReason="5xx spike")
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v2", DeploymentConfig=canary(["churn-dev-5xx"]))
    described = sm.describe_endpoint(EndpointName="churn-dev")
    assert described["EndpointStatus"] == "InService"
    assert described["EndpointConfigName"] == "cfg-v1"
    assert "churn-dev-5xx" in described["FailureReason"]


def test_deployed_images_from_model_package(emu):
    sm = emu.client("sagemaker")
    arn = package(sm, "churn")
    deploy_config(sm, "cfg-pkg", package_arn=arn)
    sm.create_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-pkg")
    images = sm.describe_endpoint(EndpointName="churn-dev")["ProductionVariants"][0]["DeployedImages"]
    assert images[0]["SpecifiedImage"] == IMAGE
    assert "@sha256:" in images[0]["ResolvedImage"]


@pytest.mark.parametrize("what", ["endpoint", "endpoint-config", "model"])
def test_duplicate_create_is_refused(emu, what):
    # Stock moto silently overwrites (see test_stock_duplicate_create_endpoint_overwrites).
    sm = emu.client("sagemaker")
    _endpoint(sm)
    with pytest.raises(ClientError) as error:
        if what == "endpoint":
            sm.create_endpoint(EndpointName="churn-dev", EndpointConfigName="cfg-v1")
        elif what == "endpoint-config":
            sm.create_endpoint_config(EndpointConfigName="cfg-v1", ProductionVariants=[{"VariantName": "A", "ModelName": "cfg-v1-model", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
        else:
            sm.create_model(ModelName="cfg-v1-model", ExecutionRoleArn="arn:aws:iam::123456789012:role/x", PrimaryContainer={"Image": IMAGE})
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "Cannot create already existing" in error.value.response["Error"]["Message"]
    # the original endpoint is untouched
    assert sm.describe_endpoint(EndpointName="churn-dev")["EndpointConfigName"] == "cfg-v1"


# MARK: - the same calls on stock moto fail


def test_stock_update_endpoint_fails(stock):
    sm = stock.client("sagemaker")
    deploy_config(sm, "s-cfg-v1")
    deploy_config(sm, "s-cfg-v2")
    sm.create_endpoint(EndpointName="s-ep", EndpointConfigName="s-cfg-v1")
    with pytest.raises(ClientError) as error:
        sm.update_endpoint(EndpointName="s-ep", EndpointConfigName="s-cfg-v2", DeploymentConfig=canary())
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500


def test_stock_endpoint_instantly_in_service_and_duplicate_overwrites(stock):
    sm = stock.client("sagemaker")
    deploy_config(sm, "s2-cfg-v1")
    sm.create_endpoint(EndpointName="s2-ep", EndpointConfigName="s2-cfg-v1")
    described = sm.describe_endpoint(EndpointName="s2-ep")
    assert described["EndpointStatus"] == "InService"
    assert "DeployedImages" not in described["ProductionVariants"][0]
    sm.create_endpoint(EndpointName="s2-ep", EndpointConfigName="s2-cfg-v1")  # no error: overwritten


# MARK: - empty structures


def _raw_bodies(client) -> dict[str, dict]:
    """Captures each SageMaker answer as sent: the raw JSON body, before botocore parses it."""
    import json

    bodies: dict[str, dict] = {}

    def keep(operation_model, response_dict, **_):
        bodies[operation_model.name] = json.loads(response_dict["body"] or b"{}")

    client.meta.events.register("before-parse.sagemaker", keep)
    return bodies


def _describe_raw(client):
    bodies = _raw_bodies(client)
    deploy_config(client, "cfg-raw")
    client.describe_endpoint_config(EndpointConfigName="cfg-raw")
    client.describe_model(ModelName="cfg-raw-model")
    return bodies["DescribeEndpointConfig"], bodies["DescribeModel"]


def test_describe_answers_keep_stock_empty_structures(emu):
    # Stock moto sends "DataCaptureConfig": {} / "VpcConfig": {} when unset (real SageMaker omits them). The emulator
    # must not smooth that over: podium's client tolerates it (zero-filled required members).
    config, model = _describe_raw(emu.client("sagemaker"))
    assert config["DataCaptureConfig"] == {}
    assert model["VpcConfig"] == {}
    assert config["EndpointConfigName"] == "cfg-raw" and config["ProductionVariants"][0]["VariantName"] == "AllTraffic"
    assert model["ModelName"] == "cfg-raw-model" and model["PrimaryContainer"]["Image"] == IMAGE


def test_describe_endpoint_sends_empty_data_capture_as_stock(emu, stock):
    # The first stock answer: DescribeEndpoint with "DataCaptureConfig": {}. The emulator answers the same.
    for world in (emu, stock):
        sm = world.client("sagemaker")
        bodies = _raw_bodies(sm)
        deploy_config(sm, "cfg-ep")
        sm.create_endpoint(EndpointName="ep-raw", EndpointConfigName="cfg-ep")
        sm.describe_endpoint(EndpointName="ep-raw")
        assert bodies["DescribeEndpoint"]["DataCaptureConfig"] == {}


def test_describe_keeps_structures_that_were_set(emu):
    sm = emu.client("sagemaker")
    vpc = {"SecurityGroupIds": ["sg-0123456789abcdef0"], "Subnets": ["subnet-0123456789abcdef0"]}
    sm.create_model(ModelName="m-vpc", ExecutionRoleArn="arn:aws:iam::123456789012:role/exec", PrimaryContainer={"Image": IMAGE}, VpcConfig=vpc)
    capture = {"EnableCapture": True, "InitialSamplingPercentage": 10, "DestinationS3Uri": "s3://captures/x", "CaptureOptions": [{"CaptureMode": "Input"}]}
    sm.create_endpoint_config(
        EndpointConfigName="cfg-capture",
        ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "m-vpc", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}],
        DataCaptureConfig=capture,
    )
    assert sm.describe_model(ModelName="m-vpc")["VpcConfig"] == vpc
    assert sm.describe_endpoint_config(EndpointConfigName="cfg-capture")["DataCaptureConfig"]["DestinationS3Uri"] == "s3://captures/x"


def test_stock_sends_empty_structures(stock):
    config, model = _describe_raw(stock.client("sagemaker"))
    assert config["DataCaptureConfig"] == {}
    assert model["VpcConfig"] == {}
