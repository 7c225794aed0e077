"""Endpoint variants beyond stock moto 5.2.1 (issue 15; each point has a test in tests/test_variants.py).

- ShadowProductionVariants: stock CreateEndpointConfig drops them silently. Kept on the config, validated as AWS
  documents ("you can only specify one variant for ProductionVariants and one variant for
  ShadowProductionVariants"), and answered by DescribeEndpointConfig, DescribeEndpoint and its
  PendingDeploymentSummary. The sampling percentage is the shadow variant's weight over the production variant's
  (a shadow weight of 0.2 beside 1.0 copies 20 % of the requests).
- UpdateEndpointWeightsAndCapacities: stock applies the weights at once, never shows `Updating`, and drops the
  instance count of a variant sent without DesiredInstanceCount. Here the endpoint is `Updating` for the configured
  update seconds with DesiredWeight/DesiredInstanceCount showing the target while CurrentWeight/CurrentInstanceCount
  keep the old values, then `InService` with both equal (lazily, like every other transition: no threads). Fields
  not sent keep their values; an endpoint that is not InService is refused; shadow variants can be re-weighted.
- ServerlessConfig: stock validates MemorySizeInMB only; MaxConcurrency outside 1..200 and instance counts for a
  serverless variant are refused here as AWS does. (Stock already answers Current/DesiredServerlessConfig.)
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse

from . import sagemaker_ext
from .state import STATE, now

_ORIGINAL: dict[str, Any] = {}


def _validate_serverless(variants: list[dict[str, Any]]) -> None:
    for variant in variants:
        serverless = variant.get("ServerlessConfig")
        if not serverless:
            continue
        concurrency = serverless.get("MaxConcurrency")
        if not isinstance(concurrency, int) or not 1 <= concurrency <= 200:
            raise ValidationError(
                message=f"Value '{concurrency}' at 'serverlessConfig.maxConcurrency' failed to satisfy constraint: "
                "Member must have value between 1 and 200"
            )
        if variant.get("InitialInstanceCount") is not None or variant.get("InstanceType"):
            raise ValidationError(message=f"Variant {variant.get('VariantName')} cannot have both ServerlessConfig and an instance type or count.")


def validate_variants(production: list[dict[str, Any]], shadow: list[dict[str, Any]]) -> None:
    """What AWS checks about a config's variants that stock moto does not."""
    names = [v.get("VariantName") for v in [*production, *shadow]]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValidationError(message=f"The variant name(s) {duplicates} must be unique within the endpoint configuration.")
    if shadow and (len(production) != 1 or len(shadow) != 1):
        raise ValidationError(message="With ShadowProductionVariants you can only specify one variant for ProductionVariants and one variant for ShadowProductionVariants.")
    for variant in [*production, *shadow]:
        weight = variant.get("InitialVariantWeight")
        if weight is not None and weight < 0:
            raise ValidationError(message=f"InitialVariantWeight of {variant.get('VariantName')} must be at least 0.")
    if shadow:
        # the same instance-type / serverless checks stock moto applies to production variants
        FakeEndpointConfig.validate_production_variants(FakeEndpointConfig.__new__(FakeEndpointConfig), shadow)
    _validate_serverless([*production, *shadow])


def _resp_create_endpoint_config(self: SageMakerResponse) -> ActionResult:
    production = self._get_param("ProductionVariants") or []
    shadow = self._get_param("ShadowProductionVariants") or []
    validate_variants(production, shadow)
    result = _ORIGINAL["resp.create_endpoint_config"](self)
    config = self.sagemaker_backend.endpoint_configs.get(self._get_param("EndpointConfigName"))
    if config is not None:
        config.podium_shadow_variants = shadow  # type: ignore[attr-defined]
    return result


