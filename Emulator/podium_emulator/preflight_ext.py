"""`POST /_podium/preflight` and `POST /_podium/stacks`: seed what promotion preflight checks and stack-owned endpoints.

Preflight reads real moto state (ECR DescribeImages, S3 HeadObject, KMS DescribeKey, IAM GetRole); this only
creates it quickly, through the same moto backend methods the API handlers call, for tests without boto3 (Swift):

    {"account": "111111111111", "region": "us-east-1",
     "images": [{"repository": "churn", "tag": "v3"}],
     "objects": [{"bucket": "podium-models-111111111111-us-east-1", "key": "churn/v3/model.tar.gz"}],
     "kms_keys": [{"alias": "alias/podium-endpoints", "enabled": true}],
     "roles": [{"name": "sagemaker-exec", "trusts": "sagemaker.amazonaws.com"}]}

answers {"images": [{"repository", "tag", "digest", "uri"}], "objects": [...], "kms_keys": [{"alias", "key_id", "arn",
"enabled"}], "roles": [{"name", "arn", "trusts"}]}. Existing repositories, buckets, aliases and roles are reused.

`POST /_podium/stacks` {"account", "region", "stack", "endpoint", "model_package_arn", "role_arn",
"instance_type"?, "instance_count"?, "parameter"?} creates a stack from templates.sagemaker_template (as if `cdk
deploy` had run once) and answers {"stack_id", "endpoint_arn", "status"}.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from . import iam_ext


def _account_region(body: dict[str, Any]) -> tuple[str, str]:
    account, region = str(body.get("account") or ""), str(body.get("region") or "")
    if not (account.isdigit() and len(account) == 12):
        raise ValueError("account must be a 12-digit account id")
    if not region:
        raise ValueError("region is required")
    return account, region


def _list(body: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = body.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"{key} must be a list of objects")
    return items


def image_manifest(repository: str, tag: str) -> str:
    """A small, valid Docker v2 manifest; its sha256 is the digest ECR reports (the same in every account)."""
    config_digest = "sha256:" + hashlib.sha256(f"{repository}:{tag}:config".encode()).hexdigest()
    layer_digest = "sha256:" + hashlib.sha256(f"{repository}:{tag}:layer".encode()).hexdigest()
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1469, "digest": config_digest},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 31_457_280, "digest": layer_digest}],
    }, separators=(",", ":"))


def seed(body: dict[str, Any]) -> dict[str, Any]:
    from moto.ecr.models import ecr_backends
    from moto.iam.models import iam_backends
    from moto.kms.models import kms_backends
    from moto.s3.models import s3_backends

    account, region = _account_region(body)
    unknown = set(body) - {"account", "region", "images", "objects", "kms_keys", "roles"}
    if unknown:
        raise ValueError(f"unknown preflight keys: {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {"images": [], "objects": [], "kms_keys": [], "roles": []}
    ecr = ecr_backends[account][region]
    for item in _list(body, "images"):
        repository, tag = item.get("repository"), item.get("tag")
        if not isinstance(repository, str) or not repository or not isinstance(tag, str) or not tag:
            raise ValueError("each image needs repository and tag")
        if repository not in ecr.repositories:
            ecr.create_repository(repository_name=repository, registry_id=None, encryption_config={"encryptionType": "AES256"},
                                  image_scan_config={"scanOnPush": False}, image_tag_mutability="IMMUTABLE", tags=[])
        manifest = image_manifest(repository, tag)
        existing = [i for i in ecr.repositories[repository].images if tag in (i.image_tags or [])]
        image = existing[0] if existing else ecr.put_image(repository, manifest, tag)
        out["images"].append({"repository": repository, "tag": tag, "digest": image.image_digest,
                              "uri": f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"})
    s3 = s3_backends[account]["aws"]
    for item in _list(body, "objects"):
        bucket, key = item.get("bucket"), item.get("key")
        if not isinstance(bucket, str) or not bucket or not isinstance(key, str) or not key:
            raise ValueError("each object needs bucket and key")
        try:
            s3.get_bucket(bucket)
        except Exception:
            s3.create_bucket(bucket, region)
        data = item.get("body", f"model artefact {bucket}/{key}").encode()
        s3.put_object(bucket, key, data)
        out["objects"].append({"bucket": bucket, "key": key, "uri": f"s3://{bucket}/{key}", "size": len(data)})
    kms = kms_backends[account][region]
    for item in _list(body, "kms_keys"):
        alias = item.get("alias")
        if not isinstance(alias, str) or not alias.startswith("alias/"):
            raise ValueError("each kms key needs an alias starting with alias/")
        enabled = item.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ValueError("kms key enabled must be true or false")
        key_id = next((k.id for k in kms.keys.values() if alias in k.aliases), None)
        if key_id is None:
            key = kms.create_key(policy=None, key_usage="ENCRYPT_DECRYPT", key_spec="SYMMETRIC_DEFAULT",
                                 description=f"podium emulator key {alias}", tags=None)
            key_id = key.id
            kms.create_alias(key_id, alias)
        (kms.enable_key if enabled else kms.disable_key)(key_id)
        key = kms.keys[key_id]
        out["kms_keys"].append({"alias": alias, "key_id": key_id, "arn": key.arn, "enabled": enabled, "state": key.key_state})
    for item in _list(body, "roles"):
        name, trusts = item.get("name"), item.get("trusts", "sagemaker.amazonaws.com")
        if not isinstance(name, str) or not name or not isinstance(trusts, str) or not trusts:
            raise ValueError("each role needs a name and the service it trusts")
        iam = iam_backends[account]["aws"]
        existing = next((r for r in iam.roles.values() if r.name == name), None)
        if existing is None:
            arn = iam_ext.create_role({"name": name, "account": account, "trust_policy": {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": trusts}, "Action": "sts:AssumeRole"}],
            }})["arn"]
        else:
            arn = existing.arn
        out["roles"].append({"name": name, "arn": arn, "trusts": trusts})
    return out


def create_stack(body: dict[str, Any]) -> dict[str, Any]:
    from moto.cloudformation.models import cloudformation_backends

    from .templates import sagemaker_template

    account, region = _account_region(body)
    for key in ("stack", "endpoint", "model_package_arn", "role_arn"):
        if not isinstance(body.get(key), str) or not body[key]:
            raise ValueError(f"{key} is required")
    parameter = body.get("parameter") or "ModelPackageArn"
    template = sagemaker_template(body["endpoint"], body["role_arn"], instance_type=body.get("instance_type") or "ml.m5.large",
                                  instance_count=int(body.get("instance_count") or 1), parameter=parameter)
    backend = cloudformation_backends[account][region]
    try:
        stack = backend.create_stack(name=body["stack"], template=template, parameters={parameter: body["model_package_arn"]})
    except Exception as error:
        raise ValueError(f"CreateStack failed: {getattr(error, 'message', None) or error}")
    endpoint = next((r for r in stack.stack_resources if getattr(r, "logical_resource_id", None) == "Endpoint"), None)
    return {"stack_id": stack.stack_id, "status": stack.status, "endpoint_arn": getattr(endpoint, "arn", None)}
