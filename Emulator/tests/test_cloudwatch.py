"""GetMetricData percentiles, stored Values/Counts, paging, metric math, and both CloudWatch wire protocols."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

DIMS = [{"Name": "EndpointName", "Value": "churn-prod"}, {"Name": "VariantName", "Value": "AllTraffic"}]


def _query(qid, name, stat, period=60):
    return {"Id": qid, "MetricStat": {"Metric": {"Namespace": "AWS/SageMaker", "MetricName": name, "Dimensions": DIMS}, "Period": period, "Stat": stat}}


def _window(minutes=5):
    now = datetime.now(timezone.utc).replace(second=0, microsecond=0)
    return now - timedelta(minutes=minutes), now + timedelta(minutes=1), now


def _put_latencies(cw, at):
    # 1..100 ms in two batches, one using Counts (value 100 twice would skew, so Counts of 1 and one of 2)
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=[{"MetricName": "ModelLatency", "Dimensions": DIMS, "Timestamp": at, "Values": [float(v) for v in range(1, 51)], "Unit": "Milliseconds"}])
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=[{"MetricName": "ModelLatency", "Dimensions": DIMS, "Timestamp": at, "Values": [float(v) for v in range(51, 100)] + [100.0], "Counts": [1.0] * 49 + [1.0], "Unit": "Milliseconds"}])


def test_percentiles_from_raw_values(emu):
    # Stock moto: any percentile statistic -> HTTP 500 for the whole GetMetricData (test_stock_percentile_fails).
    cw = emu.client("cloudwatch")
    start, end, now = _window()
    _put_latencies(cw, now)
    result = cw.get_metric_data(
        MetricDataQueries=[_query("p50", "ModelLatency", "p50"), _query("p90", "ModelLatency", "p90"), _query("p99", "ModelLatency", "p99"), _query("p999", "ModelLatency", "p99.9"), _query("avg", "ModelLatency", "Average")],
        StartTime=start, EndTime=end,
    )["MetricDataResults"]
    values = {r["Id"]: r["Values"] for r in result}
    assert values == {"p50": [50.0], "p90": [90.0], "p99": [99.0], "p999": [100.0], "avg": [50.5]}


def test_values_and_counts_are_stored(emu):
    cw = emu.client("cloudwatch")
    start, end, now = _window()
    cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=[{"MetricName": "ModelLatency", "Dimensions": DIMS, "Timestamp": now, "Values": [10.0, 1000.0], "Counts": [9.0, 1.0]}])
    result = cw.get_metric_data(MetricDataQueries=[_query("n", "ModelLatency", "SampleCount"), _query("s", "ModelLatency", "Sum"), _query("p", "ModelLatency", "p90"), _query("m", "ModelLatency", "Maximum")], StartTime=start, EndTime=end)["MetricDataResults"]
    assert {r["Id"]: r["Values"][0] for r in result} == {"n": 10.0, "s": 1090.0, "p": 10.0, "m": 1000.0}


def test_per_minute_series_paging_and_math(emu):
    cw = emu.client("cloudwatch")
    start, end, now = _window(minutes=10)
    for minute in range(10):
        at = start + timedelta(minutes=minute, seconds=5)
        cw.put_metric_data(Namespace="AWS/SageMaker", MetricData=[
            {"MetricName": "Invocations", "Dimensions": DIMS, "Timestamp": at, "Value": 100.0},
            {"MetricName": "Invocation5XXErrors", "Dimensions": DIMS, "Timestamp": at, "Value": float(minute)},
        ])
    queries = [_query("inv", "Invocations", "Sum"), _query("e5", "Invocation5XXErrors", "Sum"), {"Id": "rate", "Expression": "100 * e5 / inv", "Label": "5xx %"}]
    full = cw.get_metric_data(MetricDataQueries=queries, StartTime=start, EndTime=end, ScanBy="TimestampAscending")["MetricDataResults"]
    by_id = {r["Id"]: r for r in full}
    assert by_id["inv"]["Values"] == [100.0] * 10
    assert by_id["rate"]["Values"] == [float(m) for m in range(10)]
    assert by_id["inv"]["Timestamps"][0] == start
    pages, token = [], None
    while True:
        kwargs = {"NextToken": token} if token else {}
        page = cw.get_metric_data(MetricDataQueries=queries[:2], StartTime=start, EndTime=end, MaxDatapoints=7, **kwargs)
        pages.append(page["MetricDataResults"])
        token = page.get("NextToken")
        if not token:
            break
    assert len(pages) == 3
    assert sum(len(r["Values"]) for p in pages for r in p) == 20
    assert pages[0][0]["StatusCode"] == "PartialData"


def test_more_than_500_queries_is_rejected(emu):
    cw = emu.client("cloudwatch")
    start, end, _ = _window()
    with pytest.raises(ClientError) as error:
        cw.get_metric_data(MetricDataQueries=[_query(f"q{i}", "Invocations", "Sum") for i in range(501)], StartTime=start, EndTime=end)
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def _signed(url, target_or_form, json_mode):
    creds = Credentials("testing", "testing")
    if json_mode:
        headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"GraniteServiceVersion20100801.{target_or_form}", "x-amzn-query-mode": "true"}
        body = b"{}"
    else:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        body = target_or_form.encode()
    request = AWSRequest(method="POST", url=url + "/", data=body, headers=headers)
    SigV4Auth(creds, "monitoring", "us-east-1").add_auth(request)
    return request.prepare()


@pytest.mark.parametrize("json_mode", [True, False], ids=["awsJson1_0+query-mode", "awsQuery"])
def test_both_cloudwatch_protocols(emu, json_mode):
    import urllib.request

    emu.client("cloudwatch").put_metric_alarm(AlarmName="churn-prod-5xx", Namespace="AWS/SageMaker", MetricName="Invocation5XXErrors", Statistic="Sum", Period=60, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")
    prepared = _signed(emu.url, "DescribeAlarms" if json_mode else "Action=DescribeAlarms&Version=2010-08-01", json_mode)
    request = urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read().decode()
        ctype = response.headers["Content-Type"]
    assert "churn-prod-5xx" in body
    assert ("json" in ctype) == json_mode
    assert emu.requests()[-1]["operation"] == "DescribeAlarms"


def test_boto3_cloudwatch_speaks_json_with_query_mode(emu):
    cw = emu.client("cloudwatch")
    sent = []
    cw.meta.events.register("before-send.cloudwatch.*", lambda request, **_: sent.append(dict(request.headers)))
    cw.list_metrics()
    assert sent[0]["Content-Type"] == b"application/x-amz-json-1.0"
    assert sent[0]["x-amzn-query-mode"] == b"true"


def test_stock_percentile_fails(stock):
    cw = stock.client("cloudwatch")
    start, end, now = _window()
    _put_latencies(cw, now)
    with pytest.raises(ClientError) as error:
        cw.get_metric_data(MetricDataQueries=[_query("p99", "ModelLatency", "p99")], StartTime=start, EndTime=end)
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
