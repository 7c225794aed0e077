"""A minimal GitHub REST stand-in for GitHub Actions, served by the emulator under `/_github` (the API base URL).

Shapes follow GitHub's REST documentation (see Emulator/README.md for the pages):
- POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches  {"ref", "inputs", "return_run_details"?}
  -> 204, or 200 {"workflow_run_id", "run_url", "html_url"} with return_run_details: true
- GET  /repos/{owner}/{repo}/actions/workflows                 -> {"total_count", "workflows"}
- GET  /repos/{owner}/{repo}/actions/runs                      -> {"total_count", "workflow_runs"} (newest first;
  filters actor, branch, event, status, created, head_sha, exclude_pull_requests; per_page <= 100, page; Link header)
- GET  /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs  (same, one workflow)
- GET  /repos/{owner}/{repo}/actions/runs/{run_id}              -> the run
- GET  /repos/{owner}/{repo}/actions/runs/{run_id}/jobs         -> {"total_count", "jobs"}
Every call needs `Authorization: Bearer <token>` (or `token <token>`): missing -> 401 "Requires authentication",
unknown token -> 401 "Bad credentials". Workflows exist for the (repo, workflow file) pairs of registered
pipelines (pipeline_ext); others are 404 "Not Found", as a workflow file that does not exist.

A run goes queued -> in_progress -> completed. Its one job, `deploy`, has the steps a deploy workflow has; the
`cdk deploy` step runs pipeline_ext.start_deploy and follows the stack: success on UPDATE_COMPLETE (or no change),
failure on a rollback. Knobs (`POST /_podium/github`): never_start (runs stay queued), fail_next (the next N runs
fail in `cdk deploy` without touching the stack), start_seconds (time a run stays queued), tokens, and
throttle_next (the next N authenticated API calls are refused instead, as GitHub refuses them) with throttle, one of
- "secondary": 403 "You have exceeded a secondary rate limit…" with `retry-after: <retry_after>`;
- "primary": 403 "API rate limit exceeded…" with `x-ratelimit-remaining: 0` and `x-ratelimit-reset: now + retry_after`;
- "server_error": 502 {"message": "Server Error"} (no rate-limit headers);
and retry_after (whole seconds, default 1). Shapes from "Rate limits for the REST API" (Emulator/README.md).
lose_next_dispatch (the next N dispatches start their run, then answer 502 as a gateway whose backend acted: the
client cannot tell whether it was dispatched).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable
from urllib.parse import parse_qs

from . import pipeline_ext

PREFIX = "/_github"
DOCS = "https://docs.github.com/rest/actions"
DEFAULT_TOKEN = "podium-emulator-token"
STEPS = ["Set up job", "Configure AWS credentials (OIDC)", "cdk deploy", "Complete job"]
DEPLOY_STEP = 3
THROTTLES = ("secondary", "primary", "server_error")
RATE_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api"


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Run:
    """One workflow run and its single job."""

    id: int
    run_number: int
    repo: str
    workflow: str
    workflow_id: int
    ref: str
    inputs: dict[str, str]
    event: str
    actor: str
    created: float
    status: str = "queued"
    conclusion: str | None = None
    started: float | None = None
    updated: float = 0.0
    completed: float | None = None
    step_status: list[tuple[str, str | None, float | None, float | None]] = field(default_factory=list)
    phase: str = "queued"  # queued | deploying | done
    pipeline: Any = None
    log: list[str] = field(default_factory=list)

    @property
    def head_sha(self) -> str:
        return f"{self.id:040x}"[-40:]

    def display_title(self) -> str:
        target = self.inputs.get("model_package_arn") or "latest approved"
        group = self.inputs.get("group")
        what = f"{group} " if group and not self.inputs.get("model_package_arn") else ""
        return f"Deploy {what}{target} to {self.inputs.get('environment', '?')}"

    def to_json(self, base: str) -> dict[str, Any]:
        owner, name = self.repo.split("/", 1)
        api = f"{base}/repos/{self.repo}"
        actor = {"login": self.actor, "id": 1, "type": "Bot" if self.actor.endswith("[bot]") else "User"}
        return {
            "id": self.id, "name": "deploy", "node_id": f"WFR_{self.id}", "check_suite_id": self.id + 5000,
            "head_branch": self.ref, "head_sha": self.head_sha, "path": f".github/workflows/{self.workflow}",
            "display_title": self.display_title(), "run_number": self.run_number, "event": self.event,
            "status": self.status, "conclusion": self.conclusion, "workflow_id": self.workflow_id,
            "url": f"{api}/actions/runs/{self.id}", "html_url": f"https://github.com/{self.repo}/actions/runs/{self.id}",
            "pull_requests": [], "created_at": _iso(self.created), "updated_at": _iso(self.updated or self.created),
            "actor": actor, "triggering_actor": actor, "run_attempt": 1, "run_started_at": _iso(self.started or self.created),
            "jobs_url": f"{api}/actions/runs/{self.id}/jobs", "logs_url": f"{api}/actions/runs/{self.id}/logs",
            "check_suite_url": f"{api}/check-suites/{self.id + 5000}", "artifacts_url": f"{api}/actions/runs/{self.id}/artifacts",
            "cancel_url": f"{api}/actions/runs/{self.id}/cancel", "rerun_url": f"{api}/actions/runs/{self.id}/rerun",
            "workflow_url": f"{api}/actions/workflows/{self.workflow_id}",
            "head_commit": {"id": self.head_sha, "message": "deploy", "timestamp": _iso(self.created)},
            "repository": {"id": abs(hash(self.repo)) % 10**8, "name": name, "full_name": self.repo, "owner": {"login": owner}},
            "head_repository": {"id": abs(hash(self.repo)) % 10**8, "name": name, "full_name": self.repo, "owner": {"login": owner}},
        }

    def job_json(self, base: str) -> dict[str, Any]:
        api = f"{base}/repos/{self.repo}"
        job_id = self.id * 10 + 1
        steps = [{"name": name, "status": status, "conclusion": conclusion, "number": i + 1,
                  "started_at": _iso(started), "completed_at": _iso(completed)}
                 for i, (name, conclusion, started, completed) in enumerate(self.step_status)
                 for status in [("completed" if completed else "in_progress")]]
        return {
            "id": job_id, "run_id": self.id, "run_url": f"{api}/actions/runs/{self.id}", "node_id": f"CR_{job_id}",
            "head_sha": self.head_sha, "url": f"{api}/actions/jobs/{job_id}",
            "html_url": f"https://github.com/{self.repo}/actions/runs/{self.id}/job/{job_id}",
            "status": "queued" if self.status == "queued" else self.status, "conclusion": self.conclusion,
            "created_at": _iso(self.created), "started_at": _iso(self.started or self.created), "completed_at": _iso(self.completed),
            "name": "deploy", "steps": steps, "check_run_url": f"{api}/check-runs/{job_id}", "labels": ["ubuntu-latest"],
            "runner_id": 1 if self.started else None, "runner_name": "GitHub Actions 1" if self.started else None,
            "runner_group_id": 1 if self.started else None, "runner_group_name": "GitHub Actions" if self.started else None,
            "workflow_name": "deploy", "head_branch": self.ref, "run_attempt": 1,
        }


class Runs:
    """Every workflow run, the knobs, and the code that moves runs along (called by the pipeline worker)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with getattr(self, "lock", threading.RLock()):
            self.runs: dict[int, Run] = {}
            self.ids = itertools.count(9_000_001)
            self.numbers: dict[tuple[str, str], itertools.count] = {}
            self.never_start = False
            self.fail_next = 0
            self.start_seconds = 0.0
            self.throttle_next = 0
            self.throttle = "secondary"
            self.retry_after = 1
            self.lose_next_dispatch = 0
            env_token = os.environ.get("PODIUM_EMU_GITHUB_TOKEN")
            self.tokens = {env_token} if env_token else {DEFAULT_TOKEN}

    def config(self) -> dict[str, Any]:
        with self.lock:
            return {"never_start": self.never_start, "fail_next": self.fail_next, "start_seconds": self.start_seconds,
                    "throttle_next": self.throttle_next, "throttle": self.throttle, "retry_after": self.retry_after,
                    "lose_next_dispatch": self.lose_next_dispatch,
                    "tokens": sorted(self.tokens), "workflows": [{"repo": r, "workflow": w, "id": i} for (r, w), i in workflows().items()]}

    def configure(self, body: dict[str, Any]) -> dict[str, Any]:
        unknown = set(body) - {"never_start", "fail_next", "start_seconds", "tokens", "throttle_next", "throttle", "retry_after", "lose_next_dispatch"}
        if unknown:
            raise ValueError(f"unknown github keys: {', '.join(sorted(unknown))}")
        with self.lock:
            if "never_start" in body:
                if not isinstance(body["never_start"], bool):
                    raise ValueError("never_start must be true or false")
                self.never_start = body["never_start"]
            if "fail_next" in body:
                if isinstance(body["fail_next"], bool) or not isinstance(body["fail_next"], int) or body["fail_next"] < 0:
                    raise ValueError("fail_next must be an integer >= 0")
                self.fail_next = body["fail_next"]
            if "start_seconds" in body:
                value = body["start_seconds"]
                if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                    raise ValueError("start_seconds must be a number >= 0")
                self.start_seconds = float(value)
            if "lose_next_dispatch" in body:
                value = body["lose_next_dispatch"]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError("lose_next_dispatch must be an integer >= 0")
                self.lose_next_dispatch = value
            if "throttle_next" in body:
                value = body["throttle_next"]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError("throttle_next must be an integer >= 0")
                self.throttle_next = value
            if "throttle" in body:
                if body["throttle"] not in THROTTLES:
                    raise ValueError(f"throttle must be one of {', '.join(THROTTLES)}")
                self.throttle = body["throttle"]
            if "retry_after" in body:
                value = body["retry_after"]
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError("retry_after must be whole seconds >= 0")
                self.retry_after = value
            if "tokens" in body:
                tokens = body["tokens"]
                if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) and t for t in tokens):
                    raise ValueError("tokens must be a non-empty list of strings")
                self.tokens = set(tokens)
        return self.config()

    def take_throttle(self) -> tuple[str, int] | None:
        """The refusal the next API call gets (throttle, retry_after), counting it down; None when it is served."""
        with self.lock:
            if self.throttle_next <= 0:
                return None
            self.throttle_next -= 1
            return self.throttle, self.retry_after

    def take_lost_dispatch(self) -> bool:
        """Whether this dispatch's answer is lost (counting the knob down)."""
        with self.lock:
            if self.lose_next_dispatch <= 0:
                return False
            self.lose_next_dispatch -= 1
            return True

    def dispatch(self, repo: str, workflow: str, ref: str, inputs: dict[str, str], actor: str, event: str = "workflow_dispatch") -> Run:
        known = workflows()
        key = next(((r, w) for (r, w) in known if r.lower() == repo.lower() and (w == workflow or str(known[(r, w)]) == workflow)), None)
        if key is None:
            raise LookupError(f"no workflow {workflow} in {repo}")
        with self.lock:
            number = next(self.numbers.setdefault(key, itertools.count(1)))
            now = time.time()
            run = Run(id=next(self.ids), run_number=number, repo=key[0], workflow=key[1], workflow_id=known[key], ref=ref,
                      inputs=dict(inputs), event=event, actor=actor, created=now, updated=now)
            self.runs[run.id] = run
            return run

    def advance(self) -> None:
        """Moves runs along; called by the pipeline worker's tick (never from a request thread alone)."""
        with self.lock:
            runs = [r for r in self.runs.values() if r.phase != "done"]
            for run in runs:
                if run.phase == "queued":
                    if self.never_start or time.time() - run.created < self.start_seconds:
                        continue
                    self._start(run)
                elif run.phase == "deploying":
                    self._follow(run)

    def _start(self, run: Run) -> None:
        now = time.time()
        run.status, run.started, run.updated, run.phase = "in_progress", now, now, "deploying"
        run.step_status = [(STEPS[0], "success", now, now), (STEPS[1], "success", now, now), (STEPS[2], None, now, None)]
        environment = run.inputs.get("environment", "")
        arn = run.inputs.get("model_package_arn") or None
        group = run.inputs.get("group") or _group_of(arn)
        pipeline = pipeline_ext.find_for_run(run.repo, run.workflow, environment, group)
        run.pipeline = pipeline
        if self.fail_next > 0:
            self.fail_next -= 1
            return self._finish(run, "failure", "cdk deploy failed (injected by the emulator's fail_next knob)")
        if pipeline is None:
            return self._finish(run, "failure", f"no stack is configured for environment {environment!r} (group {group!r})")
        outcome, detail, lines = pipeline_ext.start_deploy(pipeline, arn)
        run.log += lines
        if outcome == "failed":
            self._finish(run, "failure", detail)
        elif outcome == "unchanged":
            self._finish(run, "success", "no changes")

    def _follow(self, run: Run) -> None:
        try:
            status, reason = pipeline_ext.stack_status(run.pipeline)
        except Exception as error:
            return self._finish(run, "failure", str(error))
        if status == "UPDATE_COMPLETE":
            self._finish(run, "success", f"{run.pipeline.stack}: UPDATE_COMPLETE")
        elif status.endswith("_COMPLETE") or status.endswith("_FAILED"):
            self._finish(run, "failure", f"{run.pipeline.stack}: {status}" + (f" ({reason})" if reason else ""))

    def _finish(self, run: Run, conclusion: str, message: str) -> None:
        now = time.time()
        name, _, started, _ = run.step_status[DEPLOY_STEP - 1]
        run.step_status[DEPLOY_STEP - 1] = (name, conclusion, started, now)
        run.step_status.append((STEPS[3], "success", now, now))
        run.status, run.conclusion, run.completed, run.updated, run.phase = "completed", conclusion, now, now, "done"
        run.log.append(message)
        pipeline = run.pipeline
        if pipeline is not None:
            pipeline_ext.lambda_log(pipeline.account, pipeline.region, [f"run {run.id} ({run.repo} {run.workflow}): {conclusion}: {message}"])


