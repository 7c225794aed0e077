"""CloudFormation for SageMaker stacks, closer to AWS than moto 5.2.1 (each gap is named in Emulator/README.md).

Stock moto creates and updates stacks synchronously inside the API call and:
- ignores `ModelName` / `EndpointConfigName` / `EndpointName` on AWS::SageMaker::* (names are generated);
- on update replaces only the resource whose text changed: a new model package ARN replaces the Model, but the
  EndpointConfig keeps naming the deleted model and the Endpoint is deleted and re-created;
- records only stack-level events (no per-resource events, no reasons, no physical ids);
- has no CancelUpdateStack, no rollback, no DescribeStackResources by PhysicalResourceId, and reports each
  resource's status as the stack's;
- tags nothing it creates with `aws:cloudformation:*` (AWS tags every taggable resource it creates);
- has no drift detection (DetectStackDrift, DescribeStackDriftDetectionStatus, DescribeStackResourceDrifts,
  DescribeStacks' DriftInformation). Here the SageMaker resources are checked: an Endpoint whose config is not the
  stack's (someone called UpdateEndpoint directly) is MODIFIED, a deleted Model/EndpointConfig/Endpoint DELETED;
  detection completes inside the call.

Here an update is a sequence of steps, as in AWS: resources in dependency order, each compared on its *resolved*
properties (so a replaced Model changes the EndpointConfig's ModelName and the EndpointConfig is replaced too),
replacement first (UPDATE_IN_PROGRESS "Requested update requires the creation of a new physical resource"), the
Endpoint updated in place through UpdateEndpoint and followed to InService, then UPDATE_COMPLETE_CLEANUP_IN_PROGRESS
deleting the old physical resources. A failed endpoint update (the `/_podium/endpoint-failure` knob, or an alarm)
or CancelUpdateStack rolls back: the endpoint is updated back to its old config, the new resources are deleted,
and the stack ends in UPDATE_ROLLBACK_COMPLETE. Each step waits `stack_step_seconds` (control API / env
PODIUM_EMU_STACK_STEP_SECONDS) so UPDATE_IN_PROGRESS can be observed; with 0 and instant endpoint updates the
whole update runs inside the UpdateStack call, as stock moto does.
"""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid
from typing import Any

from moto.cloudformation import parsing as cfn_parsing
from moto.cloudformation.exceptions import ValidationError
from moto.cloudformation.models import CloudFormationBackend, Event, Stack, cloudformation_backends
from moto.cloudformation.parsing import OutputMap, ResourceMap, clean_json, generate_resource_name, get_references_from_template
from moto.cloudformation.responses import CloudFormationResponse, StackResourceDTO
from moto.core.responses import ActionResult, EmptyResult
from moto.sagemaker.models import FakeEndpoint, FakeEndpointConfig, Model, sagemaker_backends

from . import sagemaker_ext
from .state import STATE

SAGEMAKER_NAMES = {
    "AWS::SageMaker::Model": (Model, "ModelName"),
    "AWS::SageMaker::EndpointConfig": (FakeEndpointConfig, "EndpointConfigName"),
    "AWS::SageMaker::Endpoint": (FakeEndpoint, "EndpointName"),
}
REPLACE_REASON = "Requested update requires the creation of a new physical resource; hence creating one."
IN_PROGRESS_STATUSES = {
    "CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS",
    "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS",
}
PSEUDO = {"AWS::AccountId", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NoValue", "AWS::Partition"}
_ORIGINAL: dict[str, Any] = {}


class UpdateFailed(Exception):
    """A resource step failed: the reason goes into the resource's *_FAILED event."""

    def __init__(self, logical_id: str, resource_type: str, physical_id: str, reason: str) -> None:
        super().__init__(reason)
        self.logical_id, self.resource_type, self.physical_id, self.reason = logical_id, resource_type, physical_id, reason


class Cancelled(Exception):
    """CancelUpdateStack arrived while a step was running."""


class StackExt:
    """Podium's state for one stack: each resource's status and the update running now."""

    def __init__(self) -> None:
        self.resources: dict[str, dict[str, Any]] = {}  # logical id -> {status, reason, time}
        self.cancel = threading.Event()
        self.thread: threading.Thread | None = None
        self.pending_parameters: dict[str, Any] | None = None  # the update's parameters while it runs (DescribeStacks)
        self.creating: list[tuple[str, FakeEndpoint]] = []  # endpoints a CreateStack waits for


def ext(stack: Stack) -> StackExt:
    found = getattr(stack, "podium_ext", None)
    if found is None:
        found = StackExt()
        stack.podium_ext = found  # type: ignore[attr-defined]
    return found


def add_event(stack: Stack, logical_id: str, physical_id: str, resource_type: str, status: str, reason: str | None = None) -> None:
    """Appends one stack event; for a resource, also records its current status (DescribeStackResources)."""
    event = Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=logical_id,
        physical_resource_id=physical_id,
        resource_type=resource_type,
        resource_status=status,
        resource_status_reason=reason,
        resource_properties=None,
    )
    stack.events.append(event)
    if resource_type != "AWS::CloudFormation::Stack":
        ext(stack).resources[logical_id] = {"status": status, "reason": reason, "time": event.timestamp}


