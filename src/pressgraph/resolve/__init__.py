"""Resolve: turn mentions into one entity per real-world actor across documents."""
