"""The `vnplan` command line: extract, evaluate, compare."""
from __future__ import annotations

import argparse
import sys

EXAMPLES = """examples:
  vnplan extract corpus/seeds -o out/seeds.jsonl
  vnplan evaluate --gold corpus/gold corpus/seeds
  vnplan compare corpus/ --reference corpus/references -o out/report
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnplan",
        description="Read Vietnamese government plans and show where local plans diverge "
                    "from the plans they implement.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from . import batch
    batch.add_parser(sub)
    for name in ("evaluate", "compare"):
        try:
            module = __import__(f"pipeline.{name}", fromlist=["add_parser"])
        except ImportError:
            continue
        if hasattr(module, "add_parser"):
            module.add_parser(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
