"""``python -m kpss`` runs the command line."""

from kpss.cli import main

main()