def set_status(stack: Stack, status: str, reason: str | None = None) -> None:
    stack.status = status
    stack.stack_status_reason = reason  # type: ignore[attr-defined]
    add_event(stack, stack.name, stack.stack_id, "AWS::CloudFormation::Stack", status, reason)


def _stack_for(resources_map: ResourceMap) -> Stack | None:
    backend = cloudformation_backends[resources_map._account_id][resources_map._region_name]
    return backend.stacks.get(resources_map.stack_id)


def _physical_id(resource: Any) -> str:
    value = getattr(resource, "physical_resource_id", None)
    return str(value) if value is not None else ""


def _tag(resource: Any, stack: Stack, logical_id: str) -> None:
    """AWS tags each taggable resource it creates with the stack's tags and aws:cloudformation:*."""
    tags = getattr(resource, "tags", None)
    if not isinstance(tags, list):
        return
    wanted = {**(stack.tags or {}), "aws:cloudformation:stack-name": stack.name, "aws:cloudformation:stack-id": stack.stack_id,
              "aws:cloudformation:logical-id": logical_id}
    present = {t.get("Key") for t in tags if isinstance(t, dict)}
    for key, value in wanted.items():
        if key not in present:
            tags.append({"Key": key, "Value": value})


# MARK: - create (moto's synchronous create, with per-resource events, tags and a rollback on failure)


def _parse_and_create_resource(logical_id: str, resource_json: dict[str, Any], resources_map: ResourceMap, account_id: str, region_name: str) -> Any:
    stack = _stack_for(resources_map)
    resource_type = resource_json.get("Type", "")
    condition = resource_json.get("Condition")
    skipped = condition and not resources_map.lazy_condition_map[condition]
    if stack is not None and not skipped:
        add_event(stack, logical_id, "", resource_type, "CREATE_IN_PROGRESS")
    try:
        resource = _ORIGINAL["parse_and_create_resource"](logical_id, resource_json, resources_map, account_id, region_name)
    except Exception as error:
        if stack is not None:
            add_event(stack, logical_id, "", resource_type, "CREATE_FAILED", _handler_message(error))
        raise
    if stack is not None and resource is not None:
        physical = _physical_id(resource)
        _tag(resource, stack, logical_id)
        add_event(stack, logical_id, physical, resource_type, "CREATE_IN_PROGRESS", "Resource creation Initiated")
        if isinstance(resource, FakeEndpoint) and resource.endpoint_status == "Creating" and stack.status == "CREATE_IN_PROGRESS":
            ext(stack).creating.append((logical_id, resource))  # CREATE_COMPLETE once it is InService (_create_stack)
        else:
            add_event(stack, logical_id, physical, resource_type, "CREATE_COMPLETE")
    return resource


def _finish_create(stack: Stack) -> None:
    """Waits, like CloudFormation, for each endpoint the stack created to leave Creating."""
    backend = sagemaker_backends[stack.account_id][stack.region_name]
    for logical_id, endpoint in ext(stack).creating:
        while True:
            sagemaker_ext.settle(backend, endpoint)
            if endpoint.endpoint_status not in sagemaker_ext.IN_PROGRESS:
                break
            time.sleep(0.05)
        add_event(stack, logical_id, _physical_id(endpoint), "AWS::SageMaker::Endpoint", "CREATE_COMPLETE")
    ext(stack).creating.clear()
    set_status(stack, "CREATE_COMPLETE")


