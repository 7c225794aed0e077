"""SageMaker gaps in moto 5.2.1 closed in-process (each is named in Emulator/README.md and has a test).

- UpdateEndpoint (stock: HTTP 500) with DeploymentConfig / RetainDeploymentConfig; LastDeploymentConfig.
- Endpoint transitions Creating -> InService, Updating -> InService, computed lazily from timestamps;
  failed updates (Failed, or RollingBack -> InService on the old config), alarm-driven auto-rollback.
- DescribeEndpoint: DeployedImages, PendingDeploymentSummary.
- Duplicate CreateEndpoint / CreateEndpointConfig / CreateModel -> ValidationException (stock: overwrite).
- AddTags / ListTags / DeleteTags on model-package ARNs (stock: 500); tags replace by key.
- UpdateModelPackage keeps fields it was not sent, records LastModifiedTime/LastModifiedBy (stock: wipes).
- DeleteModelPackage (stock: 500); versions are never reused after a delete.
- DescribeModelPackage / ListModelPackages / CreateModel accept another account's ARN (cross-account registry).

Answers stock moto gives that a real client must tolerate are left as they are, never smoothed over: versioned
DescribeModelPackage omits ModelPackageName; DescribeEndpoint / DescribeEndpointConfig / DescribeModel send
"DataCaptureConfig": {} and "VpcConfig": {} when unset.
"""

from __future__ import annotations

import copy
import hashlib
import re
import threading
from datetime import datetime, timezone
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.sagemaker import models as sm_models
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, ModelPackage, SageMakerModelBackend, sagemaker_backends
from moto.sagemaker.responses import SageMakerResponse
from moto.sagemaker.utils import arn_formatter

from .state import STATE, now

_LOCK = threading.RLock()
ARN_RE = re.compile(r"^arn:(?P<partition>[\w-]+):sagemaker:(?P<region>[\w-]+):(?P<account>\d{12}):(?P<type>[\w-]+)/(?P<rest>.+)$")
IN_PROGRESS = {"Creating", "Updating", "RollingBack", "SystemUpdating", "Deleting"}
MAX_APPROVAL_DESCRIPTION = 1024


def _dt(ts: float) -> datetime:
    # moto keeps naive UTC datetimes (utcnow()); stay consistent with it.
    return datetime.fromtimestamp(ts, tz=timezone.utc).replace(tzinfo=None)


# MARK: - endpoint state


class EndpointExt:
    """Podium's extra state for one endpoint: the transition in progress and the last deployment config."""

    def __init__(self) -> None:
        self.phase: str | None = None  # "creating" | "updating" | "rollingback"
        self.start = 0.0
        self.duration = 0.0
        self.pending_config: str | None = None
        self.pending_deployment_config: dict[str, Any] | None = None
        self.failure: Any = None  # state.PendingFailure
        self.rollback_reason: str | None = None
        self.rollback_start = 0.0
        self.last_deployment_config: dict[str, Any] | None = None
        self.deployed_at = now()
        # UpdateEndpointWeightsAndCapacities (variants_ext): per-variant current {"weight", "count"} that differ
        # from the config's initial values, and the weights update in progress ({"desired": {...}}).
        self.runtime: dict[str, dict[str, Any]] = {}
        self.weights_update: dict[str, Any] | None = None


def _ext(endpoint: FakeEndpoint) -> EndpointExt:
    ext = getattr(endpoint, "podium_ext", None)
    if ext is None:
        ext = EndpointExt()
        endpoint.podium_ext = ext  # type: ignore[attr-defined]
    return ext


def _alarm_in_alarm(backend: SageMakerModelBackend, deployment_config: dict[str, Any] | None) -> str | None:
    alarms = ((deployment_config or {}).get("AutoRollbackConfiguration") or {}).get("Alarms") or []
    if not alarms:
        return None
    from moto.cloudwatch.models import cloudwatch_backends

    cw = cloudwatch_backends[backend.account_id][backend.region_name]
    for alarm in alarms:
        name = alarm.get("AlarmName")
        found = cw.alarms.get(name)
        if found is not None and found.state_value == "ALARM":
            return name
    return None


