"""moto 5.2.1 extended in-process with what Podium needs (see Emulator/README.md).

Importing this package does not patch moto; `podium_emulator.server.build_app()` does.
"""

__all__ = ["server"]
