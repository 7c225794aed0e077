"""A stand-in for the reference promotion pipeline: EventBridge -> SQS -> Lambda -> GitHub Actions -> `cdk deploy`.

Events (stock moto 5.2.1 emits neither):
- CreateModelPackage / UpdateModelPackage (when the approval status changes) put the AWS event
  "SageMaker Model Package State Change" (source aws.sagemaker) on the package account's default bus;
- SSM PutParameter puts "Parameter Store Change" (source aws.ssm, detail {operation, name, type}).
moto's EventBridge delivers them to matching rules' SQS targets, as AWS does.

`POST /_podium/pipelines` registers a pipeline for one group x environment. It creates, through moto's backends:
- in the registry account/region: rule `podium-model-approved` (pattern: that detail type, ModelApprovalStatus
  Approved) -> SQS queue `podium-pipeline-events`;
- in the environment's account/region: rule `podium-pin-<group>-<env>` (Parameter Store Change of the pin) -> the
  same-named queue there, and the log group `/aws/lambda/podium-deploy-trigger`.
The worker (one thread, every 0.1 s, or synchronously through `POST /_podium/pipeline/tick`) plays the Lambda: it
reads those queues, logs to CloudWatch Logs, puts AWS/Lambda Invocations/Errors/Duration, and starts a workflow run
(github_ext) per matching pipeline. A run plays GitHub Actions + `cdk deploy`: it resolves the package (the run's
`model_package_arn` input, else the SSM pin, else the latest Approved version of the group), updates the
environment's stack (UsePreviousTemplate, the package parameter changed, UsePreviousValue for the rest) and
follows it to UPDATE_COMPLETE (run success) or a rollback (run failure).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from moto.sagemaker.responses import SageMakerResponse

APPROVAL_RULE = "podium-model-approved"
QUEUE = "podium-pipeline-events"
FUNCTION = "podium-deploy-trigger"
LOG_GROUP = f"/aws/lambda/{FUNCTION}"
DETAIL_TYPE = "SageMaker Model Package State Change"
DEFAULT_REGISTRY = ("123456789012", "us-east-1")
_ORIGINAL: dict[str, Any] = {}


@dataclass
class Pipeline:
    """One group x environment deployed by the stand-in."""

    group: str
    environment: str
    account: str
    region: str
    stack: str
    parameter: str = "ModelPackageArn"
    pin: str = ""
    registry_account: str = DEFAULT_REGISTRY[0]
    registry_region: str = DEFAULT_REGISTRY[1]
    repo: str = "example-corp/ml-deploy"
    workflow: str = "deploy.yml"
    on_approval: bool = True

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class PipelineState:
    """Registered pipelines and the queues the worker reads."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    pipelines: list[Pipeline] = field(default_factory=list)
    queues: set[tuple[str, str]] = field(default_factory=set)
    worker: threading.Thread | None = None
    tick_lock: threading.Lock = field(default_factory=threading.Lock)


PIPELINES = PipelineState()


def _now_ms() -> int:
    return int(time.time() * 1000)


# MARK: - events AWS emits and moto does not


DELIVERABLE = ("sqs", "logs", "events")  # the target kinds moto's EventBridge can deliver to


