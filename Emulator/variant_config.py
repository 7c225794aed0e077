#!/usr/bin/env python3
"""Prints config/demo.yaml with the dev endpoints of world.VARIANT_ENDPOINTS given as `variants:` (issue 15).

    .venv/bin/python Emulator/variant_config.py config/demo.yaml > run/demo.yaml

`make demo` seeds those variants (`seed.py --variants`); the checked-in demo.yaml keeps the single-variant form
that the tests' world (seeded without --variants) matches. A line the world no longer has is an error.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from Emulator import world  # noqa: E402


def variant_line(name: str, weight: float, capacity: object) -> str:
    if isinstance(capacity, dict):
        size = f"serverless: {{ memory_mb: {capacity['memory_mb']}, max_concurrency: {capacity['max_concurrency']} }}"
    else:
        size = f"instance_type: {capacity[0]}, instance_count: {capacity[1]}"
    return f"          - {{ name: {name}, weight: {weight:g}, {size} }}"


def convert(text: str) -> str:
    lines = text.splitlines()
    for endpoint, spec in world.VARIANT_ENDPOINTS.items():
        prefix = f"      - {{ name: {endpoint}, "
        index = next((i for i, line in enumerate(lines) if line.startswith(prefix)), None)
        if index is None:
            raise SystemExit(f"variant_config: {endpoint} is not in the config")
        group = endpoint.rsplit("-", 1)[0]
        block = [f"      - name: {endpoint}", f"        model_package_group: {group}", "        variants:"]
        # shadow variants are started by `podium promote --as-shadow`, not configured: list production only
        block += [variant_line(name, weight, capacity) for name, _version, weight, capacity in spec["production"]]
        lines[index : index + 1] = block
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as handle:
        sys.stdout.write(convert(handle.read()))