def settle(backend: SageMakerModelBackend, endpoint: FakeEndpoint, at: float | None = None) -> None:
    """Moves the endpoint along its transition to where it should be at time `at` (lazy, no threads)."""
    with _LOCK:
        t = now() if at is None else at
        ext = _ext(endpoint)
        if ext.phase == "creating":
            if t >= ext.start + ext.duration:
                endpoint.endpoint_status = "InService"
                endpoint.last_modified_time = _dt(ext.start + ext.duration)
                ext.phase = None
            return
        if ext.phase == "weights":
            if t >= ext.start + ext.duration:
                for name, desired in (ext.weights_update or {}).get("desired", {}).items():
                    ext.runtime.setdefault(name, {}).update(desired)
                endpoint.endpoint_status = "InService"
                endpoint.last_modified_time = _dt(ext.start + ext.duration)
                ext.phase = None
                ext.weights_update = None
            return
        if ext.phase == "updating":
            end = ext.start + ext.duration
            alarm = _alarm_in_alarm(backend, ext.pending_deployment_config)
            if alarm is not None:
                reason = f"Update was rolled back because alarm {alarm} was in ALARM state during deployment."
                _begin_rollback(endpoint, ext, min(t, end), reason)
            elif t >= end:
                failure = ext.failure
                if failure is None:
                    _complete_update(backend, endpoint, ext, end)
                elif failure.mode == "failed":
                    endpoint.endpoint_status = "Failed"
                    endpoint.failure_reason = failure.reason
                    endpoint.last_modified_time = _dt(end)
                    ext.phase = None
                    ext.pending_config = None
                else:
                    _begin_rollback(endpoint, ext, end, failure.reason)
        if ext.phase == "rollingback":
            done = ext.rollback_start + ext.duration
            if t >= done:
                endpoint.endpoint_status = "InService"
                endpoint.last_modified_time = _dt(done)
                ext.phase = None
                ext.pending_config = None
                ext.pending_deployment_config = None


def _begin_rollback(endpoint: FakeEndpoint, ext: EndpointExt, at: float, reason: str) -> None:
    endpoint.endpoint_status = "RollingBack"
    endpoint.failure_reason = reason
    endpoint.last_modified_time = _dt(at)
    ext.phase = "rollingback"
    ext.rollback_start = at
    ext.rollback_reason = reason


def _complete_update(backend: SageMakerModelBackend, endpoint: FakeEndpoint, ext: EndpointExt, at: float) -> None:
    config = backend.endpoint_configs.get(ext.pending_config or "")
    if config is not None:
        endpoint.endpoint_config_name = config.endpoint_config_name
        endpoint.production_variants = endpoint._process_production_variants(config.production_variants)
        endpoint.data_capture_config = config.data_capture_config
    endpoint.endpoint_status = "InService"
    endpoint.failure_reason = None
    endpoint.last_modified_time = _dt(at)
    ext.runtime = {}  # a new config starts from its own initial weights and counts
    if ext.pending_deployment_config is not None:
        ext.last_deployment_config = ext.pending_deployment_config
    ext.deployed_at = at
    ext.phase = None
    ext.pending_config = None
    ext.pending_deployment_config = None


# MARK: - model package lookup (cross-account)


def _backend_for_arn(default: SageMakerModelBackend, name_or_arn: str) -> SageMakerModelBackend:
    match = ARN_RE.match(name_or_arn or "")
    if not match:
        return default
    if match["account"] == default.account_id and match["region"] == default.region_name:
        return default
    return sagemaker_backends[match["account"]][match["region"]]


def find_model_package(default: SageMakerModelBackend, name_or_arn: str) -> ModelPackage | None:
    backend = _backend_for_arn(default, name_or_arn)
    key = backend.model_package_name_mapping.get(name_or_arn, name_or_arn)
    package = backend.model_packages.get(key)
    if package is None and ARN_RE.match(name_or_arn or ""):
        lowered = name_or_arn.lower()
        for arn, candidate in backend.model_packages.items():
            if arn.lower() == lowered:
                return candidate
    return package


def _require_package(backend: SageMakerModelBackend, name_or_arn: str) -> ModelPackage:
    package = find_model_package(backend, name_or_arn)
    if package is None:
        raise ValidationError(message=f"Model package {name_or_arn} not found")
    return package