RUNS = Runs()


def _group_of(arn: str | None) -> str | None:
    match = re.match(r"^arn:[\w-]+:sagemaker:[\w-]+:\d{12}:model-package/([^/]+)/\d+$", arn or "")
    return match.group(1) if match else None


def workflows() -> dict[tuple[str, str], int]:
    with pipeline_ext.PIPELINES.lock:
        pairs = sorted({(p.repo, p.workflow) for p in pipeline_ext.PIPELINES.pipelines})
    return {pair: 7_000_001 + i for i, pair in enumerate(pairs)}


# MARK: - HTTP


StartResponse = Callable[..., Any]
REASONS = {200: "OK", 204: "No Content", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           422: "Unprocessable Entity", 429: "Too Many Requests", 502: "Bad Gateway"}


def _answer(start_response: StartResponse, status: int, payload: Any = None, headers: list[tuple[str, str]] | None = None) -> list[bytes]:
    body = b"" if payload is None else json.dumps(payload).encode()
    base = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body))),
            ("X-GitHub-Api-Version-Selected", "2022-11-28"), ("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "4999"),
            ("X-GitHub-Request-Id", f"PODIUM:{int(time.time() * 1000):x}")]
    overridden = {name.lower() for name, _ in headers or []}
    base = [(name, value) for name, value in base if name.lower() not in overridden]
    start_response(f"{status} {REASONS.get(status, 'Error')}", base + (headers or []))
    return [body]


