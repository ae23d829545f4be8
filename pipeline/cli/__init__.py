"""The `vnplan` command line: extract, evaluate, compare, audit.

Each command's options live in its own module of ``pipeline.cli`` (``extract``, ``evaluate``,
``compare``), which registers them with ``add_parser``.  Only the module of the command being
run is imported: ``vnplan --help`` loads none, and ``vnplan extract`` does not pay for the
comparison stack (pandas, scikit-learn, networkx).

Every command says what went wrong in plain words on stderr and exits 0, 1 (an input
failed) or 2 (a usage error): :mod:`pipeline.cli.common`.  An unexpected problem is told in
one line too; ``VNPLAN_DEBUG=1`` shows where it happened.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from pipeline.cli.common import FAILED, USAGE, UsageError, os_error_words, say

EXAMPLES = """examples:
  vnplan extract corpus/seeds -o out/seeds.jsonl
  vnplan evaluate --gold corpus/gold corpus/seeds
  vnplan compare corpus/ -o out/report
  vnplan audit out/report -o out/audit       # then: vnplan audit --score out/audit.csv

exit status: 0 when every input was read cleanly, 1 when any input failed (named on
stderr), 2 for a usage error (an input not found, nothing to process, an output path that
cannot be written as asked).
"""

# command -> (module that defines it, one-line help shown when the module is not loaded)
COMMANDS = {
    "extract": ("extract", "extract metadata, sections, targets, agencies and citations"),
    "evaluate": ("evaluate", "score extraction against gold annotations"),
    "compare": ("compare", "compare local plans with the plans they implement"),
    "audit": ("audit", "write or score a hand-audit sheet of a compare output"),
}


def version() -> str:
    """The installed version (setup.cfg), or "unknown" when run from an uninstalled tree."""
    # importlib.metadata (~15 ms to import) only when the version is asked for
    from importlib import metadata
    try:
        return metadata.version("vnplan")
    except metadata.PackageNotFoundError:
        return "unknown"


class _Version(argparse._VersionAction):
    """``--version``: the version is looked up when the option is given, not at every start."""

    def __call__(self, parser, namespace, values, option_string=None):
        self.version = f"vnplan {version()}"
        super().__call__(parser, namespace, values, option_string)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the command ``only`` is loaded, the others are listed."""
    parser = argparse.ArgumentParser(
        prog="vnplan",
        description="Read Vietnamese government plans and show where local plans diverge "
                    "from the plans they implement.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.add_argument("--version", action=_Version)
    for name, (module, help_text) in COMMANDS.items():
        if name != only:
            sub.add_parser(name, help=help_text)
        else:
            importlib.import_module(f"pipeline.cli.{module}").add_parser(sub)
    return parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    only = argv[0] if argv and argv[0] in COMMANDS else None
    parser = build_parser(only)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return USAGE
    return run(args.command, args.func, args)


def run(command: str, func, args) -> int:
    """``func(args)``, with every way it can stop told in plain words on stderr."""
    try:
        return func(args)
    except UsageError as exc:
        say(command, str(exc))
        return USAGE
    except KeyboardInterrupt:
        say(command, "interrupted")
        return 130
    except Exception as exc:
        if os.environ.get("VNPLAN_DEBUG"):
            raise
        if isinstance(exc, OSError):
            say(command, os_error_words(exc))
        else:
            say(command, f"stopped by an unexpected problem: {exc or 'no details'} (this is a "
                         "bug: please report it with the command line; VNPLAN_DEBUG=1 shows "
                         "where it happened)")
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
