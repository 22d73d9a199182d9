"""Where annotation workers come from: a forkserver, startable before spaCy is imported here.

Workers are forked from a 'forkserver', never from this process: a child forked from here
would inherit the parent's database connections and threads. The server is a fresh process
that imports, once, the main script (which each worker would otherwise run again, as
multiprocessing does), spaCy and our components (`WORKER_MODULE`), and loads the pipeline of
the model it is started for (`PRELOAD_MODULE`); each worker it forks starts with them imported
and the pipeline loaded. This module needs only the standard library, so a command can start
the server first and let it import and load while the command imports and reads on its own.
"""

from __future__ import annotations

import os
from multiprocessing import forkserver, get_context
from multiprocessing.context import BaseContext

WORKER_MODULE = "pressgraph.nlp.task"
PRELOAD_MODULE = "pressgraph.nlp.preload"
MODEL_VARIABLE = "PRESSGRAPH_FORKSERVER_MODEL"  # the model the server loads, at its start only


def worker_context() -> BaseContext:
    """The forkserver context the worker pool is made with."""
    context = get_context("forkserver")
    context.set_forkserver_preload(["__main__", WORKER_MODULE, PRELOAD_MODULE])
    return context


def start_server(model: str | None = None) -> None:
    """Start the forkserver now, if it is not running: it imports spaCy and our components,
    and loads the pipeline of `model`, in the background while this process goes on; workers
    then start at once when they are needed, with the pipeline loaded."""
    worker_context()
    before = os.environ.get(MODEL_VARIABLE)
    if model:
        os.environ[MODEL_VARIABLE] = model  # the server takes this process's environment
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            os.environ.pop(MODEL_VARIABLE, None)
        else:
            os.environ[MODEL_VARIABLE] = before