def _image_for_model(backend: SageMakerModelBackend, model_name: str) -> str | None:
    model = backend._models.get(model_name)
    if model is None:
        return None
    containers = [model.primary_container] if model.primary_container else list(model.containers or [])
    for container in containers:
        if not container:
            continue
        if container.get("Image"):
            return container["Image"]
        if container.get("ModelPackageName"):
            package = find_model_package(backend, container["ModelPackageName"])
            spec = (package.inference_specification or {}) if package else {}
            for pc in spec.get("Containers") or []:
                if pc.get("Image"):
                    return pc["Image"]
    return None


def _deployed_images(backend: SageMakerModelBackend, model_name: str | None, at: float) -> list[dict[str, Any]]:
    image = _image_for_model(backend, model_name or "")
    if not image:
        return []
    repo = image.split("@", 1)[0].rsplit(":", 1)[0] if "/" in image or ":" in image else image
    digest = hashlib.sha256(image.encode()).hexdigest()
    return [{"SpecifiedImage": image, "ResolvedImage": f"{repo}@sha256:{digest}", "ResolutionTime": _dt(at)}]


def _variant_summaries(
    backend: SageMakerModelBackend,
    config: FakeEndpointConfig | None,
    at: float,
    pending: bool,
    status: str,
    ext: EndpointExt | None = None,
    shadow: bool = False,
) -> list[dict[str, Any]]:
    """ProductionVariantSummary (or the pending kind) for each variant of the config; `shadow` picks
    ShadowProductionVariants (kept by variants_ext). `ext` carries weights and counts changed by
    UpdateEndpointWeightsAndCapacities: current values, and the desired ones while that update runs."""
    if config is None:
        return []
    variants = getattr(config, "podium_shadow_variants", []) if shadow else config.production_variants
    runtime = ext.runtime if ext is not None and not pending else {}
    desired_update = ((ext.weights_update or {}).get("desired", {}) if ext is not None and not pending else {})
    out = []
    for variant in variants:
        name = variant["VariantName"]
        count = runtime.get(name, {}).get("count", variant.get("InitialInstanceCount"))
        weight = float(variant.get("InitialVariantWeight", 1.0) if variant.get("InitialVariantWeight") is not None else 1.0)
        weight = float(runtime.get(name, {}).get("weight", weight))
        desired = desired_update.get(name, {})
        summary: dict[str, Any] = {
            "VariantName": name,
            "DeployedImages": _deployed_images(backend, variant.get("ModelName"), at),
            "CurrentWeight": weight,
            "DesiredWeight": float(desired.get("weight", weight)),
        }
        if count is not None:
            summary["CurrentInstanceCount"] = 0 if status == "Creating" or pending else count
            summary["DesiredInstanceCount"] = desired.get("count", count)
        if variant.get("ServerlessConfig"):
            summary["CurrentServerlessConfig"] = variant["ServerlessConfig"]
            summary["DesiredServerlessConfig"] = variant["ServerlessConfig"]
        if pending:
            summary["InstanceType"] = variant.get("InstanceType")
            summary["VariantStatus"] = [{"Status": "Creating", "StartTime": _dt(at)}]
        elif status == "Creating":
            summary["VariantStatus"] = [{"Status": "Creating", "StartTime": _dt(at)}]
        out.append(summary)
    return out


def describe_endpoint_dict(backend: SageMakerModelBackend, endpoint: FakeEndpoint) -> dict[str, Any]:
    settle(backend, endpoint)
    ext = _ext(endpoint)
    config = backend.endpoint_configs.get(endpoint.endpoint_config_name)
    result: dict[str, Any] = {
        "EndpointName": endpoint.endpoint_name,
        "EndpointArn": endpoint.arn,
        "EndpointConfigName": endpoint.endpoint_config_name,
        "ProductionVariants": _variant_summaries(backend, config, ext.deployed_at, False, endpoint.endpoint_status, ext),
        "EndpointStatus": endpoint.endpoint_status,
        "CreationTime": endpoint.creation_time,
        "LastModifiedTime": endpoint.last_modified_time,
    }
    if config is not None and getattr(config, "podium_shadow_variants", None):
        result["ShadowProductionVariants"] = _variant_summaries(backend, config, ext.deployed_at, False, endpoint.endpoint_status, ext, shadow=True)
    if endpoint.data_capture_config is not None:
        # as stock moto: `{}` when unset (real SageMaker omits it); clients must tolerate both
        result["DataCaptureConfig"] = endpoint.data_capture_config
    if endpoint.failure_reason:
        result["FailureReason"] = endpoint.failure_reason
    if ext.last_deployment_config is not None:
        result["LastDeploymentConfig"] = ext.last_deployment_config
    if ext.phase in ("updating", "rollingback") and ext.pending_config:
        pending = backend.endpoint_configs.get(ext.pending_config)
        result["PendingDeploymentSummary"] = {
            "EndpointConfigName": ext.pending_config,
            "ProductionVariants": _variant_summaries(backend, pending, ext.start, True, "Updating"),
            "StartTime": _dt(ext.start),
        }
        if pending is not None and getattr(pending, "podium_shadow_variants", None):
            result["PendingDeploymentSummary"]["ShadowProductionVariants"] = _variant_summaries(backend, pending, ext.start, True, "Updating", shadow=True)
    return result


