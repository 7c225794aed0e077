"""CloudWatch gaps in moto 5.2.1 closed in-process.

- GetMetricData with percentile statistics (p50, p90, p99, p99.9, ...): stock moto answers HTTP 500 for the whole
  call. Percentiles are computed from the stored raw values (nearest-rank), like CloudWatch does for raw data.
- GetMetricData is indexed by (namespace, name, dimensions) so 500 queries over an hour of per-minute data stay
  fast (stock scans every datum for every query and period); MaxDatapoints/NextToken paging; > 500 queries rejected.
- Metric math: + - * / and parentheses over query ids and numbers (stock only echoes a single id).
- Metric data older than PODIUM_EMU_METRIC_RETENTION_SECONDS (default 6 h) is dropped so long demos stay small.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

from moto.cloudwatch.exceptions import InvalidParameterValue, ValidationError
from moto.cloudwatch.models import CloudWatchBackend, MetricAggregatedDatum, MetricDatum
from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult

PERCENTILE_RE = re.compile(r"^p(\d{1,2}(?:\.\d{1,10})?|100)$")
BASIC_STATS = ("SampleCount", "Sum", "Average", "Minimum", "Maximum")
MAX_QUERIES = 500
DEFAULT_MAX_DATAPOINTS = 100_800
_LOCK = threading.RLock()


def _epoch(value: datetime) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


def _key(namespace: str, name: str, dims: Any) -> tuple[str, str, frozenset[tuple[str, str]]]:
    pairs = []
    for d in dims or []:
        if hasattr(d, "name"):
            pairs.append((d.name, d.value))
        else:
            pairs.append((d["Name"], d.get("Value")))
    return namespace, name, frozenset(pairs)


# MARK: - statistics


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of raw values (p in 0...100)."""
    if not values:
        return None
    ordered = sorted(values)
    if p <= 0:
        return ordered[0]
    rank = math.ceil(p / 100.0 * len(ordered))
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def compute_stat(stat: str, datums: list[Any]) -> float | None:
    singles = [d.value for d in datums if isinstance(d, MetricDatum)]
    aggregates = [d for d in datums if isinstance(d, MetricAggregatedDatum)]
    count = len(singles) + sum(a.sample_count for a in aggregates)
    if stat == "SampleCount":
        return float(count) if datums else None
    if stat == "Sum":
        return float(sum(singles) + sum(a.sum for a in aggregates)) if datums else None
    if stat == "Average":
        return (sum(singles) + sum(a.sum for a in aggregates)) / count if count else None
    if stat == "Minimum":
        pool = singles + [a.min for a in aggregates]
        return min(pool) if pool else None
    if stat == "Maximum":
        pool = singles + [a.max for a in aggregates]
        return max(pool) if pool else None
    match = PERCENTILE_RE.match(stat)
    if match:
        return percentile(singles, float(match.group(1)))
    return None


def validate_stat(stat: Any, index: int) -> None:
    if stat in BASIC_STATS or (isinstance(stat, str) and PERCENTILE_RE.match(stat)):
        return
    raise InvalidParameterValue(
        f"The value {stat} for parameter MetricDataQueries.member.{index}.MetricStat.Stat is not supported."
    )


# MARK: - index


class MetricIndex:
    """Datums grouped by exact (namespace, name, dimension set), refreshed incrementally from moto's list."""

    def __init__(self) -> None:
        self.seen = 0
        self.first: Any = None
        self.groups: dict[Any, list[tuple[float, Any]]] = {}

    def refresh(self, data: list[Any]) -> None:
        first = data[0] if data else None
        if len(data) < self.seen or first is not self.first:
            self.seen, self.groups = 0, {}
        self.first = first
        for datum in data[self.seen :]:
            key = _key(datum.namespace, datum.name, datum.dimensions)
            self.groups.setdefault(key, []).append((_epoch(datum.timestamp), datum))
        self.seen = len(data)


def _index(backend: CloudWatchBackend) -> MetricIndex:
    index = backend.__dict__.get("podium_index")
    if index is None:
        index = MetricIndex()
        backend.__dict__["podium_index"] = index
    return index


# MARK: - metric math


_TOKEN_RE = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(.))")


