"""The fuzz targets reuse the pipeline and the web client of the other test folders."""

from __future__ import annotations

from tests.nlp.conftest import nlp
from tests.web.conftest import app, client

__all__ = ["app", "client", "nlp"]
