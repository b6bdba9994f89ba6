"""The ``kpss`` command. Thin: parse options, call the API, print.

Exit codes: 0 success (warnings allowed), 1 the job failed, 2 wrong usage.
"""

from __future__ import annotations

import importlib
import sys
import traceback
import warnings
from typing import Any

import click

from kpss import __version__
from kpss.cli.quiet import add_quiet_option
from kpss.errors import KpssError, UsageError
from kpss.plugins.manager import KpssPluginWarning
from kpss.safe_output import terminal_text

#: Built-in command groups, imported only when used (``kpss --help`` stays fast).
COMMANDS: dict[str, str] = {
    "territory": "kpss.cli.territory:territory",
    "import": "kpss.cli.register:import_",
    "convert": "kpss.cli.register:convert",
    "diff": "kpss.cli.register:diff",
    "fetch": "kpss.cli.register:fetch",
    "plan": "kpss.cli.plan:plan",
    "plugins": "kpss.cli.plugins:plugins",
    "export": "kpss.cli.export:export",
    "search": "kpss.cli.search:search",
    "match": "kpss.cli.match:match",
    "duplicates": "kpss.cli.duplicates:duplicates",
    "serve": "kpss.cli.serve:serve",
    "additions": "kpss.cli.additions:additions",
    "report": "kpss.cli.report:report",
}


class KpssGroup(click.Group):
    """A group that loads commands lazily and turns kpss errors into one clear line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        try:
            extra = _plugin_commands()
        except KpssError as exc:  # a clash or strict mode: --help still lists the built-ins
            from kpss.plugins.manager import strict

            # Even in strict mode: the contract says --help works when a plugin is broken.
            click.echo(f"{'Error' if strict() else 'Warning'}: {exc}", err=True)
            extra = {}
        return sorted({*COMMANDS, *super().list_commands(ctx), *extra})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module_name, _, attr = COMMANDS[cmd_name].partition(":")
            command: click.Command = getattr(importlib.import_module(module_name), attr)
            return add_quiet_option(command)
        found = super().get_command(ctx, cmd_name)
        if found is None:
            found = _plugin_commands().get(cmd_name)
        return None if found is None else add_quiet_option(found)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("always", KpssPluginWarning)
            shown = warnings.showwarning

            def show(message: Any, category: Any, *rest: Any, **more: Any) -> None:
                if isinstance(category, type) and issubclass(category, KpssPluginWarning):
                    click.echo(terminal_text(f"Warning: {message}"), err=True)
                else:
                    shown(message, category, *rest, **more)

            warnings.showwarning = show
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KpssError as exc:
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(terminal_text(f"Error: {exc}", multiline=True), err=True)
            ctx.exit(2 if isinstance(exc, UsageError) else 1)
        except BrokenPipeError:  # output piped into e.g. head: stop quietly
            sys.stderr.close()
            ctx.exit(0)
        except OSError as exc:
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(terminal_text(f"Error: {_os_error(exc)}"), err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug (in kpss or a plugin): one line, unless --debug
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(
                terminal_text(
                    f"Error: unexpected {type(exc).__name__}: {exc} (a bug in kpss or in a "
                    "plugin; run with --debug for the traceback and please report it)"
                ),
                err=True,
            )
            ctx.exit(1)


@click.group(cls=KpssGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kpss")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or notes.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """kpss: community planning of social services (komunitní plánování sociálních služeb)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["quiet"] = quiet


def _os_error(exc: OSError) -> str:
    """``FILE: reason`` of an operating-system error (both files of a failed rename)."""
    reason = exc.strerror or str(exc)
    files = [str(f) for f in (exc.filename, exc.filename2) if f is not None]
    return f"{' → '.join(files)}: {reason}" if files else reason


def _plugin_commands() -> dict[str, click.Command]:
    """Commands that plugins register (loading the plugins); built-in names are reserved."""
    from kpss.plugins.manager import get_commands

    return get_commands(reserved=COMMANDS)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``kpss`` console script."""
    cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="kpss")
