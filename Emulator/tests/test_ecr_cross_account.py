"""ECR DescribeImages with a central registry's `registryId`, from an environment account (preflight's image check)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

REGISTRY = "123456789012"


def _seed(emu, account: str) -> str:
    created = emu.control(
        "POST", "/_podium/preflight", {"account": account, "region": "us-east-1", "images": [{"repository": "churn", "tag": "v3"}]}
    )
    return created["images"][0]["digest"]


def test_an_environment_reads_the_central_registrys_image(emu) -> None:
    digest = _seed(emu, REGISTRY)
    ecr = emu.client("ecr", **emu.assume("111111111111"))
    found = ecr.describe_images(registryId=REGISTRY, repositoryName="churn", imageIds=[{"imageTag": "v3"}])
    assert found["imageDetails"][0]["imageDigest"] == digest
    with pytest.raises(ClientError) as missing:
        ecr.describe_images(registryId=REGISTRY, repositoryName="churn", imageIds=[{"imageTag": "v9"}])
    assert missing.value.response["Error"]["Code"] == "ImageNotFoundException"
    with pytest.raises(ClientError) as no_repo:
        ecr.describe_images(registryId=REGISTRY, repositoryName="nope")
    assert no_repo.value.response["Error"]["Code"] == "RepositoryNotFoundException"


def test_stock_moto_answers_repository_not_found_for_another_registry(stock) -> None:
    stock.client("ecr").create_repository(repositoryName="churn")
    other = stock.client("ecr", aws_access_key_id="testing", aws_secret_access_key="testing")
    with pytest.raises(ClientError) as error:
        other.describe_images(registryId="999999999999", repositoryName="churn")
    assert error.value.response["Error"]["Code"] == "RepositoryNotFoundException"
