"""Ingest: read pages from files, directories, JSONL and URLs into `Page` records."""
