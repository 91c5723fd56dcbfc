"""The code stays in shape: every module under tui/ at most 400 lines, every function at most 60,
every module of tui/core free of UI and storage imports (walked, not listed by hand), and the
CLI's scripted commands load no textual."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_module_is_over_400_lines():
    long = [f"{p.relative_to(PACKAGE.parent)}: {n} lines" for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]
    assert not long, "modules over 400 lines:\n" + "\n".join(long)


def test_no_function_is_over_60_lines():
    long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in _functions(tree):
            first = min([fn.lineno, *(d.lineno for d in fn.decorator_list)])
            size = (fn.end_lineno or fn.lineno) - first + 1
            if size > MAX_FUNCTION_LINES:
                long.append(f"{path.relative_to(PACKAGE.parent)}:{fn.lineno} {fn.name}: {size} lines")
    assert not long, "functions over 60 lines:\n" + "\n".join(long)


def _core_modules() -> list[str]:
    names = []
    for path in _modules():
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        if rel.parts[:2] != ("tui", "core"):
            continue
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        names.append(".".join(parts))
    return names


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, env=env,
    ).stdout
    return set(out.split())


def test_every_core_module_loads_no_ui_or_storage():
    modules = _core_modules()
    assert len(modules) > 20
    loaded = _loaded_after("\n".join(f"import {m}" for m in modules))
    bad = {m for m in loaded if m.split(".")[0] in {"textual", "tinydb", "rich"}}
    bad |= {m for m in loaded if m in {"tui.locations", "tui.fileio", "tui.config"}}
    assert not bad


@pytest.mark.parametrize("argv", [
    ["week", "--json"],
    ["log", "rest"],
    ["history", "--json"],
])
def test_scripted_commands_load_no_textual(tmp_path, argv):
    """Run the real entry point in-process and look at sys.modules afterwards."""
    env = {**os.environ, "REHAB_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    setup = ("import sys\nfrom tui.cli.main import main\n"
             "main(['--today', '2026-11-24', 'plan', 'start', 'metatarsalgia-conservative'])\n")
    code = (setup + f"rc = main(['--today', '2026-11-24', *{argv!r}])\n"
            "assert rc == 0, rc\n")
    loaded = _loaded_after(code, env)
    assert "textual" not in {m.split(".")[0] for m in loaded}
