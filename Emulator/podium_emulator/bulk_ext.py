"""`POST /_podium/bulk-registry`: many model package groups and versions at once, created in-process.

Seeding 10,000 versions through boto3 takes minutes; this calls the same moto backend methods the
CreateModelPackageGroup / CreateModelPackage handlers call, so what it creates answers exactly as if it had
been created over the API (it adds data faster; it changes no answer's shape).

Body: {"groups": 40, "versions": 250, "pending_fraction": 0.25, "prefix": "model", "account": ..., "region": ...}.
Groups are named `<prefix>-000`, `<prefix>-001`, ...; in each group the newest `round(versions * pending_fraction)`
versions are PendingManualApproval and the older ones alternate Approved (three in four) and Rejected.
"""

from __future__ import annotations

from typing import Any

from moto.sagemaker.models import sagemaker_backends

DEFAULT_ACCOUNT = "123456789012"
DEFAULT_REGION = "us-east-1"
MAX_VERSIONS = 100_000


def _count(body: dict[str, Any], key: str, default: int, low: int) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{key} must be an integer >= {low}")
    return value


def bulk_registry(body: dict[str, Any]) -> dict[str, Any]:
    """Creates the groups and versions; returns how many of each status were created."""
    unknown = set(body) - {"groups", "versions", "pending_fraction", "prefix", "account", "region"}
    if unknown:
        raise ValueError(f"unknown bulk-registry keys: {', '.join(sorted(unknown))}")
    groups = _count(body, "groups", 40, 1)
    versions = _count(body, "versions", 250, 0)
    if groups * versions > MAX_VERSIONS:
        raise ValueError(f"groups * versions must be at most {MAX_VERSIONS}")
    fraction = body.get("pending_fraction", 0.25)
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 <= fraction <= 1:
        raise ValueError("pending_fraction must be a number between 0 and 1")
    prefix = body.get("prefix", "model")
    account = body.get("account", DEFAULT_ACCOUNT)
    region = body.get("region", DEFAULT_REGION)
    for key, value in (("prefix", prefix), ("account", account), ("region", region)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{key} must be a non-empty string")
    backend = sagemaker_backends[account][region]
    pending_per_group = round(versions * fraction)
    created = {"groups": 0, "PendingManualApproval": 0, "Approved": 0, "Rejected": 0}
    for g in range(groups):
        name = f"{prefix}-{g:03d}"
        backend.create_model_package_group(name, f"bulk group {g} ({versions} versions)", None)
        created["groups"] += 1
        for number in range(1, versions + 1):
            if number > versions - pending_per_group:
                status = "PendingManualApproval"
            else:
                status = "Rejected" if number % 4 == 0 else "Approved"
            backend.create_model_package(
                model_package_name=None,
                model_package_group_name=name,
                model_package_description=f"{name} v{number}",
                inference_specification={
                    "Containers": [{"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/bulk:1", "ModelDataUrl": f"s3://podium-models/{name}/v{number}/model.tar.gz"}],
                    "SupportedContentTypes": ["text/csv"],
                    "SupportedResponseMIMETypes": ["application/json"],
                },
                validation_specification=None,
                source_algorithm_specification=None,
                certify_for_marketplace=False,
                tags=None,
                model_approval_status=status,
                metadata_properties=None,
                model_metrics=None,
                client_token=None,
                customer_metadata_properties=None,
                drift_check_baselines=None,
                domain=None,
                task=None,
                sample_payload_url=None,
                additional_inference_specifications=None,
            )
            created[status] += 1
    return {"ok": True, "created": created}
