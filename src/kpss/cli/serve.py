"""``kpss serve DIR [--port N]``: preview an exported web catalogue on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import click

from kpss.publish.serve import serve as serve_site


@click.command("serve")
@click.argument(
    "directory", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1; 0 picks a free one.",
)
def serve(directory: Path, port: int) -> None:
    """Preview the site in DIRECTORY (from kpss export web) at http://127.0.0.1:PORT/.

    Only this computer can open it. The search of the catalogue works here; pages opened
    straight from disk can be browsed but not searched. Stop with Ctrl-C.
    """

    def ready(url: str) -> None:
        click.echo(f"Serving {directory} at {url} (only this computer; Ctrl-C stops)")

    serve_site(directory, port, ready=ready)
    click.echo("Stopped.")
