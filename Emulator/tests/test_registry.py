"""Model registry gaps: tags on packages, UpdateModelPackage keeping fields, DeleteModelPackage, cross-account."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from .helpers import IMAGE, deploy_config, package


def test_tags_on_model_package_and_group(emu):
    # Stock moto: AddTags/ListTags on a model-package ARN -> HTTP 500 (see test_stock_package_tags_fail).
    sm = emu.client("sagemaker")
    arn = package(sm, "churn")
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "podium:promoted-by", "Value": "alice"}, {"Key": "team", "Value": "ml"}])
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "risk"}])  # same key replaces, as in SageMaker
    tags = {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=arn)["Tags"]}
    assert tags == {"podium:promoted-by": "alice", "team": "risk"}
    group_arn = sm.describe_model_package_group(ModelPackageGroupName="churn")["ModelPackageGroupArn"]
    sm.add_tags(ResourceArn=group_arn, Tags=[{"Key": "owner", "Value": "ml-platform"}])
    assert sm.list_tags(ResourceArn=group_arn)["Tags"] == [{"Key": "owner", "Value": "ml-platform"}]
    sm.delete_tags(ResourceArn=arn, TagKeys=["team"])
    assert [t["Key"] for t in sm.list_tags(ResourceArn=arn)["Tags"]] == ["podium:promoted-by"]
    with pytest.raises(ClientError) as error:
        sm.list_tags(ResourceArn=arn.replace("/1", "/99"))
    assert error.value.response["Error"]["Code"] == "ValidationException"


def test_update_model_package_keeps_fields_not_sent(emu):
    # Stock moto sets every field it was not sent to None (see test_stock_update_model_package_wipes_fields).
    sm = emu.client("sagemaker")
    arn = package(
        sm, "churn", status="PendingManualApproval",
        CustomerMetadataProperties={"owner": "ml", "ticket": "ML-1"},
        MetadataProperties={"CommitId": "abc123", "Repository": "git@example.com:ml/churn.git"},
    )
    sm.update_model_package(ModelPackageArn=arn, ApprovalDescription="looks good")
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    sm.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"ticket": "ML-2"}, CustomerMetadataPropertiesToRemove=["owner"])
    described = sm.describe_model_package(ModelPackageName=arn)
    assert described["ModelApprovalStatus"] == "Approved"
    assert described["ApprovalDescription"] == "looks good"
    assert described["CustomerMetadataProperties"] == {"ticket": "ML-2"}
    assert described["MetadataProperties"]["CommitId"] == "abc123"
    assert "ModelPackageName" not in described  # as stock moto: versioned packages omit it; podium tolerates that
    assert described["LastModifiedBy"]["IamIdentity"]["Arn"].startswith("arn:aws:")
    assert described["LastModifiedTime"] >= described["CreationTime"]
    with pytest.raises(ClientError) as error:
        sm.update_model_package(ModelPackageArn=arn, ApprovalDescription="x" * 1025)
    assert error.value.response["Error"]["Code"] == "ValidationException"


def test_last_modified_by_is_the_caller(emu):
    creds = emu.assume("222222222222")
    sm_registry = emu.client("sagemaker")
    arn = package(sm_registry, "churn", status="PendingManualApproval")
    user = emu.control("POST", "/_podium/iam/users", {"name": "approver", "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}})
    sm = emu.client("sagemaker", aws_access_key_id=user["access_key_id"], aws_secret_access_key=user["secret_access_key"])
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved", ApprovalDescription="ok")
    assert sm.describe_model_package(ModelPackageName=arn)["LastModifiedBy"]["IamIdentity"]["Arn"] == user["arn"]
    assert creds["aws_access_key_id"]


def test_delete_model_package_and_versions_are_not_reused(emu):
    # Stock moto: DeleteModelPackage -> HTTP 500.
    sm = emu.client("sagemaker")
    first, second = package(sm, "churn"), package(sm, "churn")
    sm.delete_model_package(ModelPackageName=second)
    with pytest.raises(ClientError):
        sm.describe_model_package(ModelPackageName=second)
    third = package(sm, "churn")
    assert third.endswith("/3")
    versions = [p["ModelPackageVersion"] for p in sm.list_model_packages(ModelPackageGroupName="churn")["ModelPackageSummaryList"]]
    assert sorted(versions) == [1, 3]
    assert sm.describe_model_package(ModelPackageName=first)["ModelPackageVersion"] == 1


def test_cross_account_model_from_registry_package(emu):
    registry = emu.client("sagemaker")
    arn = package(registry, "fraud-detector")
    prod = emu.client("sagemaker", region="eu-west-1", **emu.assume("333333333333", "eu-west-1"))
    # DescribeModelPackage by full ARN from the deploying account
    assert prod.describe_model_package(ModelPackageName=arn)["ModelPackageArn"] == arn
    group_arn = registry.describe_model_package_group(ModelPackageGroupName="fraud-detector")["ModelPackageGroupArn"]
    listed = prod.list_model_packages(ModelPackageGroupName=group_arn)["ModelPackageSummaryList"]
    assert [p["ModelPackageArn"] for p in listed] == [arn]
    prod.create_model(ModelName="fraud-v1", ExecutionRoleArn="arn:aws:iam::333333333333:role/exec", PrimaryContainer={"ModelPackageName": arn})
    prod.create_endpoint_config(EndpointConfigName="fraud-v1", ProductionVariants=[{"VariantName": "AllTraffic", "ModelName": "fraud-v1", "InitialInstanceCount": 2, "InstanceType": "ml.m5.large"}])
    prod.create_endpoint(EndpointName="fraud-prod", EndpointConfigName="fraud-v1")
    described = prod.describe_endpoint(EndpointName="fraud-prod")
    assert described["EndpointArn"].startswith("arn:aws:sagemaker:eu-west-1:333333333333:")
    assert described["ProductionVariants"][0]["DeployedImages"][0]["SpecifiedImage"] == IMAGE
    model = prod.describe_model(ModelName="fraud-v1")
    assert model["PrimaryContainer"]["ModelPackageName"] == arn
    with pytest.raises(ClientError) as error:
        prod.create_model(ModelName="ghost", ExecutionRoleArn="arn:aws:iam::333333333333:role/exec", PrimaryContainer={"ModelPackageName": arn.replace("/1", "/42")})
    assert error.value.response["Error"]["Code"] == "ValidationException"
    # the registry account does not see prod's endpoint
    assert registry.list_endpoints()["Endpoints"] == []


# MARK: - stock moto


def test_stock_package_tags_fail_and_update_wipes_fields(stock):
    sm = stock.client("sagemaker")
    arn = package(sm, "stock-group", status="PendingManualApproval", CustomerMetadataProperties={"owner": "ml"})
    with pytest.raises(ClientError) as error:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "a", "Value": "b"}])
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    assert "CustomerMetadataProperties" not in sm.describe_model_package(ModelPackageName=arn)
    with pytest.raises(ClientError) as missing:
        sm.delete_model_package(ModelPackageName=arn)
    assert missing.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