# MARK: - validation


def _validate_deployment_config(config: dict[str, Any] | None) -> None:
    if config is None:
        return
    blue_green = config.get("BlueGreenUpdatePolicy")
    rolling = config.get("RollingUpdatePolicy")
    if blue_green and rolling:
        raise ValidationError(message="DeploymentConfig may contain BlueGreenUpdatePolicy or RollingUpdatePolicy, not both.")
    if blue_green:
        routing = blue_green.get("TrafficRoutingConfiguration")
        if not routing:
            raise ValidationError(message="BlueGreenUpdatePolicy.TrafficRoutingConfiguration is required.")
        kind = routing.get("Type")
        if kind not in ("ALL_AT_ONCE", "CANARY", "LINEAR"):
            raise ValidationError(
                message=f"Value '{kind}' at 'deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration.type' "
                "failed to satisfy constraint: Member must satisfy enum value set: [ALL_AT_ONCE, CANARY, LINEAR]"
            )
        wait = routing.get("WaitIntervalInSeconds")
        if not isinstance(wait, int) or not 0 <= wait <= 3600:
            raise ValidationError(message="TrafficRoutingConfiguration.WaitIntervalInSeconds must be between 0 and 3600.")
        size_key = {"CANARY": "CanarySize", "LINEAR": "LinearStepSize"}.get(kind)
        if size_key:
            size = routing.get(size_key)
            if not size or size.get("Type") not in ("INSTANCE_COUNT", "CAPACITY_PERCENT") or not isinstance(size.get("Value"), int) or size["Value"] < 1:
                raise ValidationError(message=f"{size_key} with Type INSTANCE_COUNT or CAPACITY_PERCENT and a positive Value is required for {kind} traffic routing.")
            if size["Type"] == "CAPACITY_PERCENT" and size["Value"] > 100:
                raise ValidationError(message=f"{size_key}.Value must be at most 100 for CAPACITY_PERCENT.")
    if rolling:
        batch = rolling.get("MaximumBatchSize")
        if not batch or batch.get("Type") not in ("INSTANCE_COUNT", "CAPACITY_PERCENT"):
            raise ValidationError(message="RollingUpdatePolicy.MaximumBatchSize is required.")
        if not isinstance(rolling.get("WaitIntervalInSeconds"), int):
            raise ValidationError(message="RollingUpdatePolicy.WaitIntervalInSeconds is required.")
    alarms = (config.get("AutoRollbackConfiguration") or {}).get("Alarms")
    if alarms is not None and (not isinstance(alarms, list) or len(alarms) > 10 or any(not a.get("AlarmName") for a in alarms)):
        raise ValidationError(message="AutoRollbackConfiguration.Alarms must list 1 to 10 alarms, each with an AlarmName.")


# MARK: - backend patches


def _create_endpoint(self: SageMakerModelBackend, endpoint_name: str, endpoint_config_name: str, tags: list[dict[str, str]]) -> FakeEndpoint:
    with _LOCK:
        if endpoint_name in self.endpoints:
            arn = FakeEndpoint.arn_formatter(endpoint_name, self.account_id, self.region_name)
            raise ValidationError(message=f'Cannot create already existing endpoint "{arn}".')
        endpoint = _ORIGINAL["create_endpoint"](self, endpoint_name, endpoint_config_name, tags)
        ext = _ext(endpoint)
        with STATE.lock:
            duration = STATE.create_seconds
        ext.start = now()
        ext.deployed_at = ext.start
        if duration > 0:
            endpoint.endpoint_status = "Creating"
            ext.phase = "creating"
            ext.duration = duration
        return endpoint


