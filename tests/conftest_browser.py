"""Headless-Chromium fixtures for the map tests (import them into a test module).

Uses Playwright for Python with Debian's ``/usr/bin/chromium`` (no ``playwright install``).
Tests skip with a clear reason when either is missing, and fail instead under
``GRAPHKIT_CI=1`` (see ``conftest.py``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: Chromium binary: ``GRAPHKIT_CHROMIUM`` or Debian's package.
CHROMIUM = os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium")
#: Flags for a quiet, offline, sandbox-less headless Chromium (containers, CI).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors and every request it made."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self, own_url: str) -> list[str]:
        """Requests other than the page file itself (``data:`` URLs never leave the page; the
        fragment, where the map keeps its state, is no part of a request)."""
        own = own_url.split("#", 1)[0]
        return [u for u in self.requests if u != own and not u.startswith("data:")]


def _chromium_path() -> str:
    """The Chromium executable, or skip."""
    path = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if not path:
        pytest.skip(f"Chromium not found at {CHROMIUM} (set GRAPHKIT_CHROMIUM)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    executable = _chromium_path()
    with sync_api.sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        except Exception as err:  # noqa: BLE001 - any launch failure means: cannot test here
            pytest.skip(f"cannot launch Chromium at {executable}: {err}")
        yield instance
        instance.close()


@pytest.fixture
def open_map(browser: Any) -> Iterator[Any]:
    """``open_map(path, timeout_ms)`` → ``(page, log)``, with the map ready for use."""
    contexts = []

    def _open(path: Path, timeout_ms: int = 30_000, viewport: tuple[int, int] = (1400, 900)) -> tuple[Any, PageLog]:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda err: log.errors.append(str(err)))
        page.on("request", lambda req: log.requests.append(req.url))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.graphkit && window.graphkit.ready === true", timeout=timeout_ms)
        return page, log

    yield _open
    for context in contexts:
        context.close()
