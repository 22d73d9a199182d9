"""The cyclic collector is paused while a batch is resolved (resolve/update.py), and only then."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from pressgraph.resolve.update import collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failed_batch_turns_the_collector_on_again() -> None:
    with pytest.raises(RuntimeError, match="broken page"), collector_paused():
        raise RuntimeError("broken page")
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