def _describe_endpoint_config(self: SageMakerModelBackend, endpoint_config_name: str) -> dict[str, Any]:
    # moto's response_object lists every attribute of the config: drop ours, then answer it under AWS's name
    response = {k: v for k, v in _ORIGINAL["describe_endpoint_config"](self, endpoint_config_name).items() if k != "PodiumShadowVariants"}
    config = self.endpoint_configs.get(endpoint_config_name)
    shadow = getattr(config, "podium_shadow_variants", None) if config is not None else None
    if shadow:
        response = {**response, "ShadowProductionVariants": shadow}
    return response


def _variant_map(config: FakeEndpointConfig) -> dict[str, dict[str, Any]]:
    return {v["VariantName"]: v for v in [*config.production_variants, *getattr(config, "podium_shadow_variants", [])]}


def update_endpoint_weights_and_capacities(self: SageMakerModelBackend, endpoint_name: str, desired_weights_and_capacities: list[dict[str, Any]]) -> str:
    with sagemaker_ext._LOCK:
        endpoint = self.endpoints.get(endpoint_name)
        if endpoint is None:
            arn = FakeEndpoint.arn_formatter(endpoint_name, self.account_id, self.region_name)
            raise ValidationError(message=f'Could not find endpoint "{arn}".')
        sagemaker_ext.settle(self, endpoint)
        if endpoint.endpoint_status != "InService":
            raise ValidationError(message=f'Cannot update in-progress endpoint "{endpoint.arn}".' if endpoint.endpoint_status in sagemaker_ext.IN_PROGRESS else f'Endpoint "{endpoint.arn}" is in {endpoint.endpoint_status} status and cannot be updated.')
        config = self.endpoint_configs.get(endpoint.endpoint_config_name)
        variants = _variant_map(config) if config is not None else {}
        desired: dict[str, dict[str, Any]] = {}
        for entry in desired_weights_and_capacities or []:
            name = entry.get("VariantName")
            if name in desired:
                raise ValidationError(message=f'The variant name "{name}" was non-unique within the request.')
            if name not in variants:
                raise ValidationError(message=f'The variant name(s) "{name}" is/are not present within endpoint configuration "{endpoint.endpoint_config_name}".')
            weight, count = entry.get("DesiredWeight"), entry.get("DesiredInstanceCount")
            if weight is None and count is None and not entry.get("ServerlessUpdateConfig"):
                raise ValidationError(message=f"Either DesiredWeight or DesiredInstanceCount must be specified for variant {name}.")
            if weight is not None and weight < 0:
                raise ValidationError(message=f"DesiredWeight of variant {name} must be at least 0.")
            if count is not None and variants[name].get("ServerlessConfig"):
                raise ValidationError(message=f"DesiredInstanceCount is not supported for serverless variant {name}.")
            desired[name] = {k: v for k, v in (("weight", None if weight is None else float(weight)), ("count", count)) if v is not None}
        if not desired:
            raise ValidationError(message="DesiredWeightsAndCapacities must name at least one variant.")
        ext = sagemaker_ext._ext(endpoint)
        with STATE.lock:
            duration = STATE.update_seconds
        ext.phase = "weights"
        ext.start = now()
        ext.duration = duration
        ext.weights_update = {"desired": desired}
        endpoint.endpoint_status = "Updating"
        endpoint.last_modified_time = sagemaker_ext._dt(ext.start)
        if duration <= 0:
            sagemaker_ext.settle(self, endpoint, ext.start)
        return endpoint.arn


def install() -> None:
    """Applies the patches above (after sagemaker_ext.install, from server.install_extensions)."""
    _ORIGINAL["resp.create_endpoint_config"] = SageMakerResponse.create_endpoint_config
    _ORIGINAL["describe_endpoint_config"] = SageMakerModelBackend.describe_endpoint_config
    SageMakerResponse.create_endpoint_config = _resp_create_endpoint_config
    SageMakerModelBackend.describe_endpoint_config = _describe_endpoint_config
    SageMakerModelBackend.update_endpoint_weights_and_capacities = update_endpoint_weights_and_capacities
