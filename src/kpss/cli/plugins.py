"""``kpss plugins [--all] [--json]``: installed plugins, versions, hooks, what each registers.

Broken plugins are listed too, with the reason, so that "installed but not working" can be
diagnosed; plugins left out by ``KPSS_LOAD_PLUGINS`` are shown as skipped.
"""

from __future__ import annotations

import json
from typing import Any

import click

from kpss.errors import UsageError
from kpss.plugins import manager as plugin_manager
from kpss.safe_output import terminal_json, terminal_text

_KIND_LABELS = {
    "importers": "importers",
    "exporters": "exporters",
    "presets": "territory presets",
    "sections": "catalogue sections",
    "template_dirs": "template folders",
    "commands": "commands",
}


def plugin_summaries(include_builtin: bool, hook: str | None = None) -> list[dict[str, Any]]:
    """A JSON-ready description of every plugin (only those implementing *hook*, if given)."""
    result = []
    for info in plugin_manager.get_plugins(include_builtin=include_builtin):
        hooks = plugin_manager.plugin_hooks(info.name)
        if hook is not None and hook not in hooks:
            continue
        registers = plugin_manager.plugin_registrations(info.name)
        result.append(
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "module": info.module,
                "builtin": info.builtin,
                "status": info.status,
                "hooks": hooks,
                "registers": {kind: names for kind, names in registers.items() if names},
                "problems": list(info.problems),
            }
        )
    return result


@click.command()
@click.option("--all", "include_builtin", is_flag=True, help="Include kpss's built-in plugins.")
@click.option("--hook", metavar="NAME", help="Only plugins implementing this hook.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(include_builtin: bool, hook: str | None, as_json: bool) -> None:
    """List installed plugins: versions, hooks and what each registers.

    Plugins that failed to load are listed with the reason. Environment variables:
    KPSS_LOAD_PLUGINS=a,b loads only those plugins, KPSS_STRICT_PLUGINS=1 turns plugin
    problems into errors, KPSS_TRACE_PLUGINS=1 prints every hook call,
    KPSS_PLUGINS_DIR=FOLDER also loads the *.py files of FOLDER as plugins.
    """
    if hook is not None and hook not in plugin_manager.hook_names():
        known = ", ".join(plugin_manager.hook_names())
        raise UsageError(f"--hook {hook!r}: no such hook; the hooks are: {known}")
    summaries = plugin_summaries(include_builtin, hook)
    if as_json:
        click.echo(terminal_json(json.dumps(summaries, ensure_ascii=False, indent=2)))
        return
    if not summaries:
        if hook is not None:
            click.echo(f"No plugin implements {hook}.")
        else:
            click.echo("No plugins installed. `kpss plugins --all` lists the built-in ones.")
        return
    for summary in summaries:
        version = f" {summary['version']}" if summary["version"] else ""
        origin = " (built-in)" if summary["builtin"] else ""
        status = "" if summary["status"] == "loaded" else f" [{summary['status'].upper()}]"
        click.echo(terminal_text(f"{summary['name']}{version}{origin}{status}"))
        if summary["distribution"] and summary["distribution"] != summary["name"]:
            click.echo(terminal_text(f"  distribution: {summary['distribution']}"))
        if summary["module"]:
            click.echo(terminal_text(f"  module: {summary['module']}"))
        if summary["hooks"]:
            click.echo(f"  hooks: {', '.join(summary['hooks'])}")
        for kind, names in summary["registers"].items():
            click.echo(terminal_text(f"  {_KIND_LABELS[kind]}: {', '.join(names)}"))
        for problem in summary["problems"]:
            click.echo(terminal_text(f"  problem: {problem}"))
