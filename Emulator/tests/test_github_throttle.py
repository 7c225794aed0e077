"""The GitHub stand-in's throttle knob: GitHub's primary and secondary rate-limit refusals and a 5xx, as GitHub's
"Rate limits for the REST API" page describes them, for the next N authenticated calls only."""

from __future__ import annotations

import json
import time
import urllib.error

from .test_pipeline import _github, _world

RUNS = "/repos/example-corp/ml-deploy/actions/workflows/deploy.yml/runs"


def test_secondary_limit_refuses_the_next_calls_with_retry_after_then_serves(emu):
    _world(emu)
    emu.control("POST", "/_podium/github", {"throttle_next": 2, "throttle": "secondary", "retry_after": 3})
    assert _github(emu, "GET", RUNS, token="wrong")[0] == 401  # authentication first; it takes no refusal
    answers = [_github(emu, "GET", RUNS) for _ in range(3)]
    for status, body, headers in answers[:2]:
        assert status == 403 and headers["Retry-After"] == "3"
        assert "secondary rate limit" in body["message"] and body["documentation_url"].endswith("rate-limits-for-the-rest-api")
    assert answers[2][0] == 200 and answers[2][1]["total_count"] == 0
    assert emu.control("GET", "/_podium/github")["throttle_next"] == 0
    logged = [(r["operation"], r["status"]) for r in emu.requests() if r["service"] == "github"]
    assert logged == [("ListWorkflowRuns", 401), ("ListWorkflowRuns", 403), ("ListWorkflowRuns", 403), ("ListWorkflowRuns", 200)]


def test_primary_limit_says_the_budget_is_spent_until_the_reset(emu):
    _world(emu)
    emu.control("POST", "/_podium/github", {"throttle_next": 1, "throttle": "primary", "retry_after": 30})
    before = int(time.time())
    status, body, headers = _github(emu, "GET", RUNS)
    assert status == 403 and body["message"].startswith("API rate limit exceeded")
    assert headers["X-RateLimit-Remaining"] == "0" and "Retry-After" not in headers
    assert before + 30 <= int(headers["X-RateLimit-Reset"]) <= int(time.time()) + 30
    assert _github(emu, "GET", RUNS)[2]["X-RateLimit-Remaining"] == "4999"


def test_server_error_is_a_502_and_applies_to_dispatches_too(emu):
    _world(emu)
    emu.control("POST", "/_podium/github", {"throttle_next": 1, "throttle": "server_error"})
    dispatch = {"ref": "main", "inputs": {"environment": "dev"}}
    status, body, headers = _github(emu, "POST", "/repos/example-corp/ml-deploy/actions/workflows/deploy.yml/dispatches", dispatch)
    assert (status, body) == (502, {"message": "Server Error"}) and "Retry-After" not in headers
    assert emu.control("GET", "/_podium/pipelines")["runs"] == []  # refused: nothing was dispatched


def test_a_lost_dispatch_answer_is_a_502_but_the_run_started(emu):
    _world(emu)
    emu.control("POST", "/_podium/github", {"lose_next_dispatch": 1})
    path = "/repos/example-corp/ml-deploy/actions/workflows/deploy.yml/dispatches"
    dispatch = {"ref": "main", "inputs": {"environment": "dev"}}
    assert _github(emu, "POST", path, dispatch)[:2] == (502, {"message": "Server Error"})
    assert _github(emu, "POST", path, dispatch)[0] == 204
    assert len(emu.control("GET", "/_podium/pipelines")["runs"]) == 2  # both dispatches started a run


def test_bad_throttle_settings_are_a_400(emu):
    for body in ({"throttle": "slow"}, {"throttle_next": -1}, {"throttle_next": True}, {"retry_after": 1.5},
                 {"lose_next_dispatch": -1}):
        try:
            emu.control("POST", "/_podium/github", body)
        except urllib.error.HTTPError as error:
            assert error.code == 400 and json.loads(error.read())["error"], body
        else:
            raise AssertionError(f"accepted {body}")
