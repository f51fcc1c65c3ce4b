"""The layout's import rules, checked on the source (ast), not on what happens to be imported.

- No cycle between modules: each module imports only modules that do not import it back, directly
  or through others (imports under `if TYPE_CHECKING:` are for type checkers and do not count).
- Apps import only downwards: `chatbet_project` <- `accounts`, `sports` <- `betting` <- `chat` <-
  `insights`. Of the two siblings, `accounts` may use `sports` (the upstream client: linking a ChatBet
  account, its balance; the shared `LANGUAGES`), never the other way round. The composition roots
  (`chatbet_project/urls.py`, `asgi.py`) wire every app together and may import any of them.
- No hidden imports: an import of our own code inside a function says why on its line or in the
  comment just above it: `startup order:` (it needs the app registry, e.g. in `AppConfig.ready`) or
  `optional SDK:` (it loads a vendor SDK only the configured provider needs). It never dodges a
  cycle. Benchmark scripts (`bench/`) are exempt: they configure Django from their command line,
  so they import our code after `django.setup()`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lower rank = lower layer; a module may import its own app and apps of a strictly lower rank.
APP_RANK = {"chatbet_project": 0, "accounts": 1, "sports": 1, "betting": 2, "chat": 3, "insights": 4}
SIBLING_EDGES = {("accounts", "sports")}  # allowed between apps of the same rank, one way only
COMPOSITION_ROOTS = {"chatbet_project.urls", "chatbet_project.asgi"}
FIRST_PARTY = set(APP_RANK) | {"bench"}
LAZY_REASONS = ("startup order:", "optional SDK:")
SCRIPTS = ("bench",)  # set Django up from their arguments, then import


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> dict[str, Path]:
    """Every non-test module of our apps and benchmarks."""
    modules = {}
    for top in sorted(FIRST_PARTY):
        folder = ROOT / top
        for path in folder.rglob("*.py") if folder.is_dir() else []:
            relative = path.relative_to(ROOT).parts
            if "tests" in relative or path.name.startswith("test_") or path.name == "conftest.py":
                continue
            modules[module_name(path)] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """(node, at_module_level) for every runtime import statement (TYPE_CHECKING blocks skipped)."""
    def walk(node: ast.AST, top: bool):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    yield from walk(other, top)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, top
            inner = top and not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from walk(child, inner)
    yield from walk(tree, True)


def _resolve(node: ast.Import | ast.ImportFrom, name: str, is_package: bool, known: dict[str, Path]) -> list[str]:
    """The first-party modules one import statement loads (the most specific module of each name)."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = name.split(".") if is_package else name.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join(package + ([base] if base else []))
        targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    out = []
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]  # `import a.b.c` of a non-module attribute: its module
        if target and target.split(".")[0] in FIRST_PARTY:
            out.append(target)
    return out


def _said_about(lines: list[str], node: ast.stmt) -> str:
    """The statement's own lines plus the comment lines (and sibling imports) right above it."""
    start = node.lineno - 1
    while start > 0 and lines[start - 1].strip().startswith(("#", "from ", "import ")):
        start -= 1
    return "\n".join(lines[start: node.end_lineno])


def import_graph() -> tuple[dict[str, set[str]], list[str]]:
    """Module -> first-party modules it imports at run time; and the unexplained function-level imports."""
    known = source_modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    hidden = []
    for name, path in known.items():
        source = path.read_text()
        lines = source.splitlines()
        for node, top in _imports(ast.parse(source, filename=str(path))):
            targets = _resolve(node, name, path.name == "__init__.py", known)
            graph[name].update(t for t in targets if t != name)
            if targets and not top and name.split(".")[0] not in SCRIPTS:
                if not any(reason in _said_about(lines, node) for reason in LAZY_REASONS):
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return graph, hidden


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in sorted(graph.items()):
        app = module.split(".")[0]
        if app not in APP_RANK or module in COMPOSITION_ROOTS:
            continue
        for target in sorted(targets):
            other = target.split(".")[0]
            if other == app or other not in APP_RANK or (app, other) in SIBLING_EDGES:
                continue
            if APP_RANK[other] >= APP_RANK[app]:
                bad.append(f"{module} -> {target}")
    return bad


def test_no_import_cycle_between_modules():
    graph, _ = import_graph()
    assert cycles(graph) == []


def test_apps_import_only_downwards():
    graph, _ = import_graph()
    assert layer_violations(graph) == []


def test_no_function_level_import_of_our_code_without_a_startup_order_reason():
    _, hidden = import_graph()
    assert hidden == []


def test_the_checker_sees_cycles_layers_and_hidden_imports(tmp_path):
    """The rules above would catch each kind of mistake (they are not vacuously green)."""
    assert cycles({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}) == [["a.x", "a.y", "a.z"]]
    assert layer_violations({"sports.cache": {"chat.models", "chatbet_project.db", "accounts.models"},
                             "accounts.services": {"sports.domain", "chat.services"},
                             "chatbet_project.admin": {"accounts.ratelimit"},
                             "insights.selectors": {"chat.models"}}) == [
        "accounts.services -> chat.services", "chatbet_project.admin -> accounts.ratelimit",
        "sports.cache -> accounts.models", "sports.cache -> chat.models"]
    graph, hidden = import_graph()
    assert "chat.transport.consumers" in graph and "chat.services.turns" in graph["chat.transport.consumers"]
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import chat.models\n"
                     "def f():\n    import chat.models\n")
    assert [(type(node).__name__, top) for node, top in _imports(tree)] == [("ImportFrom", True), ("Import", False)]


def test_every_app_with_tests_is_in_the_suite():
    """`make test` runs pytest's testpaths: an app whose tests sit outside them is never tested (betting was)."""
    import tomllib

    testpaths = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["testpaths"])
    with_tests = {path.parent.name for path in ROOT.glob("*/tests") if path.parent.name != ".venv"}
    assert with_tests <= testpaths, sorted(with_tests - testpaths)
