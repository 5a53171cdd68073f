"""The suite also guards the tree: migrations match the models, and ruff and bandit are clean."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_finds_nothing(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Everything that runs in production or on a council's machine; tests may assert and
# start processes as they like. Each exception is justified where it stands (# nosec).
BANDIT = ["-r", "perfmgmt", "reviews", "worrylists", "bench", "manage.py", "-x", "*/migrations/*"]


def test_bandit_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "bandit", "-q", *BANDIT], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    """CI sets CI=true and points DATABASE_URL at PostgreSQL; the suite must really use it."""
    import os

    from django.db import connection

    if os.environ.get("CI") == "true":
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}


# The layout: dependencies run one way, from the process's later steps to its earlier ones
# and to the shared core. perfmgmt/site/ and perfmgmt/setup/ are the glue that may know every app.
APPS = ("perfmgmt", "worrylists", "reviews")
MAY_NOT_IMPORT = {
    "perfmgmt": ("worrylists", "reviews"),
    "worrylists": ("reviews",),
    "reviews.board": ("reviews.annexes", "reviews.reports", "reviews.report_templates"),
    "reviews.annexes": ("reviews.reports", "reviews.report_templates"),
    # Templates are edited with a preview of the report they make; reports only read them.
    "reviews.reports": ("reviews.report_templates",),
}
GLUE = ("perfmgmt.site", "perfmgmt.setup", "perfmgmt.settings", "perfmgmt.urls")


def _app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"), path


def _imports(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.update([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
    return found


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def upward_imports() -> list[str]:
    wrong = []
    for module, path in _app_modules():
        if any(_within(module, glue) for glue in GLUE):
            continue
        # The most specific rule applies: reviews.board has its own, beyond reviews'.
        for lower, forbidden in MAY_NOT_IMPORT.items():
            if _within(module, lower):
                wrong += [
                    f"{module} imports {name}" for name in _imports(path) if any(_within(name, f) for f in forbidden)
                ]
    return sorted(set(wrong))


def test_no_module_imports_a_layer_above_it():
    assert upward_imports() == []


def test_the_upward_import_check_catches_one(tmp_path, monkeypatch):
    (tmp_path / "perfmgmt").mkdir()
    (tmp_path / "perfmgmt" / "helpers.py").write_text("from reviews.reports import services\n")
    (tmp_path / "reviews" / "board").mkdir(parents=True)
    (tmp_path / "reviews" / "board" / "views.py").write_text("import reviews.annexes.selectors\n")
    (tmp_path / "worrylists").mkdir()
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert upward_imports() == [
        "perfmgmt.helpers imports reviews.reports",
        "perfmgmt.helpers imports reviews.reports.services",
        "reviews.board.views imports reviews.annexes.selectors",
    ]


def test_no_app_module_is_over_600_lines_or_named_by_a_prefix():
    too_long = [f"{module}: {n}" for module, path in _app_modules() if (n := len(path.read_text().splitlines())) > 600]
    assert too_long == []
    prefixed = [
        module
        for module, path in _app_modules()
        if path.parent.name in APPS and path.stem.startswith(("report_", "plan_", "benchmark_"))
    ]
    assert prefixed == []