class _Math:
    """Recursive-descent evaluator over series (dict timestamp->value) and scalars."""

    def __init__(self, expression: str, series: dict[str, dict[datetime, float]]) -> None:
        self.tokens = [(n, i, o) for n, i, o in _TOKEN_RE.findall(expression) if n or i or o.strip()]
        self.pos = 0
        self.series = series

    def parse(self) -> Any:
        value = self._expr()
        if self.pos != len(self.tokens):
            raise ValueError("unexpected trailing input")
        return value

    def _peek(self) -> str | None:
        if self.pos >= len(self.tokens):
            return None
        return self.tokens[self.pos][2] or None

    def _expr(self) -> Any:
        value = self._term()
        while self._peek() in ("+", "-"):
            op = self.tokens[self.pos][2]
            self.pos += 1
            value = _apply(op, value, self._term())
        return value

    def _term(self) -> Any:
        value = self._factor()
        while self._peek() in ("*", "/"):
            op = self.tokens[self.pos][2]
            self.pos += 1
            value = _apply(op, value, self._factor())
        return value

    def _factor(self) -> Any:
        if self.pos >= len(self.tokens):
            raise ValueError("unexpected end of expression")
        number, ident, op = self.tokens[self.pos]
        self.pos += 1
        if number:
            return float(number)
        if ident:
            if ident not in self.series:
                raise ValueError(f"unknown id {ident}")
            return self.series[ident]
        if op == "(":
            value = self._expr()
            if self._peek() != ")":
                raise ValueError("missing )")
            self.pos += 1
            return value
        if op == "-":
            return _apply("*", -1.0, self._factor())
        raise ValueError(f"unexpected {op}")


def _op(op: str, a: float, b: float) -> float | None:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return None if b == 0 else a / b


def _apply(op: str, left: Any, right: Any) -> Any:
    if isinstance(left, float) and isinstance(right, float):
        return _op(op, left, right)
    if isinstance(left, float):
        pairs = {t: (left, v) for t, v in right.items()}
    elif isinstance(right, float):
        pairs = {t: (v, right) for t, v in left.items()}
    else:
        pairs = {t: (left[t], right[t]) for t in left.keys() & right.keys()}
    out = {}
    for t, (a, b) in pairs.items():
        if a is None or b is None:
            continue
        value = _op(op, a, b)
        if value is not None:
            out[t] = value
    return out


# MARK: - GetMetricData