def put_event(account: str, region: str, source: str, detail_type: str, detail: dict[str, Any], resources: list[str]) -> None:
    """An AWS service event on the account's default bus, delivered to every matching rule's deliverable targets.

    moto's own PutEvents raises NotImplementedError for a Lambda (or other) target and stops delivering to the
    rules after it; an event AWS emits must never fail the call that caused it, so each rule gets a copy that
    keeps only targets moto can deliver to (SQS, CloudWatch Logs, event buses)."""
    import copy
    import uuid

    from moto.events.models import events_backends
    from moto.events.utils import _BASE_EVENT_MESSAGE
    from moto.utilities.arns import parse_arn

    try:
        backend = events_backends[account][region]
        bus = backend.describe_event_bus("default")
    except Exception:
        return
    message = copy.deepcopy(_BASE_EVENT_MESSAGE)
    message.update({"id": str(uuid.uuid4()), "detail-type": detail_type, "source": source, "account": account,
                    "time": time.time(), "region": region, "resources": resources,
                    "detail": json.loads(json.dumps(detail, default=str)), "ingestion-time": time.time()})
    for rule in list(bus.rules.values()):
        if getattr(rule, "state", "ENABLED") != "ENABLED":
            continue
        deliverable = copy.copy(rule)
        deliverable.targets = [t for t in rule.targets if _service(parse_arn, t.get("Arn", "")) in DELIVERABLE]
        try:
            deliverable.send_to_targets(copy.deepcopy(message))
        except Exception:
            continue


def _service(parse_arn: Any, arn: str) -> str:
    try:
        return parse_arn(arn).service
    except Exception:
        return ""


def _package_event(response: SageMakerResponse, arn: str) -> None:
    from . import sagemaker_ext

    package = sagemaker_ext.find_model_package(response.sagemaker_backend, arn)
    if package is None:
        return
    detail = {
        "ModelPackageGroupName": package.model_package_group_name,
        "ModelPackageVersion": package.model_package_version,
        "ModelPackageArn": package.arn,
        "ModelPackageName": package.model_package_name,
        "ModelApprovalStatus": package.model_approval_status,
        "ModelPackageStatus": "Completed",
        "CreationTime": package.creation_time,
    }
    match = sagemaker_ext.ARN_RE.match(package.arn)
    account, region = (match["account"], match["region"]) if match else (response.current_account, response.region)
    put_event(account, region, "aws.sagemaker", DETAIL_TYPE, detail, [package.arn])


def _resp_create_model_package(self: SageMakerResponse) -> Any:
    result = _ORIGINAL["create_model_package"](self)
    arn = _result_arn(result)
    if arn:
        _package_event(self, arn)
    return result


def _resp_update_model_package(self: SageMakerResponse) -> Any:
    from . import sagemaker_ext

    arn = self._get_param("ModelPackageArn")
    before = sagemaker_ext.find_model_package(self.sagemaker_backend, arn)
    status_before = before.model_approval_status if before is not None else None
    result = _ORIGINAL["update_model_package"](self)
    if before is not None and before.model_approval_status != status_before:
        _package_event(self, before.arn)
    return result


def _result_arn(result: Any) -> str | None:
    for attribute in ("result", "_result", "data"):
        value = getattr(result, attribute, None)
        if isinstance(value, dict) and value.get("ModelPackageArn"):
            return value["ModelPackageArn"]
    if isinstance(result, tuple) and len(result) >= 1:
        try:
            return json.loads(result[-1]).get("ModelPackageArn")
        except Exception:
            return None
    return None


