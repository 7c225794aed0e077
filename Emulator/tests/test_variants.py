"""Variants (issue 15): shadow variants, weight shifts through Updating, serverless configs; stock moto beside."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .conftest import poll

ROLE = "arn:aws:iam::123456789012:role/exec"


def _models(sm, *names):
    for name in names:
        sm.create_model(ModelName=name, ExecutionRoleArn=ROLE, PrimaryContainer={"Image": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:{name}"})


def _instance(name, model, weight=None, count=1):
    variant = {"VariantName": name, "ModelName": model, "InitialInstanceCount": count, "InstanceType": "ml.m5.large"}
    if weight is not None:
        variant["InitialVariantWeight"] = weight
    return variant


def _two_variants(sm, endpoint="churn-ab"):
    _models(sm, "v3", "v4")
    sm.create_endpoint_config(EndpointConfigName="ab", ProductionVariants=[_instance("champion", "v3", 90, 2), _instance("challenger", "v4", 10)])
    sm.create_endpoint(EndpointName=endpoint, EndpointConfigName="ab")
    return endpoint


def _shadow(sm, endpoint="churn-shadow"):
    _models(sm, "v3", "v4")
    sm.create_endpoint_config(
        EndpointConfigName="sh",
        ProductionVariants=[_instance("AllTraffic", "v3", 1.0)],
        ShadowProductionVariants=[_instance("shadow", "v4", 0.2)],
    )
    sm.create_endpoint(EndpointName=endpoint, EndpointConfigName="sh")
    return endpoint


def _weights(described, key="ProductionVariants"):
    return {v["VariantName"]: (v["CurrentWeight"], v["DesiredWeight"], v.get("CurrentInstanceCount")) for v in described[key]}


def test_weights_shift_through_updating(emu):
    emu.control("POST", "/_podium/config", {"endpoint_update_seconds": 0.6})
    sm = emu.client("sagemaker")
    _two_variants(sm)
    assert _weights(sm.describe_endpoint(EndpointName="churn-ab")) == {"champion": (90.0, 90.0, 2), "challenger": (10.0, 10.0, 1)}
    sm.update_endpoint_weights_and_capacities(
        EndpointName="churn-ab", DesiredWeightsAndCapacities=[{"VariantName": "champion", "DesiredWeight": 50}, {"VariantName": "challenger", "DesiredWeight": 50}]
    )
    during = sm.describe_endpoint(EndpointName="churn-ab")
    assert during["EndpointStatus"] == "Updating"
    # the target shows as desired while the current weights (and the counts not sent) stay
    assert _weights(during) == {"champion": (90.0, 50.0, 2), "challenger": (10.0, 50.0, 1)}
    with pytest.raises(ClientError) as busy:
        sm.update_endpoint_weights_and_capacities(EndpointName="churn-ab", DesiredWeightsAndCapacities=[{"VariantName": "champion", "DesiredWeight": 0}])
    assert "in-progress" in busy.value.response["Error"]["Message"]
    seen = poll(lambda: sm.describe_endpoint(EndpointName="churn-ab"), lambda d: d["EndpointStatus"] == "InService")
    assert _weights(seen[-1]) == {"champion": (50.0, 50.0, 2), "challenger": (50.0, 50.0, 1)}


def test_weights_refusals(emu):
    sm = emu.client("sagemaker")
    _two_variants(sm)
    cases = [
        ([{"VariantName": "nope", "DesiredWeight": 1}], "not present within endpoint configuration"),
        ([{"VariantName": "champion", "DesiredWeight": 1}, {"VariantName": "champion", "DesiredWeight": 2}], "non-unique"),
        ([{"VariantName": "champion"}], "Either DesiredWeight or DesiredInstanceCount"),
    ]
    for entries, message in cases:
        with pytest.raises(ClientError) as error:
            sm.update_endpoint_weights_and_capacities(EndpointName="churn-ab", DesiredWeightsAndCapacities=entries)
        assert error.value.response["Error"]["Code"] == "ValidationException"
        assert message in error.value.response["Error"]["Message"]
    # nothing moved
    assert _weights(sm.describe_endpoint(EndpointName="churn-ab")) == {"champion": (90.0, 90.0, 2), "challenger": (10.0, 10.0, 1)}


def test_a_new_config_resets_shifted_weights(emu):
    sm = emu.client("sagemaker")
    _two_variants(sm)
    sm.update_endpoint_weights_and_capacities(EndpointName="churn-ab", DesiredWeightsAndCapacities=[{"VariantName": "champion", "DesiredWeight": 0}])
    assert _weights(sm.describe_endpoint(EndpointName="churn-ab"))["champion"] == (0.0, 0.0, 2)
    sm.create_endpoint_config(EndpointConfigName="only-v4", ProductionVariants=[_instance("challenger", "v4", 1.0)])
    sm.update_endpoint(EndpointName="churn-ab", EndpointConfigName="only-v4")
    assert _weights(sm.describe_endpoint(EndpointName="churn-ab")) == {"challenger": (1.0, 1.0, 1)}


def test_shadow_variants_in_config_and_endpoint(emu):
    sm = emu.client("sagemaker")
    _shadow(sm)
    config = sm.describe_endpoint_config(EndpointConfigName="sh")
    assert [v["VariantName"] for v in config["ShadowProductionVariants"]] == ["shadow"]
    assert "PodiumShadowVariants" not in config
    described = sm.describe_endpoint(EndpointName="churn-shadow")
    assert _weights(described) == {"AllTraffic": (1.0, 1.0, 1)}
    assert _weights(described, "ShadowProductionVariants") == {"shadow": (0.2, 0.2, 1)}
    assert described["ShadowProductionVariants"][0]["DeployedImages"][0]["SpecifiedImage"].endswith("churn:v4")
    # the sampling weight of a shadow variant moves like any other
    sm.update_endpoint_weights_and_capacities(EndpointName="churn-shadow", DesiredWeightsAndCapacities=[{"VariantName": "shadow", "DesiredWeight": 0.5}])
    assert _weights(sm.describe_endpoint(EndpointName="churn-shadow"), "ShadowProductionVariants")["shadow"][0] == 0.5
    # promote shadow to production: a config without the shadow, the candidate's model in production
    sm.create_endpoint_config(EndpointConfigName="promoted", ProductionVariants=[_instance("AllTraffic", "v4", 1.0)])
    sm.update_endpoint(EndpointName="churn-shadow", EndpointConfigName="promoted")
    after = sm.describe_endpoint(EndpointName="churn-shadow")
    assert "ShadowProductionVariants" not in after
    assert after["ProductionVariants"][0]["DeployedImages"][0]["SpecifiedImage"].endswith("churn:v4")


def test_shadow_pending_deployment_summary(emu):
    emu.control("POST", "/_podium/config", {"endpoint_update_seconds": 5})
    sm = emu.client("sagemaker")
    _models(sm, "v3", "v4")
    sm.create_endpoint_config(EndpointConfigName="plain", ProductionVariants=[_instance("AllTraffic", "v3", 1.0)])
    sm.create_endpoint(EndpointName="e", EndpointConfigName="plain")
    sm.create_endpoint_config(EndpointConfigName="sh", ProductionVariants=[_instance("AllTraffic", "v3", 1.0)], ShadowProductionVariants=[_instance("shadow", "v4", 0.2)])
    sm.update_endpoint(EndpointName="e", EndpointConfigName="sh")
    pending = sm.describe_endpoint(EndpointName="e")["PendingDeploymentSummary"]
    assert [v["VariantName"] for v in pending["ShadowProductionVariants"]] == ["shadow"]


def test_shadow_and_serverless_refusals(emu):
    sm = emu.client("sagemaker")
    _models(sm, "v3", "v4")
    bad = [
        ({"ProductionVariants": [_instance("a", "v3"), _instance("b", "v3")], "ShadowProductionVariants": [_instance("s", "v4")]}, "only specify one variant"),
        ({"ProductionVariants": [_instance("a", "v3")], "ShadowProductionVariants": [_instance("a", "v4")]}, "must be unique"),
        ({"ProductionVariants": [{"VariantName": "a", "ModelName": "v3", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 500}}]}, "maxConcurrency"),
    ]
    for index, (body, message) in enumerate(bad):
        with pytest.raises(ClientError) as error:
            sm.create_endpoint_config(EndpointConfigName=f"bad{index}", **body)
        assert message in error.value.response["Error"]["Message"]
        with pytest.raises(ClientError):
            sm.describe_endpoint_config(EndpointConfigName=f"bad{index}")  # nothing half-made


def test_serverless_endpoint(emu):
    sm = emu.client("sagemaker")
    _models(sm, "v2")
    serverless = {"MemorySizeInMB": 2048, "MaxConcurrency": 5}
    sm.create_endpoint_config(EndpointConfigName="sl", ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "v2", "ServerlessConfig": serverless}])
    sm.create_endpoint(EndpointName="sl", EndpointConfigName="sl")
    variant = sm.describe_endpoint(EndpointName="sl")["ProductionVariants"][0]
    assert variant["CurrentServerlessConfig"] == serverless and variant["DesiredServerlessConfig"] == serverless
    assert "CurrentInstanceCount" not in variant
    with pytest.raises(ClientError) as error:
        sm.update_endpoint_weights_and_capacities(EndpointName="sl", DesiredWeightsAndCapacities=[{"VariantName": "AllTraffic", "DesiredInstanceCount": 2}])
    assert "serverless" in error.value.response["Error"]["Message"]


# MARK: - what stock moto 5.2.1 does with the same calls


def test_stock_drops_shadow_variants_and_shifts_weights_at_once(stock):
    sm = stock.client("sagemaker")
    _models(sm, "v3", "v4")
    sm.create_endpoint_config(EndpointConfigName="sh", ProductionVariants=[_instance("AllTraffic", "v3", 1.0)], ShadowProductionVariants=[_instance("shadow", "v4", 0.2)])
    sm.create_endpoint(EndpointName="churn-shadow", EndpointConfigName="sh")
    assert "ShadowProductionVariants" not in sm.describe_endpoint_config(EndpointConfigName="sh")
    assert "ShadowProductionVariants" not in sm.describe_endpoint(EndpointName="churn-shadow")
    sm.create_endpoint_config(EndpointConfigName="ab", ProductionVariants=[_instance("champion", "v3", 90, 2), _instance("challenger", "v4", 10)])
    sm.create_endpoint(EndpointName="churn-ab", EndpointConfigName="ab")
    sm.update_endpoint_weights_and_capacities(EndpointName="churn-ab", DesiredWeightsAndCapacities=[{"VariantName": "champion", "DesiredWeight": 50}])
    described = sm.describe_endpoint(EndpointName="churn-ab")
    # never Updating, and the instance count of a variant sent without one is dropped: a client reads these
    # answers as they are (weights current at once; a missing count is unknown, not zero instances)
    assert described["EndpointStatus"] == "InService"
    champion = described["ProductionVariants"][0]
    assert (champion["CurrentWeight"], champion["DesiredWeight"]) == (50.0, 50.0)
    assert "CurrentInstanceCount" not in champion
    # stock answers serverless configs itself: the emulator passes them through unchanged (test_serverless_endpoint)
    sm.create_endpoint_config(EndpointConfigName="sl", ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "v3", "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5}}])
    sm.create_endpoint(EndpointName="sl", EndpointConfigName="sl")
    assert sm.describe_endpoint(EndpointName="sl")["ProductionVariants"][0]["CurrentServerlessConfig"]["MaxConcurrency"] == 5
