"""The code's layout, read from the source: one access gate, and imports that flow one way.

- Only `candidates/access.py` knows the roles: no other module (nor template) compares a role or a
  group name, keys a table by role, or looks groups up by name. Everything else asks the gate.
- Imports flow `skills` ← `phases` ← `candidates` ← `documents`; `home` uses them all and nothing imports it.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("candidates", "documents", "home", "phases", "skills")
GATE = ROOT / "candidates" / "access.py"
ROLE_NAMES = {"Candidat", "Conseiller", "Administrateur", "Éditeur"}
ROLE_CONSTANTS = {"CANDIDAT", "CONSEILLER", "ADMINISTRATEUR", "EDITEUR", "BY_PRIORITY", "STAFF"}
ROLE_CHECKS = {"has_role", "_has_role", "is_candidate", "is_counsellor", "is_administrator"}
GROUP_LOOKUPS = re.compile(r"(^|__)groups?__name($|__)")
# Who may import whom: an app never imports one listed against it.
FORBIDDEN_IMPORTS = {
    "skills": ("candidates", "documents", "home", "phases"),
    "phases": ("candidates", "documents", "home"),
    "candidates": ("documents", "home"),
    "documents": ("home",),
    "portal": ("home",),
    "bench": ("home",),
}


def python_modules(*folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _mentions_role(node) -> bool:
    """A role's name, a role constant (`access.CONSEILLER`, `CONSEILLER`) or a person's `.role`."""
    if isinstance(node, ast.Constant):
        return node.value in ROLE_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in ROLE_CONSTANTS or node.attr == "role"
    if isinstance(node, ast.Name):
        return node.id in ROLE_CONSTANTS
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_mentions_role(element) for element in node.elts)
    return False


def _called(call: ast.Call) -> str | None:
    return getattr(call.func, "attr", getattr(call.func, "id", None))


def role_decisions(source: str) -> list[str]:
    """Where `source` decides something on a role itself, instead of asking the gate."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", "?")
        if isinstance(node, ast.Compare) and any(map(_mentions_role, [node.left, *node.comparators])):
            found.append(f"line {line}: compares a role")
        elif isinstance(node, ast.Dict) and any(key is not None and _mentions_role(key) for key in node.keys):
            found.append(f"line {line}: a table keyed by role")
        elif isinstance(node, ast.Match) and _mentions_role(node.subject):
            found.append(f"line {line}: matches on a role")
        elif isinstance(node, ast.keyword) and node.arg and GROUP_LOOKUPS.search(node.arg):
            found.append(f"line {line}: looks groups up by name ({node.arg}=)")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in ROLE_CHECKS:
            found.append(f"line {line}: checks a role by name")
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "filter")
        ):
            owner = node.func.value
            is_groups = isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name)
            if is_groups and owner.value.id == "Group" and any(k.arg == "name" for k in node.keywords):
                found.append(f"line {line}: looks a group up by name")
    return found


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_only_the_gate_decides_on_roles():
    offenders = {
        str(path.relative_to(ROOT)): found
        for path in python_modules(*APPS, "portal")
        if path != GATE and (found := role_decisions(path.read_text()))
    }
    assert offenders == {}, "ask candidates/access.py instead: " + repr(offenders)


def test_no_template_decides_on_roles():
    names = "|".join(ROLE_NAMES)
    decision = re.compile(r"\{%[^%]*(\.role\b|[\"'](?:" + names + r")[\"'])[^%]*%\}")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*.html"))
        if decision.search(path.read_text())
    ]
    assert offenders == [], "give the template a yes/no from candidates/access.py instead: " + ", ".join(offenders)


@pytest.mark.parametrize("app", sorted(FORBIDDEN_IMPORTS))
def test_imports_flow_one_way(app):
    offenders = {}
    for path in python_modules(app):
        wrong = {name for name in imported_modules(path.read_text()) if name.split(".")[0] in FORBIDDEN_IMPORTS[app]}
        if wrong:
            offenders[str(path.relative_to(ROOT))] = sorted(wrong)
    assert offenders == {}, f"{app} must not import {', '.join(FORBIDDEN_IMPORTS[app])}: {offenders}"


@pytest.mark.parametrize(
    "source",
    [
        "if user.role == roles.CONSEILLER: pass",
        "ok = 'Conseiller' in names",
        "x = {access.CANDIDAT: 'dashboard.html'}",
        "User.objects.filter(groups__name='Conseiller')",
        "Group.objects.get(name=role)",
        "shown = user.role in (ADMINISTRATEUR, EDITEUR)",
        "if is_counsellor(request.user): pass",
        "people = dossiers.none() if not permissions.is_administrator(user) else dossiers",
    ],
)
def test_the_walker_sees_a_role_decision(source):
    assert role_decisions(source), source


def test_the_walker_lets_a_role_be_granted_or_labelled():
    source = (
        "access.grant_role(user, access.CANDIDAT)\n"
        "choices = [(access.CANDIDAT, access.LABELS[access.CANDIDAT])]\n"
        "if access.follows_candidates(user): pass\n"
    )
    assert role_decisions(source) == []


def test_the_import_walker_sees_every_kind_of_import():
    source = "import documents.pdf\nfrom home.views import dashboard\nfrom . import models\n"
    assert imported_modules(source) == {"documents.pdf", "home.views"}
