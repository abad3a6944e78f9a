"""Shared fixtures. Tests never touch the network and never read ../shared."""

from __future__ import annotations

import pytest


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