def _error(start_response: StartResponse, status: int, message: str, doc: str = DOCS) -> list[bytes]:
    return _answer(start_response, status, {"message": message, "documentation_url": doc, "status": str(status)})


def _parse_time(text: str, end: bool = False) -> float | None:
    text = text.strip()
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%MZ", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        value = parsed.timestamp()
        return value + 86400 - 0.001 if end and fmt == "%Y-%m-%d" else value
    return None


def created_filter(spec: str) -> Callable[[float], bool] | None:
    """GitHub's date search syntax: >=D, >D, <=D, <D, D..D (either side may be *), or D (that day / instant)."""
    for op in (">=", "<=", ">", "<"):
        if spec.startswith(op):
            value = _parse_time(spec[len(op):], end=op in ("<=", ">"))
            if value is None:
                return None
            return {">=": lambda t: t >= value, "<=": lambda t: t <= value, ">": lambda t: t > value, "<": lambda t: t < value}[op]
    if ".." in spec:
        low_text, high_text = spec.split("..", 1)
        low = None if low_text == "*" else _parse_time(low_text)
        high = None if high_text == "*" else _parse_time(high_text, end=True)
        if (low is None and low_text != "*") or (high is None and high_text != "*"):
            return None
        return lambda t: (low is None or t >= low) and (high is None or t <= high)
    low, high = _parse_time(spec), _parse_time(spec, end=True)
    if low is None or high is None:
        return None
    return lambda t: low <= t <= high