def _create_endpoint_config(self: SageMakerModelBackend, endpoint_config_name: str, *args: Any, **kwargs: Any) -> FakeEndpointConfig:
    if endpoint_config_name in self.endpoint_configs:
        arn = FakeEndpointConfig.arn_formatter(endpoint_config_name, self.account_id, self.region_name)
        raise ValidationError(message=f'Cannot create already existing endpoint configuration "{arn}".')
    return _ORIGINAL["create_endpoint_config"](self, endpoint_config_name, *args, **kwargs)


def _create_model(self: SageMakerModelBackend, model_name: str, *args: Any, **kwargs: Any) -> Any:
    if model_name in self._models:
        arn = arn_formatter("model", model_name, self.account_id, self.region_name)
        raise ValidationError(message=f'Cannot create already existing model "{arn}".')
    primary = kwargs.get("primary_container") if "primary_container" in kwargs else (args[1] if len(args) > 1 else None)
    containers = kwargs.get("containers") or []
    for container in [primary, *containers]:
        if container and container.get("ModelPackageName"):
            _require_package(self, container["ModelPackageName"])
    return _ORIGINAL["create_model"](self, model_name, *args, **kwargs)


def _describe_endpoint(self: SageMakerModelBackend, endpoint_name: str) -> dict[str, Any]:
    endpoint = self.endpoints.get(endpoint_name)
    if endpoint is None:
        arn = FakeEndpoint.arn_formatter(endpoint_name, self.account_id, self.region_name)
        raise ValidationError(message=f'Could not find endpoint "{arn}".')
    return describe_endpoint_dict(self, endpoint)


def _list_endpoints(self: SageMakerModelBackend, *args: Any, **kwargs: Any) -> Any:
    for endpoint in list(self.endpoints.values()):
        settle(self, endpoint)
    return _ORIGINAL["list_endpoints"](self, *args, **kwargs)


def update_endpoint(
    self: SageMakerModelBackend,
    endpoint_name: str,
    endpoint_config_name: str,
    deployment_config: dict[str, Any] | None,
    retain_deployment_config: bool,
) -> FakeEndpoint:
    with _LOCK:
        endpoint = self.endpoints.get(endpoint_name)
        if endpoint is None:
            arn = FakeEndpoint.arn_formatter(endpoint_name, self.account_id, self.region_name)
            raise ValidationError(message=f'Could not find endpoint "{arn}".')
        settle(self, endpoint)
        if endpoint.endpoint_status in IN_PROGRESS:
            raise ValidationError(message=f'Cannot update in-progress endpoint "{endpoint.arn}".')
        if endpoint_config_name not in self.endpoint_configs:
            arn = FakeEndpointConfig.arn_formatter(endpoint_config_name, self.account_id, self.region_name)
            raise ValidationError(message=f'Could not find endpoint configuration "{arn}".')
        _validate_deployment_config(deployment_config)
        ext = _ext(endpoint)
        if deployment_config is None and retain_deployment_config:
            deployment_config = copy.deepcopy(ext.last_deployment_config)
        with STATE.lock:
            duration = STATE.update_seconds
        ext.phase = "updating"
        ext.start = now()
        ext.duration = duration
        ext.pending_config = endpoint_config_name
        ext.pending_deployment_config = deployment_config
        if deployment_config is None and not retain_deployment_config:
            ext.last_deployment_config = None
        ext.failure = STATE.take_pending_failure(endpoint_name, self.account_id, self.region_name)
        endpoint.endpoint_status = "Updating"
        endpoint.failure_reason = None
        endpoint.last_modified_time = _dt(ext.start)
        if duration <= 0:
            settle(self, endpoint, ext.start)
        return endpoint


def _get_resource_from_arn(self: SageMakerModelBackend, arn: str) -> Any:
    match = ARN_RE.match(arn or "")
    if match and match["type"] == "model-package":
        package = find_model_package(self, arn)
        if package is None:
            raise ValidationError(message=f"Could not find model-package with ARN {arn}")
        if package.tags is None:
            package.tags = []
        return package
    try:
        resource = _ORIGINAL["_get_resource_from_arn"](self, arn)
    except (ValueError, AttributeError):
        resource = None
    if resource is None:
        raise ValidationError(message=f"Could not find resource with ARN {arn}")
    if getattr(resource, "tags", None) is None:
        resource.tags = []
    return resource


