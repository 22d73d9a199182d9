"""Measure pressgraph against a gold file: the `pressgraph evaluate` command's engine.

`gold` reads the gold facts, `export` reads a JSONL export, `matching` and `entities` decide
when a predicted fact is a gold one (ported from the shared scorer, ../shared/eval/score.py,
so both give the same numbers), `scoring` counts hits and misses category by category, and
`runner` ingests pages into a throwaway database, exports them and scores the export.
"""
