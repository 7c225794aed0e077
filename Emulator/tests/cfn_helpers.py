"""The stack template the tests use: the emulator's own (Model -> EndpointConfig -> Endpoint)."""

from __future__ import annotations

from Emulator.podium_emulator.templates import sagemaker_template

__all__ = ["sagemaker_template"]
