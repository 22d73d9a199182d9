"""pressgraph: turn security organizations' press releases into a knowledge base with evidence."""

__version__ = "0.15.0"