def operation(method: str, path: str) -> str:
    """The name GitHub's REST reference gives the endpoint (for the emulator's request log)."""
    rest = re.sub(r"^/repos/[^/]+/[^/]+/actions", "", path[len(PREFIX):].rstrip("/"))
    for pattern, name in ((r"^/workflows$", "ListRepoWorkflows"), (r"^/workflows/[^/]+/dispatches$", "CreateWorkflowDispatch"),
                          (r"^/runs$", "ListWorkflowRunsForRepo"), (r"^/workflows/[^/]+/runs$", "ListWorkflowRuns"),
                          (r"^/runs/\d+$", "GetWorkflowRun"), (r"^/runs/\d+/jobs$", "ListJobsForWorkflowRun")):
        if re.match(pattern, rest):
            return name
    return f"{method} {path}"


def handle(environ: dict[str, Any], start_response: StartResponse, base_url: str) -> Iterable[bytes]:
    """Serves one GitHub REST request (PATH_INFO starts with /_github)."""
    method = environ.get("REQUEST_METHOD", "GET")
    path = (environ.get("PATH_INFO") or "")[len(PREFIX):].rstrip("/")
    auth = environ.get("HTTP_AUTHORIZATION") or ""
    scheme, _, token = auth.partition(" ")
    if not auth:
        return _error(start_response, 401, "Requires authentication")
    with RUNS.lock:
        tokens = set(RUNS.tokens)
    if scheme.lower() not in ("bearer", "token") or token.strip() not in tokens:
        return _error(start_response, 401, "Bad credentials")
    throttled = RUNS.take_throttle()
    if throttled is not None:
        return _throttled(start_response, *throttled)
    query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True).items()}
    match = re.match(r"^/repos/([^/]+)/([^/]+)/actions(/.*)$", path)
    if not match:
        return _error(start_response, 404, "Not Found")
    repo, rest = f"{match.group(1)}/{match.group(2)}", match.group(3)
    known = {k: v for k, v in workflows().items() if k[0].lower() == repo.lower()}
    if not known:
        return _error(start_response, 404, "Not Found")
    repo = next(iter(known))[0]

    def workflow_key(ident: str) -> tuple[str, str] | None:
        return next((k for k, v in known.items() if k[1] == ident or str(v) == ident), None)

    if rest == "/workflows" and method == "GET":
        items = [{"id": v, "node_id": f"W_{v}", "name": k[1].rsplit(".", 1)[0], "path": f".github/workflows/{k[1]}", "state": "active",
                  "url": f"{base_url}/repos/{repo}/actions/workflows/{v}", "html_url": f"https://github.com/{repo}/blob/main/.github/workflows/{k[1]}"}
                 for k, v in known.items()]
        return _answer(start_response, 200, {"total_count": len(items), "workflows": items})
    dispatch = re.match(r"^/workflows/([^/]+)/dispatches$", rest)
    if dispatch:
        if method != "POST":
            return _error(start_response, 404, "Not Found")
        key = workflow_key(dispatch.group(1))
        if key is None:
            return _error(start_response, 404, "Not Found", f"{DOCS}/workflows#create-a-workflow-dispatch-event")
        return _dispatch(environ, start_response, key, base_url)
    listing = re.match(r"^(?:/workflows/([^/]+))?/runs$", rest)
    if listing and method == "GET":
        key = None
        if listing.group(1) is not None:
            key = workflow_key(listing.group(1))
            if key is None:
                return _error(start_response, 404, "Not Found")
        return _list_runs(start_response, repo, key, query, base_url, environ)
    one = re.match(r"^/runs/(\d+)(/jobs)?$", rest)
    if one and method == "GET":
        with RUNS.lock:
            run = RUNS.runs.get(int(one.group(1)))
            if run is None or run.repo != repo:
                return _error(start_response, 404, "Not Found")
            if one.group(2):
                return _answer(start_response, 200, {"total_count": 1, "jobs": [run.job_json(base_url)]})
            return _answer(start_response, 200, run.to_json(base_url))
    return _error(start_response, 404, "Not Found")


