"""The packages import one another in one direction only, as docs/architecture.md draws it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each package, and the packages of ours it may import (docs/architecture.md, "Imports").
# Every package above it may import ``portal.audit`` (to write the trail); it imports only
# ``portal.core`` and names the rows it copies by label.
AUDIT = "portal.audit"
ALLOWED = {
    "portal.core": set(),
    AUDIT: {"portal.core"},
    "portal.notifications": {"portal.core"},
    "portal.accounts": {"portal.notifications", AUDIT, "portal.core"},
    "payments": {"portal.accounts", AUDIT, "portal.core"},
    "portal.applications": {
        "payments",
        "portal.accounts",
        "portal.notifications",
        AUDIT,
        "portal.core",
    },
    "forms": {"portal.applications", "portal.core"},
    "portal.review": {"portal.applications", "payments", "portal.accounts", AUDIT, "portal.core"},
    "portal.tracking": {"portal.applications", "payments", "portal.accounts", AUDIT, "portal.core"},
    "portal.dashboard": {
        "portal.tracking",
        "portal.applications",
        "payments",
        "portal.accounts",
        AUDIT,
        "portal.core",
    },
    "cms": {"forms", "portal.applications", "portal.accounts", "payments", AUDIT, "portal.core"},
    # The API sits on top: it reads the catalogue (cms), acts through the back office's
    # actions (portal.review), and nothing imports it but the URL map.
    "portal.api": {
        "cms",
        "portal.review",
        "portal.tracking",
        "portal.dashboard",
        "portal.applications",
        "payments",
        "portal.accounts",
        "portal.notifications",
        AUDIT,
        "portal.core",
    },
}


def package_of(module: str) -> str | None:
    for package in sorted(ALLOWED, key=len, reverse=True):
        if module == package or module.startswith(package + "."):
            return package
    return None


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module)
    return found


def test_imports_flow_one_way():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for module in imports_of(path):
                target = package_of(module)
                if target and target != package and target not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


def test_the_repository_refers_to_no_document_outside_it():
    outside = []
    for path in ROOT.rglob("*"):
        if not path.is_file() or path.suffix not in {".py", ".md", ".html", ".txt", ".toml"}:
            continue
        if path == Path(__file__):
            continue
        if {".venv", "node_modules", ".git", "build", "staticfiles", "data"} & set(
            path.relative_to(ROOT).parts
        ):
            continue
        text = path.read_text(errors="ignore")
        if "DESIGN.md" in text or "../shared" in text:
            outside.append(str(path.relative_to(ROOT)))
    assert outside == []
