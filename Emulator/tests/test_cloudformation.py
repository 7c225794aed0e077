"""CloudFormation stacks that own SageMaker endpoints: names, re-pointing, per-resource events, rollback, cancel."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from .cfn_helpers import sagemaker_template
from .conftest import poll
from .helpers import package

ROLE = "arn:aws:iam::123456789012:role/exec"


def _stack(emu, endpoint="churn-dev", stack="churn-stack", **template):
    sm, cf = emu.client("sagemaker"), emu.client("cloudformation")
    arns = [package(sm, "churn") for _ in range(3)]
    cf.create_stack(StackName=stack, TemplateBody=sagemaker_template(endpoint, ROLE, **template),
                    Parameters=[{"ParameterKey": "ModelPackageArn", "ParameterValue": arns[0]}])
    return sm, cf, arns


def _update(cf, arn, stack="churn-stack"):
    cf.update_stack(StackName=stack, UsePreviousTemplate=True, Parameters=[
        {"ParameterKey": "ModelPackageArn", "ParameterValue": arn},
        {"ParameterKey": "InstanceType", "UsePreviousValue": True},  # a parameter that took its default at create
    ])


def _chain(sm, endpoint):
    """endpoint -> config -> model -> container, as a client follows it."""
    config = sm.describe_endpoint(EndpointName=endpoint)["EndpointConfigName"]
    model = sm.describe_endpoint_config(EndpointConfigName=config)["ProductionVariants"][0]["ModelName"]
    return config, model, sm.describe_model(ModelName=model)["PrimaryContainer"].get("ModelPackageName")


def _events(cf, stack="churn-stack"):
    return list(reversed(cf.describe_stack_events(StackName=stack)["StackEvents"]))  # oldest first


def _status(cf, stack="churn-stack"):
    return cf.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]


def test_stock_moto_ignores_names_and_leaves_the_config_on_a_deleted_model(stock):
    # The two gaps, shown on stock moto 5.2.1: the EndpointName property is ignored (a generated name), and after a
    # parameter update the EndpointConfig still names the model that the update deleted.
    sm, cf = stock.client("sagemaker"), stock.client("cloudformation")
    sm.create_model_package_group(ModelPackageGroupName="churn-stock")
    arns = [sm.create_model_package(ModelPackageGroupName="churn-stock", ModelApprovalStatus="Approved")["ModelPackageArn"] for _ in range(2)]
    cf.create_stack(StackName="stock-stack", TemplateBody=sagemaker_template("stock-dev", ROLE),
                    Parameters=[{"ParameterKey": "ModelPackageArn", "ParameterValue": arns[0]}])
    names = [e["EndpointName"] for e in sm.list_endpoints()["Endpoints"]]
    assert "stock-dev" not in names and any(n.startswith("stock-stack-Endpoint-") for n in names)
    with pytest.raises(ResponseParserError, match="500 Internal Server Error"):  # UsePreviousValue of a defaulted parameter
        cf.update_stack(StackName="stock-stack", UsePreviousTemplate=True,
                        Parameters=[{"ParameterKey": "ModelPackageArn", "ParameterValue": arns[1]}, {"ParameterKey": "InstanceType", "UsePreviousValue": True}])
    cf.update_stack(StackName="stock-stack", UsePreviousTemplate=True, Parameters=[{"ParameterKey": "ModelPackageArn", "ParameterValue": arns[1]}])
    config = sm.list_endpoint_configs(NameContains="stock-stack-EndpointConfig")["EndpointConfigs"][0]["EndpointConfigName"]
    model = sm.describe_endpoint_config(EndpointConfigName=config)["ProductionVariants"][0]["ModelName"]
    with pytest.raises(ClientError):
        sm.describe_model(ModelName=model)
    statuses = {e["ResourceStatus"] for e in cf.describe_stack_events(StackName="stock-stack")["StackEvents"]}
    assert {e["ResourceType"] for e in cf.describe_stack_events(StackName="stock-stack")["StackEvents"]} == {"AWS::CloudFormation::Stack"}
    assert "UPDATE_COMPLETE" in statuses
    with pytest.raises(ResponseParserError, match="500 Internal Server Error"):
        cf.cancel_update_stack(StackName="stock-stack")  # not implemented in stock moto


def test_names_are_honoured_and_resources_tagged_with_their_stack(emu):
    sm, cf, arns = _stack(emu, model_name=None)
    endpoint = sm.describe_endpoint(EndpointName="churn-dev")
    tags = {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=endpoint["EndpointArn"])["Tags"]}
    assert tags["aws:cloudformation:stack-name"] == "churn-stack"
    assert tags["aws:cloudformation:logical-id"] == "Endpoint"
    assert _chain(sm, "churn-dev")[2] == arns[0]
    assert _status(cf) == "CREATE_COMPLETE"


def test_update_replaces_model_and_config_and_repoints_the_endpoint(emu):
    sm, cf, arns = _stack(emu)
    old_config, old_model, _ = _chain(sm, "churn-dev")
    _update(cf, arns[1])
    assert _status(cf) == "UPDATE_COMPLETE"
    config, model, package_arn = _chain(sm, "churn-dev")
    assert package_arn == arns[1] and config != old_config and model != old_model
    # the old physical resources were cleaned up, as CloudFormation does after a replacement
    assert [m["ModelName"] for m in sm.list_models()["Models"]] == [model]
    with pytest.raises(ClientError):
        sm.describe_endpoint_config(EndpointConfigName=old_config)
    params = {p["ParameterKey"]: p["ParameterValue"] for p in cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["Parameters"]}
    assert params == {"ModelPackageArn": arns[1], "InstanceType": "ml.m5.large"}
    # per-resource events, in order, with physical ids and reasons
    update = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in _events(cf)]
    start = update.index(("churn-stack", "UPDATE_IN_PROGRESS"))
    assert update[start:] == [
        ("churn-stack", "UPDATE_IN_PROGRESS"),
        ("Model", "UPDATE_IN_PROGRESS"), ("Model", "UPDATE_IN_PROGRESS"), ("Model", "UPDATE_COMPLETE"),
        ("EndpointConfig", "UPDATE_IN_PROGRESS"), ("EndpointConfig", "UPDATE_IN_PROGRESS"), ("EndpointConfig", "UPDATE_COMPLETE"),
        ("Endpoint", "UPDATE_IN_PROGRESS"), ("Endpoint", "UPDATE_COMPLETE"),
        ("churn-stack", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"),
        ("EndpointConfig", "DELETE_IN_PROGRESS"), ("EndpointConfig", "DELETE_COMPLETE"),
        ("Model", "DELETE_IN_PROGRESS"), ("Model", "DELETE_COMPLETE"),
        ("churn-stack", "UPDATE_COMPLETE"),
    ]
    replaced = [e for e in _events(cf) if e["LogicalResourceId"] == "Model" and e["ResourceStatus"] == "UPDATE_IN_PROGRESS"][-2]
    assert replaced["ResourceStatusReason"].startswith("Requested update requires the creation of a new physical resource")
    assert replaced["ResourceType"] == "AWS::SageMaker::Model"


def test_failed_endpoint_update_rolls_the_stack_back(emu):
    sm, cf, arns = _stack(emu)
    before = _chain(sm, "churn-dev")
    emu.control("POST", "/_podium/endpoint-failure", {"endpoint_name": "churn-dev", "mode": "failed", "reason": "health check failed"})
    _update(cf, arns[1])
    assert _status(cf) == "UPDATE_ROLLBACK_COMPLETE"
    failed = [e for e in _events(cf) if e["ResourceStatus"].endswith("_FAILED")]
    assert failed[0]["LogicalResourceId"] == "Endpoint" and "health check failed" in failed[0]["ResourceStatusReason"]
    assert failed[0]["PhysicalResourceId"].endswith(":endpoint/churn-dev")
    statuses = [e["ResourceStatus"] for e in _events(cf) if e["LogicalResourceId"] == "churn-stack"]
    assert statuses[-3:] == ["UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE"]
    assert _chain(sm, "churn-dev") == before and sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"] == "InService"
    assert len(sm.list_models()["Models"]) == 1  # the replacement model was deleted
    params = {p["ParameterKey"]: p["ParameterValue"] for p in cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["Parameters"]}
    assert params["ModelPackageArn"] == arns[0]
    _update(cf, arns[2])  # the stack can be updated again afterwards
    assert _status(cf) == "UPDATE_COMPLETE" and _chain(sm, "churn-dev")[2] == arns[2]


def test_update_takes_steps_and_cancel_rolls_back(emu):
    sm, cf, arns = _stack(emu)
    before = _chain(sm, "churn-dev")
    emu.control("POST", "/_podium/config", {"stack_step_seconds": 0.2, "endpoint_update_seconds": 1.5})
    _update(cf, arns[1])
    assert _status(cf) == "UPDATE_IN_PROGRESS"
    shown = {p["ParameterKey"]: p["ParameterValue"] for p in cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["Parameters"]}
    assert shown["ModelPackageArn"] == arns[1]  # during an update AWS shows its new parameter values
    with pytest.raises(ClientError) as busy:
        _update(cf, arns[2])
    assert "UPDATE_IN_PROGRESS state and can not be updated" in busy.value.response["Error"]["Message"]
    seen = poll(lambda: sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"], lambda s: s == "Updating")
    assert seen[-1] == "Updating"
    cf.cancel_update_stack(StackName="churn-stack")
    emu.control("POST", "/_podium/config", {"endpoint_update_seconds": 0})
    seen = poll(lambda: _status(cf), lambda s: s.endswith("_COMPLETE") or s.endswith("_FAILED"))
    assert seen[-1] == "UPDATE_ROLLBACK_COMPLETE"
    failed = [e for e in _events(cf) if e["ResourceStatus"] == "UPDATE_FAILED"]
    assert failed[0]["LogicalResourceId"] == "Endpoint" and failed[0]["ResourceStatusReason"] == "Resource update cancelled"
    assert _chain(sm, "churn-dev") == before
    shown = {p["ParameterKey"]: p["ParameterValue"] for p in cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["Parameters"]}
    assert shown["ModelPackageArn"] == arns[0]  # and the old ones after the rollback
    with pytest.raises(ClientError) as idle:
        cf.cancel_update_stack(StackName="churn-stack")
    assert "CancelUpdateStack cannot be called from current stack status" in idle.value.response["Error"]["Message"]


def test_describe_stack_resources_by_physical_id(emu):
    sm, cf, _ = _stack(emu)
    arn = sm.describe_endpoint(EndpointName="churn-dev")["EndpointArn"]
    resources = cf.describe_stack_resources(PhysicalResourceId=arn)["StackResources"]
    assert [(r["StackName"], r["LogicalResourceId"], r["ResourceStatus"]) for r in resources] == [("churn-stack", "Endpoint", "CREATE_COMPLETE")]
    with pytest.raises(ClientError) as missing:
        cf.describe_stack_resources(PhysicalResourceId="churn-dev")  # the physical id of a SageMaker endpoint is its ARN
    assert "does not exist" in missing.value.response["Error"]["Message"]


def test_custom_named_model_cannot_be_replaced(emu):
    sm, cf, arns = _stack(emu, model_name="churn-model")
    _update(cf, arns[1])
    assert _status(cf) == "UPDATE_ROLLBACK_COMPLETE"
    failed = [e for e in _events(cf) if e["ResourceStatus"] == "UPDATE_FAILED"][0]
    assert failed["LogicalResourceId"] == "Model" and "custom-named resource requires replacing" in failed["ResourceStatusReason"]
    assert _chain(sm, "churn-dev")[2] == arns[0]


def test_create_failure_rolls_back(emu):
    cf = emu.client("cloudformation")
    missing = "arn:aws:sagemaker:us-east-1:123456789012:model-package/nope/1"
    cf.create_stack(StackName="bad", TemplateBody=sagemaker_template("bad-dev", ROLE), Parameters=[{"ParameterKey": "ModelPackageArn", "ParameterValue": missing}])
    assert _status(cf, "bad") == "ROLLBACK_COMPLETE"
    failed = [e for e in _events(cf, "bad") if e["ResourceStatus"] == "CREATE_FAILED"][0]
    assert failed["LogicalResourceId"] == "Model" and "not found" in failed["ResourceStatusReason"]


def test_drift_detection_sees_a_direct_update_of_a_stack_owned_endpoint(emu, stock):
    sm, cf, arns = _stack(emu)
    assert cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["DriftInformation"]["StackDriftStatus"] == "NOT_CHECKED"
    detection = cf.detect_stack_drift(StackName="churn-stack")["StackDriftDetectionId"]
    assert cf.describe_stack_drift_detection_status(StackDriftDetectionId=detection)["StackDriftStatus"] == "IN_SYNC"
    # what the drift guard prevents: a direct promotion behind the stack's back
    sm.create_model(ModelName="direct-model", ExecutionRoleArn=ROLE, PrimaryContainer={"ModelPackageName": arns[1]})
    sm.create_endpoint_config(EndpointConfigName="direct-config", ProductionVariants=[
        {"VariantName": "AllTraffic", "ModelName": "direct-model", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
    sm.update_endpoint(EndpointName="churn-dev", EndpointConfigName="direct-config")
    detection = cf.detect_stack_drift(StackName="churn-stack")["StackDriftDetectionId"]
    status = cf.describe_stack_drift_detection_status(StackDriftDetectionId=detection)
    assert (status["StackDriftStatus"], status["DetectionStatus"], status["DriftedStackResourceCount"]) == ("DRIFTED", "DETECTION_COMPLETE", 1)
    drifts = cf.describe_stack_resource_drifts(StackName="churn-stack", StackResourceDriftStatusFilters=["MODIFIED"])["StackResourceDrifts"]
    assert [(d["LogicalResourceId"], d["PropertyDifferences"][0]["PropertyPath"], d["PropertyDifferences"][0]["ActualValue"]) for d in drifts] == [
        ("Endpoint", "/EndpointConfigName", "direct-config")]
    info = cf.describe_stacks(StackName="churn-stack")["Stacks"][0]["DriftInformation"]
    assert info["StackDriftStatus"] == "DRIFTED" and "LastCheckTimestamp" in info
    # stock moto 5.2.1 has no drift detection at all
    stock_cf = stock.client("cloudformation")
    stock_cf.create_stack(StackName="drift-stock", TemplateBody='{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}')
    with pytest.raises((ClientError, ResponseParserError)):
        stock_cf.detect_stack_drift(StackName="drift-stock")


def test_create_waits_for_the_endpoint_to_be_in_service(emu):
    emu.control("POST", "/_podium/config", {"endpoint_create_seconds": 1})
    sm, cf, _ = _stack(emu)
    assert _status(cf) == "CREATE_IN_PROGRESS" and sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"] == "Creating"
    seen = poll(lambda: _status(cf), lambda s: s != "CREATE_IN_PROGRESS")
    assert seen[-1] == "CREATE_COMPLETE" and sm.describe_endpoint(EndpointName="churn-dev")["EndpointStatus"] == "InService"
    endpoint_events = [e["ResourceStatus"] for e in _events(cf) if e["LogicalResourceId"] == "Endpoint"]
    assert endpoint_events == ["CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"]
    assert [e["ResourceStatus"] for e in _events(cf)][-1] == "CREATE_COMPLETE"
