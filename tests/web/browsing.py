"""Fixtures for the tests in a real headless Chromium (Debian's `chromium`, driven by
Playwright): a uvicorn server of the seeded site on 127.0.0.1 only, the browser, a page at
phone width that records its problems. In conftest's reach so that every browser test module
shares the one browser (Playwright's sync API runs one instance per thread).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = {"narrow": 390, "wide": 1280}


def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """`app` served by uvicorn in a thread on a free port of 127.0.0.1; yields its address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def server(app: FastAPI) -> Iterator[str]:
    """The seeded site, served in a thread on 127.0.0.1; yields its address."""
    yield from serve_in_thread(app)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from the system package (never a browser download)."""
    assert Path(CHROMIUM).exists(), "install it: apt-get install -y chromium chromium-driver"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def problems() -> list[str]:
    """What went wrong in the page: console errors and warnings, script errors, dialogs."""
    return []


@pytest.fixture
def page(browser: Browser, problems: list[str]) -> Iterator[Page]:
    """A fresh page at phone width that records its problems."""
    context = browser.new_context(viewport={"width": WIDTHS["narrow"], "height": 844})
    opened = context.new_page()
    opened.on("console", lambda m: _console(problems, m))
    opened.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    opened.on("dialog", lambda d: _dialog(problems, d))
    yield opened
    context.close()


def _dialog(problems: list[str], dialog: Dialog) -> None:
    problems.append(f"dialog: {dialog.message}")  # an alert() means injected script ran
    dialog.dismiss()


def _console(problems: list[str], message: ConsoleMessage) -> None:
    if message.type in ("error", "warning"):
        problems.append(f"console {message.type}: {message.text}")
