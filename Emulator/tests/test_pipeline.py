"""The pipeline stand-in: model package / SSM events, EventBridge -> SQS -> worker -> workflow run -> stack update."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

import pytest
from botocore.exceptions import ClientError

from .conftest import poll
from .helpers import package

ENV = {"account": "111111111111", "region": "us-east-1"}
ROLE = "arn:aws:iam::111111111111:role/sagemaker-exec"
TOKEN = "podium-emulator-token"


def _listen(emu_or_stock, source, detail_type):
    """A rule of the caller's own on the default bus -> an SQS queue, as a user would set it up."""
    events, sqs = emu_or_stock.client("events"), emu_or_stock.client("sqs")
    url = sqs.create_queue(QueueName="listen")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="listen", EventPattern=json.dumps({"source": [source], "detail-type": [detail_type]}))
    events.put_targets(Rule="listen", Targets=[{"Id": "q", "Arn": arn}])
    return lambda: [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])]


def test_stock_moto_emits_no_model_package_or_parameter_events(stock):
    sm, ssm = stock.client("sagemaker"), stock.client("ssm")
    received = _listen(stock, "aws.sagemaker", "SageMaker Model Package State Change")
    sm.create_model_package_group(ModelPackageGroupName="quiet")
    arn = sm.create_model_package(ModelPackageGroupName="quiet", ModelApprovalStatus="PendingManualApproval")["ModelPackageArn"]
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    ssm.put_parameter(Name="/models/quiet/dev", Value=arn, Type="String")
    assert received() == []
    # and moto's EventBridge cannot deliver to a Lambda target: a matching PutEvents is a 500
    events = stock.client("events")
    events.put_rule(Name="to-lambda", EventPattern=json.dumps({"source": ["podium.test"]}))
    events.put_targets(Rule="to-lambda", Targets=[{"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:deploy-trigger"}])
    with pytest.raises(ClientError, match="500 Internal Server Error"):
        events.put_events(Entries=[{"Source": "podium.test", "DetailType": "t", "Detail": "{}"}])


