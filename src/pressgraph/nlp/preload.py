"""Imported by the workers' forkserver (nlp/pool.py): load the pipeline there, once.

The server forks every worker, so a pipeline loaded here is in each worker from its first
moment: the model is read once for all workers (its memory shared until written), and it is
read while the command stores its pages, not after, when the workers are needed. The model's
name comes in `MODEL_VARIABLE`, set for the server's start only. Any error is left for the
worker: it loads the pipeline again and its first chunk raises the error, which the command
shows (an error here would only break the server).
"""

from __future__ import annotations

import os
from contextlib import suppress

from pressgraph.nlp.pool import MODEL_VARIABLE

WARM_TEXT = "On 5 May 2023 the Secretary General met the delegation of Armenia, and said so."


def _load() -> None:
    model = os.environ.get(MODEL_VARIABLE)
    if not model:
        return
    with suppress(Exception):
        from pressgraph.nlp.pipeline import build_pipeline

        build_pipeline(model)(WARM_TEXT)  # the components' data files are read at first use


_load()
