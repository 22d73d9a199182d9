"""One root exception and its subclasses; every message says what was wrong and how to fix it."""

from __future__ import annotations


class PressgraphError(Exception):
    """Root of every error pressgraph raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class InputError(PressgraphError):
    """A page or path could not be read or was refused; the batch goes on without it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class SettingsError(PressgraphError):
    """A setting (environment variable or option) has a value pressgraph cannot use."""

    exit_code = 2


class StoreError(PressgraphError):
    """The database could not be opened, migrated, read or written."""


class ClusterError(PressgraphError):
    """The Dask scheduler given with --scheduler cannot be reached."""


class DataError(PressgraphError):
    """A bundled data file (gazetteer, furniture patterns, ...) is malformed."""


class NotFoundError(PressgraphError):
    """A record asked for by id or name does not exist."""

    exit_code = 3


class EvaluationError(PressgraphError):
    """`pressgraph evaluate` cannot run: its gold file, the export to score or the pages to
    read are missing or malformed."""

    exit_code = 2