def test_approval_and_parameter_changes_are_events(emu):
    sm, ssm = emu.client("sagemaker"), emu.client("ssm")
    # the reference setup: a rule targeting a Lambda (moto cannot deliver to it; its PutEvents would raise) comes
    # first; the event still reaches the other rules' queues
    events = emu.client("events")
    events.put_rule(Name="to-lambda", EventPattern=json.dumps({"source": ["aws.sagemaker"]}))
    events.put_targets(Rule="to-lambda", Targets=[{"Id": "fn", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:deploy-trigger"}])
    packages = _listen(emu, "aws.sagemaker", "SageMaker Model Package State Change")
    arn = package(sm, "churn", status="PendingManualApproval")
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    sm.update_model_package(ModelPackageArn=arn, ApprovalDescription="status unchanged: no event")
    seen = [e["detail"] for e in packages()]
    assert [(d["ModelPackageArn"], d["ModelApprovalStatus"]) for d in seen] == [(arn, "PendingManualApproval"), (arn, "Approved")]
    assert seen[1]["ModelPackageGroupName"] == "churn" and seen[1]["ModelPackageVersion"] == 1
    # a second listener, for SSM parameter changes under /models/
    events, sqs = emu.client("events"), emu.client("sqs")
    url = sqs.create_queue(QueueName="pins")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="pins", EventPattern=json.dumps({"source": ["aws.ssm"], "detail": {"name": [{"prefix": "/models/"}]}}))
    events.put_targets(Rule="pins", Targets=[{"Id": "q", "Arn": qarn}])
    ssm.put_parameter(Name="/models/churn/dev", Value=arn, Type="String")
    ssm.put_parameter(Name="/models/churn/dev", Value=arn, Type="String", Overwrite=True)
    details = [json.loads(m["Body"])["detail"] for m in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]]
    assert [(d["name"], d["operation"]) for d in details] == [("/models/churn/dev", "Create"), ("/models/churn/dev", "Update")]


def _world(emu, **pipeline):
    registry = emu.client("sagemaker")
    arns = [package(registry, "churn") for _ in range(3)]
    emu.control("POST", "/_podium/stacks", {**ENV, "stack": "churn-dev-stack", "endpoint": "churn-dev", "model_package_arn": arns[0], "role_arn": ROLE})
    emu.control("POST", "/_podium/pipelines", {"group": "churn", "environment": "dev", **ENV, "stack": "churn-dev-stack", **pipeline})
    creds = emu.assume("111111111111")
    return registry, emu.client("sagemaker", **creds), emu.client("cloudformation", **creds), emu.client("ssm", **creds), arns


def _runs(emu):
    return emu.control("GET", "/_podium/pipelines")["runs"]


def _settled(emu):
    def fetch():
        emu.control("POST", "/_podium/pipeline/tick")
        return _runs(emu)
    return poll(fetch, lambda runs: bool(runs) and all(r["status"] == "completed" for r in runs))[-1]


def _stack_package(cf):
    params = cf.describe_stacks(StackName="churn-dev-stack")["Stacks"][0]["Parameters"]
    return {p["ParameterKey"]: p["ParameterValue"] for p in params}["ModelPackageArn"]


def test_approval_deploys_the_latest_approved_version(emu):
    registry, sm, cf, _ssm, arns = _world(emu)
    newest = package(registry, "churn", status="PendingManualApproval")
    registry.update_model_package(ModelPackageArn=newest, ModelApprovalStatus="Approved")
    runs = _settled(emu)
    assert [(r["status"], r["conclusion"]) for r in runs] == [("completed", "success")]
    assert _stack_package(cf) == newest
    model = sm.describe_endpoint_config(EndpointConfigName=sm.describe_endpoint(EndpointName="churn-dev")["EndpointConfigName"])["ProductionVariants"][0]["ModelName"]
    assert sm.describe_model(ModelName=model)["PrimaryContainer"]["ModelPackageName"] == newest
    logs = emu.client("logs")  # the Lambda's log group is in the registry account, where the approval rule is
    lines = [e["message"] for e in logs.filter_log_events(logGroupName="/aws/lambda/podium-deploy-trigger")["events"]]
    assert any("is Approved" in line for line in lines) and any(line.startswith("dispatched deploy.yml") for line in lines)
    rules = emu.client("events").list_rules()["Rules"]
    assert json.loads(next(r for r in rules if r["Name"] == "podium-model-approved")["EventPattern"])["detail"] == {"ModelApprovalStatus": ["Approved"]}


def test_pin_change_deploys_the_pinned_version(emu):
    _registry, _sm, cf, ssm, arns = _world(emu)
    ssm.put_parameter(Name="/models/churn/dev", Value=arns[1], Type="String")
    runs = _settled(emu)
    assert [r["conclusion"] for r in runs] == ["success"]
    assert _stack_package(cf) == arns[1]  # the pin, not the latest Approved (arns[2])


def test_failed_stack_update_fails_the_run_with_the_first_failed_event(emu):
    _registry, sm, cf, ssm, arns = _world(emu)
    emu.control("POST", "/_podium/endpoint-failure", {"endpoint_name": "churn-dev", "mode": "rollback", "account": "111111111111", "reason": "canary alarm"})
    ssm.put_parameter(Name="/models/churn/dev", Value=arns[1], Type="String")
    runs = _settled(emu)
    assert runs[0]["conclusion"] == "failure"
    assert "UPDATE_ROLLBACK_COMPLETE" in runs[0]["log"][-1] and "canary alarm" in runs[0]["log"][-1]
    assert _stack_package(cf) == arns[0]


def _github(emu, method, path, body=None, token=TOKEN):
    headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{emu.url}/_github{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), dict(error.headers)


def test_github_dispatch_runs_and_jobs(emu):
    _registry, _sm, cf, _ssm, arns = _world(emu, repo="example-corp/ml-deploy", workflow="deploy.yml")
    base = "/repos/example-corp/ml-deploy/actions"
    dispatch = {"ref": "main", "inputs": {"environment": "dev", "model_package_arn": arns[1]}}
    assert _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", dispatch, token=None)[:2] == (401, {"message": "Requires authentication", "documentation_url": "https://docs.github.com/rest/actions", "status": "401"})
    assert _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", dispatch, token="wrong")[1]["message"] == "Bad credentials"
    assert _github(emu, "POST", f"{base}/workflows/nope.yml/dispatches", dispatch)[0] == 404
    assert _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", {"inputs": dispatch["inputs"]})[0] == 422
    assert "Unexpected inputs" in _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", {"ref": "main", "inputs": {"environment": "dev", "x": "1"}})[1]["message"]
    emu.control("POST", "/_podium/github", {"never_start": True})
    before = datetime.now(timezone.utc) - timedelta(seconds=2)
    status, body, _ = _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", dispatch)
    assert (status, body) == (204, None)
    emu.control("POST", "/_podium/pipeline/tick")
    listed = _github(emu, "GET", f"{base}/runs?event=workflow_dispatch&created=>={before:%Y-%m-%dT%H:%M:%SZ}")[1]
    assert listed["total_count"] == 1 and listed["workflow_runs"][0]["status"] == "queued"  # never_start: it stays queued
    run = listed["workflow_runs"][0]
    assert run["conclusion"] is None and run["path"] == ".github/workflows/deploy.yml" and arns[1] in run["display_title"]
    assert _github(emu, "GET", f"{base}/runs?created=<{before:%Y-%m-%d}")[1]["total_count"] == 0
    emu.control("POST", "/_podium/github", {"never_start": False})
    settled = poll(lambda: (emu.control("POST", "/_podium/pipeline/tick"), _github(emu, "GET", f"{base}/runs/{run['id']}")[1])[1],
                   lambda r: r["status"] == "completed")[-1]
    assert settled["conclusion"] == "success" and settled["run_started_at"] is not None
    jobs = _github(emu, "GET", f"{base}/runs/{run['id']}/jobs")[1]
    assert jobs["total_count"] == 1
    assert [(s["name"], s["conclusion"]) for s in jobs["jobs"][0]["steps"]] == [
        ("Set up job", "success"), ("Configure AWS credentials (OIDC)", "success"), ("cdk deploy", "success"), ("Complete job", "success")]
    assert _stack_package(cf) == arns[1]
    # return_run_details (GitHub, Feb 2026): 200 with the run's id; fail_next: the run fails in `cdk deploy`
    emu.control("POST", "/_podium/github", {"fail_next": 1})
    status, details, _ = _github(emu, "POST", f"{base}/workflows/deploy.yml/dispatches", {**dispatch, "return_run_details": True,
                                                                                      "inputs": {"environment": "dev", "model_package_arn": arns[2]}})
    assert status == 200 and set(details) == {"workflow_run_id", "run_url", "html_url"}
    failed = poll(lambda: (emu.control("POST", "/_podium/pipeline/tick"), _github(emu, "GET", f"{base}/runs/{details['workflow_run_id']}")[1])[1],
                  lambda r: r["status"] == "completed")[-1]
    assert failed["conclusion"] == "failure"
    steps = _github(emu, "GET", f"{base}/runs/{failed['id']}/jobs")[1]["jobs"][0]["steps"]
    assert [s["conclusion"] for s in steps if s["name"] == "cdk deploy"] == ["failure"]
    assert _stack_package(cf) == arns[1]  # untouched
    page = _github(emu, "GET", f"{base}/runs?per_page=1")
    assert page[1]["total_count"] == 2 and len(page[1]["workflow_runs"]) == 1 and 'rel="next"' in page[2]["Link"]
    logged = [(r["operation"], r["status"]) for r in emu.requests() if r["service"] == "github"]
    assert logged[0] == ("CreateWorkflowDispatch", 401) and ("ListJobsForWorkflowRun", 200) in logged
    assert all(TOKEN not in json.dumps(r) for r in emu.requests())


def test_preflight_data(emu):
    seeded = emu.control("POST", "/_podium/preflight", {
        **ENV,
        "images": [{"repository": "churn", "tag": "v3"}],
        "objects": [{"bucket": "podium-models-111111111111-us-east-1", "key": "churn/v3/model.tar.gz"}],
        "kms_keys": [{"alias": "alias/podium-endpoints"}, {"alias": "alias/podium-retired", "enabled": False}],
        "roles": [{"name": "sagemaker-exec"}, {"name": "lambda-only", "trusts": "lambda.amazonaws.com"}],
    })
    creds = emu.assume("111111111111")
    ecr, s3, kms, iam = (emu.client(s, **creds) for s in ("ecr", "s3", "kms", "iam"))
    image = ecr.describe_images(repositoryName="churn", imageIds=[{"imageTag": "v3"}])["imageDetails"][0]
    assert image["imageDigest"] == seeded["images"][0]["digest"] and image["imageDigest"].startswith("sha256:")
    assert s3.head_object(Bucket="podium-models-111111111111-us-east-1", Key="churn/v3/model.tar.gz")["ContentLength"] > 0
    states = {k["alias"]: kms.describe_key(KeyId=k["alias"])["KeyMetadata"]["KeyState"] for k in seeded["kms_keys"]}
    assert states == {"alias/podium-endpoints": "Enabled", "alias/podium-retired": "Disabled"}
    trust = iam.get_role(RoleName="lambda-only")["Role"]["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    assert trust["Statement"][0]["Principal"] == {"Service": "lambda.amazonaws.com"}


def test_bad_pipeline_and_github_input_is_a_400(emu):
    cases = [
        ("/_podium/pipelines", {"group": "churn", "environment": "dev", **ENV}),  # no stack
        ("/_podium/pipelines", {"group": "churn", "environment": "dev", **ENV, "stack": "s", "on_approval": "yes"}),
        ("/_podium/pipelines", {"group": "churn", "environment": "dev", **ENV, "stack": "s", "repo": "not-a-repo"}),
        ("/_podium/github", {"fail_next": -1}),
        ("/_podium/github", {"never_start": "yes"}),
        ("/_podium/preflight", {"account": "1", "region": "us-east-1"}),
        ("/_podium/stacks", {**ENV, "stack": "s"}),
    ]
    for path, body in cases:
        try:
            emu.control("POST", path, body)
        except urllib.error.HTTPError as error:
            assert error.code == 400 and json.loads(error.read())["error"], (path, body)
        else:
            raise AssertionError(f"{path} accepted {body}")
