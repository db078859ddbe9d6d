"""Pilot and snapshot tests of the TUI (a package, so its conftest does not shadow tests/conftest.py)."""