def _handler_message(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return f'Resource handler returned message: "{message}" (HandlerErrorCode: InvalidRequest)'


def _create_stack(self: CloudFormationBackend, name: str, template: str, parameters: dict[str, Any], *args: Any, **kwargs: Any) -> Stack:
    try:
        stack = _ORIGINAL["create_stack"](self, name, template, parameters, *args, **kwargs)
        state = ext(stack)
        if state.creating:
            # moto marked the stack complete at once; AWS keeps it CREATE_IN_PROGRESS until the endpoint is InService
            if stack.events and stack.events[-1].resource_status == "CREATE_COMPLETE" and stack.events[-1].logical_resource_id == stack.name:
                stack.events.pop()
            stack.status = "CREATE_IN_PROGRESS"
            state.thread = threading.Thread(target=_finish_create, args=(stack,), name=f"stack-create-{stack.name}", daemon=True)
            state.thread.start()
        return stack
    except Exception:
        stack = next((s for s in self.stacks.values() if s.name == name), None)
        failed = [e for e in (stack.events if stack else []) if e.resource_status == "CREATE_FAILED"]
        if stack is None or not failed:
            raise
        # AWS: CreateStack succeeded; the stack rolls back and ends in ROLLBACK_COMPLETE.
        set_status(stack, "ROLLBACK_IN_PROGRESS", f"The following resource(s) failed to create: [{failed[0].logical_resource_id}]. Rollback requested by user.")
        for logical_id, resource in list(stack.resource_map._parsed_resources.items()):
            if logical_id in PSEUDO or not hasattr(resource, "logical_resource_id"):
                continue
            resource_type = getattr(resource, "cf_resource_type", "")
            add_event(stack, logical_id, _physical_id(resource), resource_type, "DELETE_IN_PROGRESS")
            _delete(resource, stack.account_id, stack.region_name, resource_type)
            add_event(stack, logical_id, _physical_id(resource), resource_type, "DELETE_COMPLETE")
            del stack.resource_map._parsed_resources[logical_id]
        stack.output_map = OutputMap(stack.resource_map, {}, stack.stack_id)  # nothing left to output
        set_status(stack, "ROLLBACK_COMPLETE")
        return stack


# MARK: - update


def _dependencies(resource_json: dict[str, Any]) -> set[str]:
    found = set(get_references_from_template(resource_json))
    depends = resource_json.get("DependsOn") or []
    found.update([depends] if isinstance(depends, str) else depends)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "Fn::GetAtt":
                    target = value[0] if isinstance(value, list) else str(value).split(".")[0]
                    found.add(target)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(resource_json)
    return found


def dependency_order(resources: dict[str, Any]) -> list[str]:
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting:
            return
        visiting.add(name)
        for dep in sorted(_dependencies(resources[name])):
            if dep in resources:
                visit(dep)
        visiting.discard(name)
        order.append(name)

    for name in resources:
        visit(name)
    return order


def _resolved(resource_json: dict[str, Any], resources_map: ResourceMap) -> dict[str, Any]:
    return clean_json(copy.deepcopy(resource_json), resources_map)


def _delete(resource: Any, account_id: str, region_name: str, resource_type: str) -> None:
    try:
        if resource_type in SAGEMAKER_NAMES:
            backend = sagemaker_backends[account_id][region_name]
            if isinstance(resource, Model):
                backend.delete_model(resource.model_name)
            elif isinstance(resource, FakeEndpointConfig):
                backend.delete_endpoint_config(resource.endpoint_config_name)
            elif isinstance(resource, FakeEndpoint):
                backend.delete_endpoint(resource.endpoint_name)
            return
        resource.delete(account_id, region_name)
    except Exception:  # best effort, as moto's own stack delete
        pass


class StackUpdate:
    """One UpdateStack, run step by step (in its own thread when steps take time)."""

    def __init__(self, stack: Stack, template: str, parameters: dict[str, Any], tags: dict[str, str] | None, role_arn: str | None) -> None:
        self.stack = stack
        self.template = template
        self.parameters = parameters
        self.tags = tags
        self.role_arn = role_arn
        self.account = stack.account_id
        self.region = stack.region_name
        with STATE.lock:
            self.step_seconds = STATE.stack_step_seconds
        self.replaced: list[tuple[str, str, Any, Any]] = []  # (logical id, type, old resource, new resource)
        self.added: list[tuple[str, str, Any]] = []
        self.endpoints: list[tuple[str, FakeEndpoint, str]] = []  # (logical id, endpoint, old config name)

    # steps

    def pause(self, cancellable: bool = True) -> None:
        state = ext(self.stack)
        if self.step_seconds > 0:
            state.cancel.wait(self.step_seconds) if cancellable else time.sleep(self.step_seconds)
        if cancellable and state.cancel.is_set():
            raise Cancelled()

    def wait_endpoint(self, endpoint: FakeEndpoint, cancellable: bool) -> None:
        backend = sagemaker_backends[self.account][self.region]
        while True:
            sagemaker_ext.settle(backend, endpoint)
            if endpoint.endpoint_status not in sagemaker_ext.IN_PROGRESS:
                return
            if cancellable and ext(self.stack).cancel.wait(0.05):
                raise Cancelled()
            if not cancellable:
                time.sleep(0.05)

    def run(self) -> None:
        stack = self.stack
        try:
            new_dict = Stack.parse_template(self.template)
            new_map = ResourceMap(stack.stack_id, stack.name, self.parameters, stack.tags, region_name=self.region, account_id=self.account,
                                  template=new_dict, cross_stack_resources=stack.cross_stack_resources)
            new_map.load()
        except Exception as error:
            set_status(stack, "UPDATE_ROLLBACK_COMPLETE", f"Template error: {error}")
            return
        ext(stack).pending_parameters = dict(new_map.resolved_parameters)
        old_map = stack.resource_map
        old_resources = old_map._resource_json_map
        new_resources = new_dict.get("Resources") or {}
        new_map._resource_json_map = new_resources
        for logical_id, resource in old_map._parsed_resources.items():
            if logical_id in new_resources and logical_id in old_resources and old_resources[logical_id].get("Type") == new_resources[logical_id].get("Type"):
                new_map._parsed_resources[logical_id] = resource
        try:
            for logical_id in dependency_order(new_resources):
                self.step(logical_id, old_map, old_resources, new_map, new_resources)
        except (UpdateFailed, Cancelled) as stop:
            self.roll_back(stop)
            return
        set_status(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
        for logical_id, resource_type, old, _new in reversed(self.replaced):
            self.remove(logical_id, resource_type, old)
        for logical_id in old_resources:
            if logical_id not in new_resources and logical_id in old_map._parsed_resources:
                self.remove(logical_id, old_resources[logical_id].get("Type", ""), old_map._parsed_resources[logical_id])
        stack.template = self.template
        stack.template_dict = new_dict
        stack.resource_map = new_map
        stack.parameters = self.parameters
        stack.output_map = stack._create_output_map()
        stack.role_arn = self.role_arn
        if self.tags is not None:
            stack.tags = self.tags
        set_status(stack, "UPDATE_COMPLETE")

    def step(self, logical_id: str, old_map: ResourceMap, old_resources: dict[str, Any], new_map: ResourceMap, new_resources: dict[str, Any]) -> None:
        new_json = new_resources[logical_id]
        resource_type = new_json.get("Type", "")
        if logical_id not in new_map._parsed_resources:
            self.pause()
            try:
                resource = new_map[logical_id]  # moto creates it; our create hook writes its events
            except Exception as error:
                raise UpdateFailed(logical_id, resource_type, "", _handler_message(error))
            if resource is not None:
                self.added.append((logical_id, resource_type, resource))
            return
        old_resource = new_map._parsed_resources[logical_id]
        try:
            before = _resolved(old_resources[logical_id], old_map).get("Properties") or {}
            after_json = _resolved(new_json, new_map)
        except Exception as error:
            raise UpdateFailed(logical_id, resource_type, _physical_id(old_resource), _handler_message(error))
        after = after_json.get("Properties") or {}
        if before == after:
            return
        self.pause()
        if resource_type in ("AWS::SageMaker::Model", "AWS::SageMaker::EndpointConfig"):
            self.replace(logical_id, resource_type, old_resource, after_json, new_map)
        elif resource_type == "AWS::SageMaker::Endpoint":
            self.update_endpoint(logical_id, old_resource, before, after)
        else:
            physical = _physical_id(old_resource)
            add_event(self.stack, logical_id, physical, resource_type, "UPDATE_IN_PROGRESS")
            try:
                changed = cfn_parsing.parse_and_update_resource(logical_id, new_json, new_map, self.account, self.region)
            except Exception as error:
                raise UpdateFailed(logical_id, resource_type, physical, _handler_message(error))
            if changed is not None:
                new_map._parsed_resources[logical_id] = changed
            add_event(self.stack, logical_id, _physical_id(changed or old_resource), resource_type, "UPDATE_COMPLETE")

    def replace(self, logical_id: str, resource_type: str, old_resource: Any, resolved_json: dict[str, Any], new_map: ResourceMap) -> None:
        cls, name_key = SAGEMAKER_NAMES[resource_type]
        old_physical = _physical_id(old_resource)
        add_event(self.stack, logical_id, old_physical, resource_type, "UPDATE_IN_PROGRESS", REPLACE_REASON)
        properties = resolved_json.get("Properties") or {}
        name = properties.get(name_key)
        old_name = getattr(old_resource, {"ModelName": "model_name", "EndpointConfigName": "endpoint_config_name"}[name_key], None)
        if name and name == old_name:
            raise UpdateFailed(logical_id, resource_type, old_physical,
                               f"CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                               f"Rename {name} and update the stack again.")
        name = name or generate_resource_name(resource_type, self.stack.name, logical_id)
        try:
            resource = _ORIGINAL[f"create:{resource_type}"].__func__(cls, name, resolved_json, self.account, self.region)
        except Exception as error:
            add_event(self.stack, logical_id, "", resource_type, "UPDATE_FAILED", _handler_message(error))
            raise UpdateFailed(logical_id, resource_type, "", _handler_message(error))
        resource.cf_resource_type = resource_type
        resource.logical_resource_id = logical_id
        _tag(resource, self.stack, logical_id)
        self.replaced.append((logical_id, resource_type, old_resource, resource))
        new_map._parsed_resources[logical_id] = resource
        add_event(self.stack, logical_id, _physical_id(resource), resource_type, "UPDATE_IN_PROGRESS", "Resource creation Initiated")
        add_event(self.stack, logical_id, _physical_id(resource), resource_type, "UPDATE_COMPLETE")

    def update_endpoint(self, logical_id: str, endpoint: FakeEndpoint, before: dict[str, Any], after: dict[str, Any]) -> None:
        resource_type = "AWS::SageMaker::Endpoint"
        physical = _physical_id(endpoint)
        if after.get("EndpointName", endpoint.endpoint_name) != endpoint.endpoint_name:
            raise UpdateFailed(logical_id, resource_type, physical,
                               "CloudFormation cannot update a stack when a custom-named resource requires replacing. "
                               f"Rename {after.get('EndpointName')} and update the stack again.")
        add_event(self.stack, logical_id, physical, resource_type, "UPDATE_IN_PROGRESS")
        backend = sagemaker_backends[self.account][self.region]
        old_config = endpoint.endpoint_config_name
        new_config = after.get("EndpointConfigName") or old_config
        try:
            sagemaker_ext.update_endpoint(backend, endpoint.endpoint_name, new_config, after.get("DeploymentConfig"),
                                          bool(after.get("RetainDeploymentConfig", False)))
        except Exception as error:
            raise UpdateFailed(logical_id, resource_type, physical, _handler_message(error))
        self.endpoints.append((logical_id, endpoint, old_config))
        self.wait_endpoint(endpoint, cancellable=True)
        if endpoint.endpoint_status != "InService" or endpoint.endpoint_config_name != new_config:
            reason = endpoint.failure_reason or f"Endpoint ended in {endpoint.endpoint_status}"
            raise UpdateFailed(logical_id, resource_type, physical,
                               f'Resource handler returned message: "Endpoint {endpoint.endpoint_name} update failed: {reason}" '
                               "(HandlerErrorCode: GeneralServiceException)")
        add_event(self.stack, logical_id, physical, resource_type, "UPDATE_COMPLETE")

    def remove(self, logical_id: str, resource_type: str, resource: Any) -> None:
        physical = _physical_id(resource)
        add_event(self.stack, logical_id, physical, resource_type, "DELETE_IN_PROGRESS")
        _delete(resource, self.account, self.region, resource_type)
        add_event(self.stack, logical_id, physical, resource_type, "DELETE_COMPLETE")

    # rollback

    def roll_back(self, stop: Exception) -> None:
        stack = self.stack
        if isinstance(stop, Cancelled):
            in_flight = [e for e in self.endpoints if e[1].endpoint_status in sagemaker_ext.IN_PROGRESS]
            for logical_id, endpoint, _old in in_flight:
                add_event(stack, logical_id, _physical_id(endpoint), "AWS::SageMaker::Endpoint", "UPDATE_FAILED", "Resource update cancelled")
            set_status(stack, "UPDATE_ROLLBACK_IN_PROGRESS", "Resource update cancelled")
        else:
            assert isinstance(stop, UpdateFailed)
            last = ext(stack).resources.get(stop.logical_id, {})
            if not str(last.get("status", "")).endswith("_FAILED"):
                add_event(stack, stop.logical_id, stop.physical_id, stop.resource_type, "UPDATE_FAILED", stop.reason)
            set_status(stack, "UPDATE_ROLLBACK_IN_PROGRESS", f"The following resource(s) failed to update: [{stop.logical_id}]. ")
        for logical_id, endpoint, old_config in reversed(self.endpoints):
            physical = _physical_id(endpoint)
            add_event(stack, logical_id, physical, "AWS::SageMaker::Endpoint", "UPDATE_IN_PROGRESS")
            self.wait_endpoint(endpoint, cancellable=False)
            if endpoint.endpoint_config_name != old_config or endpoint.endpoint_status != "InService":
                backend = sagemaker_backends[self.account][self.region]
                try:
                    sagemaker_ext.update_endpoint(backend, endpoint.endpoint_name, old_config, None, True)
                    self.wait_endpoint(endpoint, cancellable=False)
                except Exception as error:
                    add_event(stack, logical_id, physical, "AWS::SageMaker::Endpoint", "UPDATE_FAILED", _handler_message(error))
                    set_status(stack, "UPDATE_ROLLBACK_FAILED", f"The following resource(s) failed to update: [{logical_id}]. ")
                    return
            add_event(stack, logical_id, physical, "AWS::SageMaker::Endpoint", "UPDATE_COMPLETE")
        set_status(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
        for logical_id, resource_type, _old, new in reversed(self.replaced):
            self.remove(logical_id, resource_type, new)
        for logical_id, resource_type, resource in reversed(self.added):
            self.remove(logical_id, resource_type, resource)
        # the old resources are current again
        for logical_id, _type, old, _new in self.replaced:
            self.stack.resource_map._parsed_resources[logical_id] = old
            ext(stack).resources[logical_id] = {"status": "UPDATE_COMPLETE", "reason": None, "time": stack.events[-1].timestamp}
        set_status(stack, "UPDATE_ROLLBACK_COMPLETE")


def _update_stack(self: CloudFormationBackend, name: str, template: str, role_arn: str | None, parameters: list[dict[str, Any]], tags: dict[str, str] | None) -> Stack:
    stack = self.get_stack(name)
    if stack.status in IN_PROGRESS_STATUSES:
        raise ValidationError(stack.stack_id, message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.")
    previous = {**stack.resource_map.resolved_parameters, **(stack.parameters or {})}
    resolved: dict[str, Any] = {}
    for parameter in parameters or []:
        key = parameter["ParameterKey"]
        if parameter.get("UsePreviousValue"):
            if key not in previous:
                raise ValidationError(stack.stack_id, message=f"Invalid input for parameter key {key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template")
            value = previous[key]
            resolved[key] = ",".join(value) if isinstance(value, list) else str(value) if not isinstance(value, str) else value
        elif "ParameterValue" in parameter:
            resolved[key] = parameter["ParameterValue"]
    update = StackUpdate(stack, template, resolved, tags, role_arn)
    state = ext(stack)
    state.cancel.clear()
    set_status(stack, "UPDATE_IN_PROGRESS", "User Initiated")
    with STATE.lock:
        background = STATE.stack_step_seconds > 0 or STATE.update_seconds > 0
    if background:
        state.thread = threading.Thread(target=_guarded, args=(update,), name=f"stack-update-{stack.name}", daemon=True)
        state.thread.start()
    else:
        _guarded(update)
    return stack


def _guarded(update: StackUpdate) -> None:
    try:
        update.run()
    except Exception as error:  # a bug here must not leave the stack in progress forever
        set_status(update.stack, "UPDATE_ROLLBACK_FAILED", f"emulator error: {error!r}")
    finally:
        ext(update.stack).pending_parameters = None


def _parameter_list(self: Stack) -> list[dict[str, Any]]:
    """AWS shows an update's new parameter values while it runs, and the old ones again after a rollback."""
    pending = ext(self).pending_parameters
    if pending is None:
        return _ORIGINAL["parameter_list"].fget(self)
    hidden = set(getattr(self.resource_map, "no_echo_parameter_keys", []) or [])
    return [{"ParameterKey": k, "ParameterValue": "****" if k in hidden else v} for k, v in pending.items()]


def cancel_update_stack(backend: CloudFormationBackend, name: str) -> None:
    stack = backend.get_stack(name)
    if stack.status != "UPDATE_IN_PROGRESS":
        raise ValidationError(stack.stack_id, message="CancelUpdateStack cannot be called from current stack status")
    ext(stack).cancel.set()


def wait_idle(backend: CloudFormationBackend, deadline: float = 30.0) -> None:
    """Waits for every running stack update of this backend (tests and the pipeline worker)."""
    end = time.monotonic() + deadline
    for stack in list(backend.stacks.values()):
        thread = ext(stack).thread
        if thread is not None:
            thread.join(max(0.0, end - time.monotonic()))


# MARK: - responses


def _resp_cancel_update_stack(self: CloudFormationResponse) -> ActionResult:
    cancel_update_stack(self.cloudformation_backend, self._get_param("StackName"))
    return EmptyResult()


def _resource_dto(stack: Stack, resource: Any) -> StackResourceDTO:
    dto = StackResourceDTO(stack, resource)
    known = ext(stack).resources.get(dto.logical_resource_id or "")
    if known is not None:
        dto.resource_status = known["status"]
        dto.timestamp = known["time"]
        if known.get("reason"):
            dto.resource_status_reason = known["reason"]  # type: ignore[attr-defined]
    return dto


def _resp_describe_stack_resources(self: CloudFormationResponse) -> ActionResult:
    stack_name = self._get_param("StackName")
    physical_id = self._get_param("PhysicalResourceId")
    logical_id = self._get_param("LogicalResourceId")
    backend = self.cloudformation_backend
    if not stack_name and physical_id:
        # AWS: the stack that owns the resource with this physical id (for SageMaker: the ARN), else an error.
        for stack in backend.stacks.values():
            for resource in stack.stack_resources:
                if _physical_id(resource) == physical_id and (logical_id is None or resource.logical_resource_id == logical_id):  # type: ignore[attr-defined]
                    return ActionResult({"StackResources": [_resource_dto(stack, resource)]})
        raise ValidationError(physical_id, message=f"Stack for {physical_id} does not exist")
    if not stack_name:
        raise ValidationError("", message="Either StackName or PhysicalResourceId must be specified.")
    stack, resources = backend.describe_stack_resources(stack_name, logical_id)
    return ActionResult({"StackResources": [_resource_dto(stack, r) for r in resources]})


# MARK: - drift detection (stock moto: none of these calls)


def _expected_and_actual(stack: Stack, logical_id: str, resource: Any) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
    """(resource type, expected properties, actual properties or None when the resource is gone)."""
    resource_type = getattr(resource, "cf_resource_type", "")
    backend = sagemaker_backends[stack.account_id][stack.region_name]
    if resource_type == "AWS::SageMaker::Endpoint":
        expected = {"EndpointName": resource.endpoint_name,
                    "EndpointConfigName": _resolved(stack.resource_map._resource_json_map[logical_id], stack.resource_map)["Properties"]["EndpointConfigName"]}
        live = backend.endpoints.get(resource.endpoint_name)
        return resource_type, expected, None if live is None else {"EndpointName": live.endpoint_name, "EndpointConfigName": live.endpoint_config_name}
    if resource_type == "AWS::SageMaker::EndpointConfig":
        expected = {"EndpointConfigName": resource.endpoint_config_name}
        return resource_type, expected, expected if resource.endpoint_config_name in backend.endpoint_configs else None
    if resource_type == "AWS::SageMaker::Model":
        expected = {"ModelName": resource.model_name}
        return resource_type, expected, expected if resource.model_name in backend._models else None
    return resource_type, {}, {}


def detect_drift(backend: CloudFormationBackend, name: str) -> str:
    stack = backend.get_stack(name)
    if stack.status in IN_PROGRESS_STATUSES:
        raise ValidationError(stack.stack_id, message=f"Drift detection cannot be performed on a stack in {stack.status} status")
    now = Event(stack.stack_id, stack.name, stack.name, stack.stack_id, "", "", None, None).timestamp
    drifts = []
    for resource in stack.stack_resources:
        logical_id = getattr(resource, "logical_resource_id", None)
        if logical_id is None:
            continue
        resource_type, expected, actual = _expected_and_actual(stack, logical_id, resource)
        if resource_type not in SAGEMAKER_NAMES:
            status, differences = "NOT_CHECKED", []
        elif actual is None:
            status, differences = "DELETED", []
        else:
            differences = [{"PropertyPath": f"/{k}", "ExpectedValue": str(v), "ActualValue": str(actual.get(k)), "DifferenceType": "NOT_EQUAL"}
                           for k, v in expected.items() if actual.get(k) != v]
            status = "MODIFIED" if differences else "IN_SYNC"
        drift = {"StackId": stack.stack_id, "LogicalResourceId": logical_id, "PhysicalResourceId": _physical_id(resource),
                 "ResourceType": resource_type, "StackResourceDriftStatus": status, "Timestamp": now, "PropertyDifferences": differences}
        if status != "NOT_CHECKED":
            drift["ExpectedProperties"] = json.dumps(expected)
            if actual is not None:
                drift["ActualProperties"] = json.dumps(actual)
        drifts.append(drift)
    drifted = sum(1 for d in drifts if d["StackResourceDriftStatus"] in ("MODIFIED", "DELETED"))
    detection_id = str(uuid.uuid4())
    state = ext(stack)
    state.drifts = drifts  # type: ignore[attr-defined]
    state.detections = getattr(state, "detections", {})  # type: ignore[attr-defined]
    state.detections[detection_id] = {  # type: ignore[attr-defined]
        "StackId": stack.stack_id, "StackDriftDetectionId": detection_id, "StackDriftStatus": "DRIFTED" if drifted else "IN_SYNC",
        "DetectionStatus": "DETECTION_COMPLETE", "DriftedStackResourceCount": drifted, "Timestamp": now,
    }
    stack.drift_information = {"StackDriftStatus": "DRIFTED" if drifted else "IN_SYNC", "LastCheckTimestamp": now}  # type: ignore[attr-defined]
    return detection_id


def _resp_detect_stack_drift(self: CloudFormationResponse) -> ActionResult:
    return ActionResult({"StackDriftDetectionId": detect_drift(self.cloudformation_backend, self._get_param("StackName"))})


def _resp_describe_stack_drift_detection_status(self: CloudFormationResponse) -> ActionResult:
    wanted = self._get_param("StackDriftDetectionId")
    for stack in self.cloudformation_backend.stacks.values():
        found = getattr(ext(stack), "detections", {}).get(wanted)
        if found is not None:
            return ActionResult(found)
    raise ValidationError(wanted, message=f"Drift detection with id {wanted} does not exist")


def _resp_describe_stack_resource_drifts(self: CloudFormationResponse) -> ActionResult:
    stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
    wanted = set(self._get_param("StackResourceDriftStatusFilters") or [])
    drifts = [d for d in getattr(ext(stack), "drifts", []) if not wanted or d["StackResourceDriftStatus"] in wanted]
    return ActionResult({"StackResourceDrifts": drifts})


def install() -> None:
    """Applies the patches above (idempotent per process via server.install_extensions)."""
    _ORIGINAL["parse_and_create_resource"] = cfn_parsing.parse_and_create_resource
    _ORIGINAL["create_stack"] = CloudFormationBackend.create_stack
    _ORIGINAL["parameter_list"] = Stack.parameter_list
    Stack.parameter_list = property(_parameter_list)  # type: ignore[method-assign,assignment]
    for resource_type, (cls, name_key) in SAGEMAKER_NAMES.items():
        _ORIGINAL[f"create:{resource_type}"] = cls.__dict__["create_from_cloudformation_json"]
        cls.cloudformation_name_type = staticmethod(lambda key=name_key: key)  # type: ignore[method-assign]
    cfn_parsing.parse_and_create_resource = _parse_and_create_resource
    CloudFormationBackend.create_stack = _create_stack  # type: ignore[method-assign]
    CloudFormationBackend.update_stack = _update_stack  # type: ignore[method-assign]
    CloudFormationResponse.cancel_update_stack = _resp_cancel_update_stack  # type: ignore[attr-defined]
    CloudFormationResponse.describe_stack_resources = _resp_describe_stack_resources  # type: ignore[method-assign]
    CloudFormationResponse.detect_stack_drift = _resp_detect_stack_drift  # type: ignore[attr-defined]
    CloudFormationResponse.describe_stack_drift_detection_status = _resp_describe_stack_drift_detection_status  # type: ignore[attr-defined]
    CloudFormationResponse.describe_stack_resource_drifts = _resp_describe_stack_resource_drifts  # type: ignore[attr-defined]
    Stack.drift_information = {"StackDriftStatus": "NOT_CHECKED"}  # type: ignore[attr-defined]  # AWS: always present