def _throttled(start_response: StartResponse, kind: str, retry_after: int) -> list[bytes]:
    """GitHub's refusals as its rate-limit page documents them (403 or 429 with these headers and messages)."""
    if kind == "server_error":
        return _answer(start_response, 502, {"message": "Server Error"})
    if kind == "primary":
        reset = int(time.time()) + retry_after
        headers = [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Used", "5000"), ("X-RateLimit-Reset", str(reset)),
                   ("X-RateLimit-Resource", "core")]
        payload = {"message": "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
                   "documentation_url": RATE_DOCS, "status": "403"}
        return _answer(start_response, 403, payload, headers)
    payload = {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
               "documentation_url": RATE_DOCS, "status": "403"}
    return _answer(start_response, 403, payload, [("Retry-After", str(retry_after))])


def _dispatch(environ: dict[str, Any], start_response: StartResponse, key: tuple[str, str], base_url: str) -> list[bytes]:
    doc = f"{DOCS}/workflows#create-a-workflow-dispatch-event"
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = json.loads(environ["wsgi.input"].read(length) or b"{}") if length > 0 else {}
    except (ValueError, json.JSONDecodeError):
        return _error(start_response, 400, "Problems parsing JSON", doc)
    if not isinstance(body, dict):
        return _error(start_response, 400, "Problems parsing JSON", doc)
    if not isinstance(body.get("ref"), str) or not body["ref"]:
        return _error(start_response, 422, 'Invalid request.\n\n"ref" wasn\'t supplied.', doc)
    inputs = body.get("inputs") or {}
    if not isinstance(inputs, dict) or not all(isinstance(v, str) for v in inputs.values()):
        return _error(start_response, 422, "Invalid request.\n\nFor 'properties/inputs', values must be strings.", doc)
    declared = {"environment", "model_package_arn", "group"}
    unexpected = sorted(set(inputs) - declared)
    if unexpected:
        return _error(start_response, 422, f"Unexpected inputs provided: {json.dumps(unexpected)}", doc)
    if not inputs.get("environment"):
        return _error(start_response, 422, "Required input 'environment' not provided", doc)
    run = RUNS.dispatch(key[0], key[1], body["ref"], inputs, actor="podium")
    if RUNS.take_lost_dispatch():
        return _answer(start_response, 502, {"message": "Server Error"})
    if body.get("return_run_details") is True:
        return _answer(start_response, 200, {"workflow_run_id": run.id, "run_url": f"{base_url}/repos/{run.repo}/actions/runs/{run.id}",
                                             "html_url": f"https://github.com/{run.repo}/actions/runs/{run.id}"})
    return _answer(start_response, 204)


