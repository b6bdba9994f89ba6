"""Shared fixtures of the hardening tests: the CLI run with the promises every run keeps,
a small synthetic register and the fixed-seed hypothesis profile."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from kpss.cli import cli
from kpss.testing import RegisterFactory, RegisterInfo

#: The text of the CLI's catch-all for exceptions kpss did not expect: bad input must
#: never reach it.
CATCH_ALL = "a bug in kpss"

#: Hypothesis for the hardening tests: derandomized (the same examples on every run and
#: machine, as CI needs), no deadline (CI machines are slow and uneven), no example
#: database. ``KPSS_HYPOTHESIS_EXAMPLES`` raises the number of examples for a long run.
settings.register_profile(
    "hardening",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=int(os.environ.get("KPSS_HYPOTHESIS_EXAMPLES", "60")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HARDENING = settings.get_profile("hardening")

Invoke = Callable[[Sequence[str]], Result]

#: Mutants run per kind in this session (filled by the mutant tests, shown at the end).
MUTANT_COUNTS = pytest.StashKey[dict[str, int]]()


@pytest.fixture(scope="session")
def mutant_counts(request: pytest.FixtureRequest) -> dict[str, int]:
    """Where the mutant tests note how many mutants of each kind they ran."""
    return request.config.stash.setdefault(MUTANT_COUNTS, {})


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """One line per kind of mutant run, and the total."""
    counts = config.stash.get(MUTANT_COUNTS, {})
    if counts:
        terminalreporter.section("hardening mutants")
        for kind, count in counts.items():
            terminalreporter.write_line(f"{kind}: {count}")
        terminalreporter.write_line(f"total: {sum(counts.values())}")


@pytest.fixture(scope="session")
def invoke() -> Invoke:
    """Run ``kpss ARGS`` in-process; fail unless it ends as every run must: exit 0 or 1
    (2 only for wrong usage, never for a file's content), no catch-all, no traceback."""
    runner = CliRunner()

    def run(args: Sequence[str]) -> Result:
        result = runner.invoke(cli, list(args), catch_exceptions=True)
        output = result.output
        where = f"kpss {' '.join(args)}"
        assert CATCH_ALL not in output, f"{where}: the catch-all was reached:\n{output[-2000:]}"
        assert "Traceback" not in output, f"{where}: a traceback:\n{output[-2000:]}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{where}: raised {result.exception!r}") from result.exception
        assert result.exit_code in (0, 1), f"{where}: exit {result.exit_code}:\n{output[-2000:]}"
        return result

    return run


@pytest.fixture(scope="session")
def register_20(rpss_factory: RegisterFactory) -> RegisterInfo:
    """A synthetic register of 20 services (JSON, XML rendition, code lists), the seed of
    the register mutants."""
    return rpss_factory(services=20, seed=11, xml=True)