def get_metric_data(
    self: CloudWatchBackend,
    queries: list[dict[str, Any]],
    start_time: datetime,
    end_time: datetime,
    scan_by: str = "TimestampDescending",
) -> list[dict[str, Any]]:
    start = _epoch(start_time.replace(microsecond=0))
    end = _epoch(end_time.replace(microsecond=0))
    if start > end:
        raise ValidationError("The parameter EndTime must be greater than StartTime.")
    if start == end:
        raise ValidationError("The parameter StartTime must not equal parameter EndTime.")
    with _LOCK:
        index = _index(self)
        index.refresh(self.metric_data)
        groups = index.groups
    start_dt = start_time.replace(microsecond=0)
    series: dict[str, dict[datetime, float]] = {}
    results: list[dict[str, Any]] = []
    for number, query in enumerate(queries, start=1):
        if "MetricStat" not in query:
            continue
        stat_spec = query["MetricStat"]
        metric = stat_spec["Metric"]
        stat = stat_spec["Stat"]
        validate_stat(stat, number)
        period = int(stat_spec["Period"])
        if period < 1:
            raise InvalidParameterValue(f"The parameter MetricDataQueries.member.{number}.MetricStat.Period must be >= 1.")
        unit = stat_spec.get("Unit")
        buckets: dict[int, list[Any]] = {}
        for ts, datum in groups.get(_key(metric["Namespace"], metric["MetricName"], metric.get("Dimensions")), []):
            if start <= ts < end and (not unit or datum.unit == unit):
                buckets.setdefault(int((ts - start) // period), []).append(datum)
        points: dict[datetime, float] = {}
        for bucket in sorted(buckets):
            value = compute_stat(stat, buckets[bucket])
            if value is not None:
                points[start_dt + timedelta(seconds=bucket * period)] = value
        series[query["Id"]] = points
        label = query.get("Label") or f"{metric['MetricName']} {stat}"
        results.append({"query": query, "label": label, "points": points})
    for query in queries:
        if "Expression" not in query:
            continue
        label = query.get("Label") or query["Id"]
        expression = query["Expression"]
        messages = []
        try:
            value = _Math(expression, series).parse()
            points = value if isinstance(value, dict) else {}
        except ValueError as error:
            points = {}
            messages.append({"Code": "UnsupportedExpression", "Value": f"podium emulator: {error} in {expression!r}"})
        series[query["Id"]] = points
        results.append({"query": query, "label": label, "points": points, "messages": messages})
    out = []
    for item in results:
        query = item["query"]
        if not query.get("ReturnData", True):
            continue
        stamps = sorted(item["points"], reverse=(scan_by != "TimestampAscending"))
        entry = {
            "id": query["Id"],
            "label": item["label"],
            "values": [item["points"][t] for t in stamps],
            "timestamps": stamps,
            "status_code": "Complete",
        }
        if item.get("messages"):
            entry["messages"] = item["messages"]
        out.append(entry)
    return out


def _page(results: list[dict[str, Any]], offset: int, limit: int) -> tuple[list[dict[str, Any]], int | None]:
    """Slices the flattened datapoints [offset, offset+limit); returns the page and the next offset."""
    page, position, total = [], 0, sum(len(r["values"]) for r in results)
    for result in results:
        size = len(result["values"])
        lo, hi = max(offset, position), min(offset + limit, position + size)
        if size == 0:
            if offset == 0:
                page.append(result)
        elif lo < hi:
            part = dict(result)
            part["values"] = result["values"][lo - position : hi - position]
            part["timestamps"] = result["timestamps"][lo - position : hi - position]
            if hi - lo < size:
                part["status_code"] = "PartialData"
            page.append(part)
        position += size
    following = offset + limit
    return page, (following if following < total else None)


def _resp_get_metric_data(self: CloudWatchResponse) -> ActionResult:
    params = self._get_params()
    for required in ("MetricDataQueries", "StartTime", "EndTime"):
        if params.get(required) is None:
            raise ValidationError(f"1 validation error detected: Value null at '{required[0].lower() + required[1:]}' failed to satisfy constraint: Member must not be null")
    queries = params.get("MetricDataQueries", [])
    if len(queries) > MAX_QUERIES:
        raise ValidationError(f"The collection MetricDataQueries must not have a size greater than {MAX_QUERIES}.")
    ids = [q.get("Id") for q in queries]
    if len(set(ids)) != len(ids):
        raise ValidationError("The values for parameter Id in MetricDataQueries are not unique.")
    for number, query in enumerate(queries, start=1):
        if "MetricStat" not in query and "Expression" not in query:
            raise ValidationError(f"The parameter MetricDataQueries.member.{number}.MetricStat is required.\n")
    results = self.cloudwatch_backend.get_metric_data(
        start_time=params["StartTime"],
        end_time=params["EndTime"],
        queries=queries,
        scan_by=params.get("ScanBy") or "TimestampDescending",
    )
    limit = int(params.get("MaxDatapoints") or DEFAULT_MAX_DATAPOINTS)
    offset = 0
    token = params.get("NextToken")
    if token:
        try:
            offset = int(json.loads(base64.b64decode(token))["offset"])
        except (ValueError, KeyError, TypeError):
            raise InvalidParameterValue("The NextToken is not valid.")
    page, following = _page(results, offset, limit)
    result: dict[str, Any] = {"MetricDataResults": page}
    if following is not None:
        result["NextToken"] = base64.b64encode(json.dumps({"offset": following}).encode()).decode()
    return ActionResult(result)


def _put_metric_data(self: CloudWatchBackend, namespace: str, metric_data: list[dict[str, Any]]) -> None:
    with _LOCK:
        _ORIGINAL["put_metric_data"](self, namespace, metric_data)
        retention = float(os.environ.get("PODIUM_EMU_METRIC_RETENTION_SECONDS", 6 * 3600))
        counter = self.__dict__.get("podium_puts", 0) + 1
        self.__dict__["podium_puts"] = counter
        if counter % 50 == 0 and self.metric_data:
            cutoff = datetime.now(timezone.utc).timestamp() - retention
            kept = [d for d in self.metric_data if _epoch(d.timestamp) >= cutoff]
            if len(kept) != len(self.metric_data):
                self.metric_data = kept


_ORIGINAL: dict[str, Any] = {}


def install() -> None:
    """Replaces GetMetricData (backend + response) and wraps PutMetricData with retention."""
    _ORIGINAL["put_metric_data"] = CloudWatchBackend.put_metric_data
    CloudWatchBackend.get_metric_data = get_metric_data
    CloudWatchBackend.put_metric_data = _put_metric_data
    CloudWatchResponse.get_metric_data = _resp_get_metric_data
