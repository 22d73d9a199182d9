"""Where annotation workers come from: a forkserver, startable before spaCy is imported here.

Workers are forked from a 'forkserver', never from this process: a child forked from here
would inherit the parent's database connections and threads. The server is a fresh process
that imports, once, the main script (which each worker would otherwise run again, as
multiprocessing does), spaCy and our components (`WORKER_MODULE`); each worker it forks starts
with them imported. This module needs only the standard library, so a command can start the
server first and let it import while the command imports and reads on its own.
"""

from __future__ import annotations

from multiprocessing import forkserver, get_context
from multiprocessing.context import BaseContext

WORKER_MODULE = "pressgraph.nlp.task"


def worker_context() -> BaseContext:
    """The forkserver context the worker pool is made with."""
    context = get_context("forkserver")
    context.set_forkserver_preload(["__main__", WORKER_MODULE])
    return context


def start_server() -> None:
    """Start the forkserver now: it imports spaCy and our components in the background while
    this process goes on, and workers start at once when they are needed."""
    worker_context()
    forkserver.ensure_running()
