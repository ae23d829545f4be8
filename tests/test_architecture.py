"""The package's layout rules (README "Architecture"), checked on the source itself.

Rooms in data-flow order; a module imports only from its own room or rooms above it; no
import cycles; no module over ~400 lines; no imports of our own modules inside functions;
Vietnamese words live in pipeline/data, not in Python code.
"""
from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "pipeline"
ROOMS = ["data", "text", "document", "ingest", "normalise", "stages", "linking", "output", "run",
         "evaluate", "api", "cli"]
MAX_LINES = 420


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


@functools.cache
def imports(path: Path) -> list:
    """(node, imported module, inside a function) for every import of our package."""
    return list(_imports(path))


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside.update(id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom)))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield node, full if full in MODULES else node.module, id(node) in inside
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "pipeline":
                    yield node, alias.name, id(node) in inside


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_module_is_in_a_room():
    loose = [m for m in MODULES if m.count(".") and room(m) not in ROOMS and room(m) != "__main__"]
    assert not loose, loose


def test_imports_only_go_down():
    upward = []
    for name, path in MODULES.items():
        if room(name) not in ROOMS:
            continue                              # pipeline/__init__ (lazy API), __main__
        for _, target, _ in imports(path):
            if room(target) in ROOMS and ROOMS.index(room(target)) > ROOMS.index(room(name)):
                upward.append(f"{name} -> {target}")
    assert not upward, upward


def test_no_import_cycles():
    graph = {name: {t for _, t, _ in imports(path) if t in MODULES and t != name}
             for name, path in MODULES.items()}
    state: dict = {}
    cycles = []

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [])
    assert not cycles, cycles


def test_no_own_imports_inside_functions():
    lazy = [f"{path.relative_to(PKG.parent)}:{node.lineno}"
            for name, path in MODULES.items() if not name.startswith("pipeline.cli")
            for node, _, inside in imports(path) if inside]
    assert not lazy, lazy


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_size(name):
    n = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{name}: {n} lines — split it along its seams"


VIETNAMESE_WORD = re.compile(r"[^\W\d_]*[à-ỹÀ-Ỹ][^\W\d_]*")
# single letters used in character classes ("[a-zđ]", "[A-ZÀ-ỸĐ]") are no words
LETTER_CLASS = re.compile(r"\[[^\]]*\]")


def test_no_vietnamese_words_in_code():
    """Strings in code (not docstrings or comments) hold no Vietnamese word: patterns and
    word lists are data (pipeline/data/*.yaml)."""
    found = []
    for path in MODULES.values():
        src = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(src).readline):
            if tok.type != tokenize.STRING or tok.string.lstrip("rbuRBUfF").startswith(('"""', "'''")):
                continue
            words = [w for w in VIETNAMESE_WORD.findall(LETTER_CLASS.sub(" ", tok.string)) if len(w) > 1]
            if words:
                found.append(f"{path.relative_to(PKG.parent)}:{tok.start[0]} {words}")
    assert not found, found
