"""Podium's local AWS emulator, seeder and traffic generator (see Emulator/README.md)."""