def _add_tags(self: SageMakerModelBackend, arn: str, tags: list[dict[str, str]]) -> list[dict[str, str]]:
    resource = self._get_resource_from_arn(arn)
    merged = {t["Key"]: t for t in resource.tags}
    for tag in tags or []:
        merged[tag["Key"]] = {"Key": tag["Key"], "Value": tag.get("Value", "")}
    if len(merged) > 50:
        raise ValidationError(message="A resource can have at most 50 tags.")
    resource.tags[:] = list(merged.values())
    return resource.tags


def _describe_model_package(self: SageMakerModelBackend, model_package_name: str) -> ModelPackage:
    return _require_package(self, model_package_name)


def _next_version(backend: SageMakerModelBackend, group: str) -> int:
    counters = backend.__dict__.setdefault("podium_versions", {})
    existing = [p.model_package_version or 0 for p in backend.model_packages.values() if p.model_package_group_name == group]
    version = max([counters.get(group, 0), *existing]) + 1
    counters[group] = version
    return version


def _create_model_package(self: SageMakerModelBackend, **kwargs: Any) -> str:
    group = kwargs.get("model_package_group_name")
    if not group or kwargs.get("model_package_name"):
        return _ORIGINAL["create_model_package"](self, **kwargs)
    if group not in self.model_package_groups:
        raise ValidationError(message=f"Model Package Group {group} does not exist.")
    package = ModelPackage(
        model_package_name=group,
        model_package_group_name=group,
        model_package_description=kwargs.get("model_package_description"),
        inference_specification=kwargs.get("inference_specification"),
        validation_specification=kwargs.get("validation_specification"),
        source_algorithm_specification=kwargs.get("source_algorithm_specification"),
        certify_for_marketplace=kwargs.get("certify_for_marketplace", False),
        tags=kwargs.get("tags") or [],
        model_approval_status=kwargs.get("model_approval_status"),
        metadata_properties=kwargs.get("metadata_properties"),
        model_metrics=kwargs.get("model_metrics"),
        customer_metadata_properties=kwargs.get("customer_metadata_properties"),
        drift_check_baselines=kwargs.get("drift_check_baselines"),
        domain=kwargs.get("domain"),
        task=kwargs.get("task"),
        sample_payload_url=kwargs.get("sample_payload_url"),
        additional_inference_specifications=kwargs.get("additional_inference_specifications"),
        model_package_version=_next_version(self, group),
        approval_description=None,
        region_name=self.region_name,
        account_id=self.account_id,
        client_token=kwargs.get("client_token"),
        model_package_type="Versioned",
    )
    if package.model_approval_status is None:
        package.model_approval_status = "PendingManualApproval"
    self.model_package_name_mapping[package.model_package_name] = package.arn
    self.model_package_name_mapping[package.arn] = package.arn
    self.model_packages[package.arn] = package
    return package.arn


def delete_model_package(self: SageMakerModelBackend, model_package_name: str) -> None:
    package = _require_package(self, model_package_name)
    backend = _backend_for_arn(self, package.arn)
    backend.model_packages.pop(package.arn, None)
    for key, value in list(backend.model_package_name_mapping.items()):
        if value == package.arn:
            del backend.model_package_name_mapping[key]
    # the group's name should map to its newest remaining version, as after a create
    group = package.model_package_group_name
    if group:
        remaining = [p for p in backend.model_packages.values() if p.model_package_group_name == group]
        if remaining:
            newest = max(remaining, key=lambda p: p.model_package_version or 0)
            backend.model_package_name_mapping[group] = newest.arn


# MARK: - response patches (the HTTP layer: caller identity and parameters)


def _caller(response: SageMakerResponse) -> dict[str, Any]:
    from moto.sts.models import sts_backends
    from moto.utilities.utils import get_partition

    try:
        backend = sts_backends[response.current_account][get_partition(response.region)]
        user_id, arn, _account = backend.get_caller_identity(response.get_access_key(), response.region)
    except Exception:
        user_id, arn = "AIDAPODIUMEMULATOR", f"arn:aws:iam::{response.current_account}:root"
    return {"IamIdentity": {"Arn": arn, "PrincipalId": user_id}}


