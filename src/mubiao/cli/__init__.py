"""The `mubiao` command: a thin layer whose commands call the Python API.

Each group of commands lives in its own module and registers itself on `app`.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

app = typer.Typer(
    name="mubiao",
    help="mubiao 目标: quantified promises of Chinese government work reports, extracted and tracked.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from mubiao import __version__

        print(f"mubiao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print mubiao's version and exit.")
    ] = False,
) -> None:
    """mubiao 目标: quantified promises of Chinese government work reports, extracted and tracked."""


# Command modules register themselves on import; keep this list sorted.
COMMAND_MODULES = ("demo", "extract", "store", "track", "web", "digest")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"mubiao.cli.{_name}")
    except ModuleNotFoundError as err:  # a stage not installed in this build
        if err.name != f"mubiao.cli.{_name}":
            raise


def main() -> None:  # pragma: no cover - console entry point
    app()