def _list_runs(start_response: StartResponse, repo: str, key: tuple[str, str] | None, query: dict[str, str], base_url: str, environ: dict[str, Any]) -> list[bytes]:
    try:
        per_page = min(max(int(query.get("per_page", 30)), 1), 100)
        page = max(int(query.get("page", 1)), 1)
    except ValueError:
        return _error(start_response, 422, "Invalid request: per_page and page must be integers")
    created = None
    if query.get("created"):
        created = created_filter(query["created"])
        if created is None:
            return _error(start_response, 422, f"Invalid request: created {query['created']!r} is not a date or date range")
    with RUNS.lock:
        runs = [r for r in RUNS.runs.values() if r.repo == repo and (key is None or r.workflow == key[1])]
        if query.get("event"):
            runs = [r for r in runs if r.event == query["event"]]
        if query.get("actor"):
            runs = [r for r in runs if r.actor == query["actor"]]
        if query.get("branch"):
            runs = [r for r in runs if r.ref == query["branch"]]
        if query.get("head_sha"):
            runs = [r for r in runs if r.head_sha == query["head_sha"]]
        if query.get("status"):
            runs = [r for r in runs if query["status"] in (r.status, r.conclusion)]
        if created is not None:
            runs = [r for r in runs if created(r.created)]
        runs.sort(key=lambda r: r.id, reverse=True)
        total = len(runs)
        items = [r.to_json(base_url) for r in runs[(page - 1) * per_page: page * per_page]]
    headers = []
    if page * per_page < total:
        path = environ.get("PATH_INFO", "")
        rest = "&".join(f"{k}={v}" for k, v in query.items() if k != "page")
        headers.append(("Link", f'<{base_url}{path[len(PREFIX):]}?{rest + "&" if rest else ""}page={page + 1}>; rel="next"'))
    return _answer(start_response, 200, {"total_count": total, "workflow_runs": items}, headers)
