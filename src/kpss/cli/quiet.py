"""``-q/--quiet``: accepted before the command name (``kpss -q import …``) and after it.

Either way it lands in the root context's parameters, where :func:`is_quiet` looks.
"""

from __future__ import annotations

import click


def is_quiet() -> bool:
    """Whether ``-q/--quiet`` was given anywhere on the command line."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().params.get("quiet"))


def _remember(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().params["quiet"] = True


def _quiet_option() -> click.Option:
    return click.Option(
        ["-q", "--quiet"],
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_remember,
        help="No progress bars or notes (the same as kpss -q).",
    )


def _has_quiet(command: click.Command) -> bool:
    return any(
        "-q" in param.opts or "--quiet" in param.opts
        for param in command.params
        if isinstance(param, click.Option)
    )


def add_quiet_option(command: click.Command) -> click.Command:
    """Give *command* (and the commands of a group) ``-q/--quiet`` unless it has its own."""
    if not _has_quiet(command):
        help_index = next(
            (i for i, p in enumerate(command.params) if "--help" in getattr(p, "opts", ())),
            len(command.params),
        )
        command.params.insert(help_index, _quiet_option())
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_quiet_option(sub)
    return command


__all__ = ["add_quiet_option", "is_quiet"]