def _resp_update_endpoint(self: SageMakerResponse) -> ActionResult:
    endpoint = update_endpoint(
        self.sagemaker_backend,
        endpoint_name=self._get_param("EndpointName"),
        endpoint_config_name=self._get_param("EndpointConfigName"),
        deployment_config=self._get_param("DeploymentConfig"),
        retain_deployment_config=bool(self._get_param("RetainDeploymentConfig", False)),
    )
    return ActionResult({"EndpointArn": endpoint.arn})


def _resp_delete_model_package(self: SageMakerResponse) -> ActionResult:
    delete_model_package(self.sagemaker_backend, self._get_param("ModelPackageName"))
    return EmptyResult()


def _resp_update_model_package(self: SageMakerResponse) -> ActionResult:
    arn = self._get_param("ModelPackageArn")
    package = _require_package(self.sagemaker_backend, arn)
    status = self._get_param("ModelApprovalStatus")
    description = self._get_param("ApprovalDescription")
    properties = self._get_param("CustomerMetadataProperties")
    to_remove = self._get_param("CustomerMetadataPropertiesToRemove") or []
    additional = self._get_param("AdditionalInferenceSpecificationsToAdd")
    if description is not None and len(description) > MAX_APPROVAL_DESCRIPTION:
        raise ValidationError(
            message=f"1 validation error detected: Value at 'approvalDescription' failed to satisfy constraint: "
            f"Member must have length less than or equal to {MAX_APPROVAL_DESCRIPTION}"
        )
    with _LOCK:
        if status is not None:
            package.set_model_approval_status(status)
        if description is not None:
            package.approval_description = description
        if properties:
            merged = dict(package.customer_metadata_properties or {})
            merged.update(properties)
            package.customer_metadata_properties = merged
        if to_remove and package.customer_metadata_properties:
            for key in to_remove:
                package.customer_metadata_properties.pop(key, None)
        if additional:
            package.add_additional_inference_specifications(additional)
        package.last_modified_time = utcnow()
        package.last_modified_by = _caller(self)
    return ActionResult({"ModelPackageArn": package.arn})


def _resp_list_model_packages(self: SageMakerResponse) -> ActionResult:
    """ListModelPackages with another account's group ARN lists that account's registry."""
    group = self._get_param("ModelPackageGroupName")
    target = _backend_for_arn(self.sagemaker_backend, group) if group else None
    if target is None or target is self.sagemaker_backend:
        return _ORIGINAL["resp.list_model_packages"](self)
    self.__dict__["_podium_backend"] = target
    try:
        return _ORIGINAL["resp.list_model_packages"](self)
    finally:
        self.__dict__.pop("_podium_backend", None)


def _sagemaker_backend(self: SageMakerResponse) -> SageMakerModelBackend:
    override = self.__dict__.get("_podium_backend")
    if override is not None:
        return override
    return sagemaker_backends[self.current_account][self.region]


_ORIGINAL: dict[str, Any] = {}


def install() -> None:
    """Applies every patch above to moto's classes (idempotent per process via server.install_extensions)."""
    B = SageMakerModelBackend
    for name in ("create_endpoint", "create_endpoint_config", "create_model", "list_endpoints", "_get_resource_from_arn", "create_model_package"):
        _ORIGINAL[name] = getattr(B, name)
    _ORIGINAL["resp.list_model_packages"] = SageMakerResponse.list_model_packages

    B.create_endpoint = _create_endpoint
    B.create_endpoint_config = _create_endpoint_config
    B.create_model = _create_model
    B.describe_endpoint = _describe_endpoint
    B.list_endpoints = _list_endpoints
    B._get_resource_from_arn = _get_resource_from_arn
    B.add_tags = _add_tags
    B.describe_model_package = _describe_model_package
    B.create_model_package = _create_model_package
    B.update_endpoint = update_endpoint
    B.delete_model_package = delete_model_package

    SageMakerResponse.sagemaker_backend = property(_sagemaker_backend)
    SageMakerResponse.update_endpoint = _resp_update_endpoint
    SageMakerResponse.delete_model_package = _resp_delete_model_package
    SageMakerResponse.update_model_package = _resp_update_model_package
    SageMakerResponse.list_model_packages = _resp_list_model_packages
    sm_models.PODIUM_PATCHED = True  # type: ignore[attr-defined]
