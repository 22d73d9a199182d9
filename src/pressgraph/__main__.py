"""`python -m pressgraph` runs the command-line interface."""

from pressgraph.cli import main

main()
