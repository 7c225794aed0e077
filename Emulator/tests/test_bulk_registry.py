"""`POST /_podium/bulk-registry`: many versions at once, answering exactly like versions created over the API."""

from __future__ import annotations

import json
import urllib.error

import pytest

from .helpers import package


def _all_packages(sm, group: str) -> list[dict]:
    pages = sm.get_paginator("list_model_packages").paginate(ModelPackageGroupName=group, PaginationConfig={"PageSize": 100})
    return [summary for page in pages for summary in page["ModelPackageSummaryList"]]


def test_bulk_registry_creates_the_counts_it_reports(emu):
    result = emu.control("POST", "/_podium/bulk-registry", {"groups": 3, "versions": 8, "pending_fraction": 0.25})
    assert result["created"] == {"groups": 3, "PendingManualApproval": 6, "Approved": 15, "Rejected": 3}
    sm = emu.client("sagemaker")
    groups = sm.list_model_package_groups(MaxResults=100)["ModelPackageGroupSummaryList"]
    assert sorted(g["ModelPackageGroupName"] for g in groups) == ["model-000", "model-001", "model-002"]
    packages = _all_packages(sm, "model-001")
    assert len(packages) == 8
    statuses = {p["ModelPackageVersion"]: p["ModelApprovalStatus"] for p in packages}
    assert statuses[8] == statuses[7] == "PendingManualApproval"
    assert statuses[4] == "Rejected" and statuses[1] == "Approved"
    pending = sm.list_model_packages(ModelPackageGroupName="model-002", ModelApprovalStatus="PendingManualApproval")
    assert len(pending["ModelPackageSummaryList"]) == 2


def test_bulk_versions_answer_like_api_created_ones(emu):
    sm = emu.client("sagemaker")
    api_arn = package(sm, "by-api", status="Approved", ModelPackageDescription="by api")
    emu.control("POST", "/_podium/bulk-registry", {"groups": 1, "versions": 1, "pending_fraction": 0})
    bulk_summary = sm.list_model_packages(ModelPackageGroupName="model-000")["ModelPackageSummaryList"][0]
    api_summary = sm.list_model_packages(ModelPackageGroupName="by-api")["ModelPackageSummaryList"][0]
    assert set(bulk_summary) == set(api_summary)
    bulk = sm.describe_model_package(ModelPackageName=bulk_summary["ModelPackageArn"])
    api = sm.describe_model_package(ModelPackageName=api_arn)
    assert set(bulk) == set(api)
    assert bulk["ModelApprovalStatus"] == "Approved" and bulk["ModelPackageVersion"] == 1
    group = sm.describe_model_package_group(ModelPackageGroupName="model-000")
    assert group["ModelPackageGroupArn"].endswith(":model-package-group/model-000")


@pytest.mark.parametrize(
    "body, message",
    [
        ({"groups": 0}, "groups must be an integer >= 1"),
        ({"versions": "many"}, "versions must be an integer >= 0"),
        ({"pending_fraction": 2}, "pending_fraction must be a number between 0 and 1"),
        ({"groups": 1000, "versions": 1000}, "groups * versions must be at most"),
        ({"colour": "red"}, "unknown bulk-registry keys: colour"),
    ],
)
def test_bulk_registry_refuses_bad_bodies(emu, body, message):
    with pytest.raises(urllib.error.HTTPError) as error:
        emu.control("POST", "/_podium/bulk-registry", body)
    assert error.value.code == 400
    assert message in json.loads(error.value.read())["error"]
    assert emu.client("sagemaker").list_model_package_groups()["ModelPackageGroupSummaryList"] == []
