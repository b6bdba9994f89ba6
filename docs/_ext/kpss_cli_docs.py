"""Sphinx directive ``kpss-cli``: the ``--help`` of every built-in kpss command, at build time.

The reference is generated from the commands themselves each time the docs are built, so
it cannot drift from the code (datasette keeps its CLI reference in sync with cog; this
does the same without a separate step). Commands added by plugins are left out: they
belong to the plugin's documentation.
"""

from __future__ import annotations

from typing import Any

import click
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _help(command: click.Command, path: list[str]) -> str:
    with click.Context(command, info_name=" ".join(path), terminal_width=88) as ctx:
        return command.get_help(ctx)


def _sections(command: click.Command, path: list[str], level: int) -> list[nodes.Node]:
    section = nodes.section(ids=[nodes.make_id("-".join(path))])
    section += nodes.title(text=" ".join(path))
    section += nodes.literal_block(text=_help(command, path), language="text")
    result: list[nodes.Node] = [section]
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                section += _sections(sub, [*path, name], level + 1)
    return result


class KpssCliDirective(SphinxDirective):
    """``{kpss-cli}``: a section per built-in command with its ``--help``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from kpss.cli import COMMANDS, cli

        ctx = click.Context(cli, info_name="kpss")
        result: list[nodes.Node] = []
        for name in sorted(COMMANDS):
            command = cli.get_command(ctx, name)
            if command is not None:
                result += _sections(command, ["kpss", name], 2)
        return result


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("kpss-cli", KpssCliDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