def _put_parameter(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
    existed = self.get_parameter(name) is not None if hasattr(self, "get_parameter") else False
    parameter = _ORIGINAL["put_parameter"](self, name, *args, **kwargs)
    put_event(self.account_id, self.region_name, "aws.ssm", "Parameter Store Change",
              {"operation": "Update" if existed else "Create", "name": name, "type": getattr(parameter, "type", "String"),
               "description": getattr(parameter, "description", None) or ""},
              [f"arn:aws:ssm:{self.region_name}:{self.account_id}:parameter{name if name.startswith('/') else '/' + name}"])
    return parameter


# MARK: - registration


def register(body: dict[str, Any]) -> Pipeline:
    """Validates a pipeline spec and wires its rules, queues and log groups."""
    for key in ("group", "environment", "account", "region", "stack"):
        if not isinstance(body.get(key), str) or not body[key]:
            raise ValueError(f"{key} is required")
    allowed = set(Pipeline.__dataclass_fields__)
    unknown = set(body) - allowed
    if unknown:
        raise ValueError(f"unknown pipeline keys: {', '.join(sorted(unknown))}")
    for key, value in body.items():
        wanted = bool if key == "on_approval" else str
        if not isinstance(value, wanted) or (wanted is str and not value):
            raise ValueError(f"{key} must be {'true or false' if wanted is bool else 'a non-empty string'}")
    if not re.match(r"^[\w.-]+/[\w.-]+$", body.get("repo", "a/b")):
        raise ValueError("repo must be owner/name")
    pipeline = Pipeline(**body)
    if not pipeline.pin:
        pipeline.pin = f"/models/{pipeline.group}/{pipeline.environment}"
    _wire(pipeline.registry_account, pipeline.registry_region, APPROVAL_RULE, {
        "source": ["aws.sagemaker"], "detail-type": [DETAIL_TYPE], "detail": {"ModelApprovalStatus": ["Approved"]},
    }, "Starts the deploy workflow when a model package version is approved")
    _wire(pipeline.account, pipeline.region, f"podium-pin-{pipeline.group}-{pipeline.environment}", {
        "source": ["aws.ssm"], "detail-type": ["Parameter Store Change"], "detail": {"name": [pipeline.pin]},
    }, f"Deploys {pipeline.group} to {pipeline.environment} when its pin changes")
    with PIPELINES.lock:
        PIPELINES.pipelines = [p for p in PIPELINES.pipelines if (p.group, p.environment) != (pipeline.group, pipeline.environment)]
        PIPELINES.pipelines.append(pipeline)
        PIPELINES.queues.update({(pipeline.registry_account, pipeline.registry_region), (pipeline.account, pipeline.region)})
    start_worker()
    return pipeline


def _wire(account: str, region: str, rule: str, pattern: dict[str, Any], description: str) -> None:
    from moto.events.models import events_backends
    from moto.logs.models import logs_backends
    from moto.sqs.models import sqs_backends

    sqs = sqs_backends[account][region]
    queue = sqs.create_queue(QUEUE)
    events = events_backends[account][region]
    events.put_rule(rule, description=description, event_pattern=json.dumps(pattern), state="ENABLED")
    events.put_targets(rule, None, [{"Id": "podium-pipeline-queue", "Arn": queue.queue_arn}])
    logs = logs_backends[account][region]
    if LOG_GROUP not in logs.groups:
        logs.create_log_group(LOG_GROUP, {})


def find(group: str, environment: str) -> Pipeline | None:
    with PIPELINES.lock:
        return next((p for p in PIPELINES.pipelines if p.group == group and p.environment == environment), None)


def find_for_run(repo: str, workflow: str, environment: str, group: str | None) -> Pipeline | None:
    with PIPELINES.lock:
        candidates = [p for p in PIPELINES.pipelines if p.environment == environment and p.repo.lower() == repo.lower() and p.workflow == workflow]
    if group:
        candidates = [p for p in candidates if p.group == group]
    return candidates[0] if len(candidates) == 1 else None


def reset() -> None:
    with PIPELINES.lock:
        PIPELINES.pipelines.clear()
        PIPELINES.queues.clear()


# MARK: - the worker (the Lambda)


def lambda_log(account: str, region: str, lines: list[str]) -> None:
    from moto.logs.models import logs_backends

    try:
        group = logs_backends[account][region].groups.get(LOG_GROUP)
        if group is None:
            return
        stream = datetime.now(timezone.utc).strftime("%Y/%m/%d/[$LATEST]podium")
        if stream not in group.streams:
            group.create_log_stream(stream)
        now = _now_ms()
        group.streams[stream].put_log_events([{"timestamp": now, "message": line} for line in lines])
    except Exception:
        pass


def _lambda_metrics(account: str, region: str, errors: int, duration_ms: float) -> None:
    from moto.cloudwatch.models import cloudwatch_backends

    dims = [{"Name": "FunctionName", "Value": FUNCTION}]
    try:
        cloudwatch_backends[account][region].put_metric_data("AWS/Lambda", [
            {"MetricName": "Invocations", "Value": 1, "Unit": "Count", "Dimensions": dims},
            {"MetricName": "Errors", "Value": errors, "Unit": "Count", "Dimensions": dims},
            {"MetricName": "Duration", "Value": duration_ms, "Unit": "Milliseconds", "Dimensions": dims},
        ])
    except Exception:
        pass


def _handle(account: str, region: str, event: dict[str, Any]) -> None:
    """One Lambda invocation: decide which pipelines the event starts and dispatch their workflow runs."""
    from . import github_ext

    started = time.monotonic()
    request_id = event.get("id", "-")
    lines = [f"START RequestId: {request_id} Version: $LATEST"]
    detail = event.get("detail") or {}
    targets: list[tuple[Pipeline, str]] = []
    with PIPELINES.lock:
        pipelines = list(PIPELINES.pipelines)
    if event.get("detail-type") == DETAIL_TYPE:
        group = detail.get("ModelPackageGroupName")
        lines.append(f"{group} v{detail.get('ModelPackageVersion')} is {detail.get('ModelApprovalStatus')}: {detail.get('ModelPackageArn')}")
        targets = [(p, "approval") for p in pipelines if p.on_approval and p.group == group
                   and (p.registry_account, p.registry_region) == (account, region)]
    elif event.get("detail-type") == "Parameter Store Change":
        name = detail.get("name")
        lines.append(f"pin {name} changed ({detail.get('operation')})")
        targets = [(p, "pin") for p in pipelines if p.pin == name and (p.account, p.region) == (account, region)]
    if not targets:
        lines.append("no pipeline matches this event; nothing to do")
    errors = 0
    for pipeline, reason in targets:
        try:
            run = github_ext.RUNS.dispatch(pipeline.repo, pipeline.workflow, "main", {"environment": pipeline.environment, "group": pipeline.group},
                                           actor="podium-deploy-trigger[bot]", event="workflow_dispatch")
            lines.append(f"dispatched {pipeline.workflow} in {pipeline.repo} for {pipeline.group}/{pipeline.environment} ({reason}): run {run.id}")
        except Exception as error:
            errors = 1
            lines.append(f"ERROR dispatching {pipeline.workflow} for {pipeline.group}/{pipeline.environment}: {error}")
    duration = (time.monotonic() - started) * 1000
    lines += [f"END RequestId: {request_id}", f"REPORT RequestId: {request_id}\tDuration: {duration:.2f} ms"]
    lambda_log(account, region, lines)
    _lambda_metrics(account, region, errors, duration)


def tick() -> None:
    """One worker pass: drain the queues, then move every workflow run along."""
    from moto.sqs.models import sqs_backends

    from . import github_ext

    with PIPELINES.tick_lock:
        with PIPELINES.lock:
            queues = list(PIPELINES.queues)
        for account, region in queues:
            sqs = sqs_backends[account][region]
            try:
                messages = sqs.receive_message(QUEUE, 10, 0, 30)
            except Exception:
                continue
            for message in messages:
                try:
                    _handle(account, region, json.loads(message.body))
                finally:
                    try:
                        sqs.delete_message(QUEUE, message.receipt_handle)
                    except Exception:
                        pass
        github_ext.RUNS.advance()


def _loop() -> None:
    while True:
        try:
            tick()
        except Exception:  # the worker must outlive any one bad event
            pass
        time.sleep(0.1)


def start_worker() -> None:
    with PIPELINES.lock:
        if PIPELINES.worker is None:
            PIPELINES.worker = threading.Thread(target=_loop, name="podium-pipeline-worker", daemon=True)
            PIPELINES.worker.start()


# MARK: - the deploy (`cdk deploy`)


def latest_approved(pipeline: Pipeline) -> str | None:
    from moto.sagemaker.models import sagemaker_backends

    backend = sagemaker_backends[pipeline.registry_account][pipeline.registry_region]
    approved = [p for p in backend.model_packages.values()
                if p.model_package_group_name == pipeline.group and p.model_approval_status == "Approved"]
    if not approved:
        return None
    return max(approved, key=lambda p: p.model_package_version or 0).arn


def pinned(pipeline: Pipeline) -> str | None:
    from moto.ssm.models import ssm_backends

    try:
        parameter = ssm_backends[pipeline.account][pipeline.region].get_parameter(pipeline.pin)
    except Exception:
        return None
    return parameter.value if parameter is not None else None


def start_deploy(pipeline: Pipeline, package_arn: str | None) -> tuple[str, str, list[str]]:
    """Resolves the package and starts the stack update. Returns (outcome, stack status or reason, log lines);
    outcome is "started", "unchanged" or "failed"."""
    from moto.cloudformation.models import cloudformation_backends

    lines = []
    if package_arn:
        lines.append(f"model package from the workflow input: {package_arn}")
    else:
        package_arn = pinned(pipeline)
        if package_arn:
            lines.append(f"model package from the pin {pipeline.pin}: {package_arn}")
        else:
            package_arn = latest_approved(pipeline)
            if not package_arn:
                return "failed", f"no Approved version of {pipeline.group} and no pin {pipeline.pin}", lines
            lines.append(f"model package: latest Approved version of {pipeline.group}: {package_arn}")
    backend = cloudformation_backends[pipeline.account][pipeline.region]
    try:
        stack = backend.get_stack(pipeline.stack)
    except Exception:
        return "failed", f"Stack with id {pipeline.stack} does not exist", lines
    current = dict(stack.resource_map.resolved_parameters)
    if current.get(pipeline.parameter) == package_arn:
        lines.append(f"{pipeline.stack} (no changes)")
        return "unchanged", stack.status, lines
    parameters = [{"ParameterKey": k, "UsePreviousValue": True} for k in current if k != pipeline.parameter]
    parameters.append({"ParameterKey": pipeline.parameter, "ParameterValue": package_arn})
    lines.append(f"{pipeline.stack}: deploying... (UpdateStack {pipeline.parameter}={package_arn})")
    try:
        backend.update_stack(pipeline.stack, stack.template, None, parameters, None)
    except Exception as error:
        return "failed", getattr(error, "message", None) or str(error), lines
    return "started", stack.status, lines


def stack_status(pipeline: Pipeline) -> tuple[str, str | None]:
    """The stack's status and, for a rollback, the reason of its first failed event."""
    from moto.cloudformation.models import cloudformation_backends

    stack = cloudformation_backends[pipeline.account][pipeline.region].get_stack(pipeline.stack)
    reason = None
    if "ROLLBACK" in stack.status or stack.status.endswith("FAILED"):
        last_start = max((i for i, e in enumerate(stack.events) if e.resource_status == "UPDATE_IN_PROGRESS" and e.logical_resource_id == stack.name), default=0)
        failed = [e for e in stack.events[last_start:] if e.resource_status.endswith("_FAILED")]
        if failed:
            reason = f"{failed[0].logical_resource_id}: {failed[0].resource_status_reason}"
    return stack.status, reason


def install() -> None:
    """Event emission patches (idempotent per process via server.install_extensions)."""
    from moto.ssm.models import SimpleSystemManagerBackend

    _ORIGINAL["create_model_package"] = SageMakerResponse.create_model_package
    _ORIGINAL["update_model_package"] = SageMakerResponse.update_model_package
    _ORIGINAL["put_parameter"] = SimpleSystemManagerBackend.put_parameter
    SageMakerResponse.create_model_package = _resp_create_model_package  # type: ignore[method-assign]
    SageMakerResponse.update_model_package = _resp_update_model_package  # type: ignore[method-assign]
    SimpleSystemManagerBackend.put_parameter = _put_parameter  # type: ignore[method-assign]
