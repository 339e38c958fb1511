"""quizgen's import graph against its layers: no circle, and no module importing one of a higher layer.

Each module belongs to one layer; a module may import its own layer's modules and those of the layers below,
never one above. The graph is read from the code with `ast`: every import counts, at the top of a module,
inside a function, or under TYPE_CHECKING. `from . import name` imports the submodule `name` where there is
one, else the package itself. docs/contributing/architecture.md draws the same layers.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quizgen"

# Bottom to top. A module matches the longest prefix listed ("quizgen.loader" holds quizgen.loader.files too).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("quizgen", "quizgen.text", "quizgen.i18n", "quizgen.rng", "quizgen.errors", "quizgen.paths",
                    "quizgen.lintcodes", "quizgen.settings", "quizgen.model", "quizgen.itemtypes", "quizgen.webpage")),
    ("language", ("quizgen.lexicon", "quizgen.grammar", "quizgen.kinds", "quizgen.cues", "quizgen.precision",
                  "quizgen.periods", "quizgen.answers", "quizgen.options", "quizgen.languages")),
    ("schema", ("quizgen.schema",)),
    ("loader", ("quizgen.loader",)),
    ("generate", ("quizgen.generate",)),
    ("plan", ("quizgen.plan", "quizgen.cards", "quizgen.lint")),
    ("targets", ("quizgen.targets",)),
    ("writer", ("quizgen.writer",)),
    ("build", ("quizgen.incremental", "quizgen.parallel", "quizgen.progress", "quizgen.build")),
    ("authoring", ("quizgen.authoring",)),
    ("cli", ("quizgen.cli",)),
]
# The pipeline's modules, which authoring reaches through quizgen.authoring.pipeline alone. (loader.files, text
# and YAML with line numbers, and the writer are the tools authoring uses to read and write course files.)
PIPELINE = ("quizgen.loader", "quizgen.generate", "quizgen.plan", "quizgen.cards", "quizgen.lint", "quizgen.targets",
            "quizgen.incremental", "quizgen.parallel", "quizgen.progress", "quizgen.build")
AUTHORING_TOOLS = ("quizgen.loader.files",)


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _known(name: str) -> str | None:
    """The quizgen module an import of `name` loads: itself, or the module holding the name imported from it."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """Every quizgen module `module` imports, anywhere in its code."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([node.module] if node.module else []))
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
        else:
            continue
        found |= {m for n in names if n.startswith("quizgen") and (m := _known(n)) and m != module}
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def layer_of(module: str) -> int:
    best = max(((len(prefix), index) for index, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes
                if module == prefix or module.startswith(prefix + ".")), default=None)
    if best is None:
        raise AssertionError(f"module {module} belongs to no layer: add it to LAYERS (and to the module map "
                             "in docs/contributing/architecture.md)")
    return best[1]


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_a_higher_layer():
    upward = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {i} ({LAYERS[layer_of(i)][0]})"
              for m, imported in sorted(GRAPH.items()) for i in sorted(imported) if layer_of(i) > layer_of(m)]
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def test_the_import_graph_has_no_circle():
    assert _cycles(GRAPH) == []


def test_the_check_finds_a_circle_and_an_upward_import():
    # The checks themselves, on a made-up graph: a -> b -> a is a circle, the schema importing a target is upward.
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert layer_of("quizgen.schema") < layer_of("quizgen.targets.pdf.document")
    assert imports_of("quizgen.targets.pdf.document") >= {"quizgen.targets", "quizgen.targets.pdf.fonts"}


def test_authoring_reaches_the_pipeline_through_one_module():
    reaching = [f"{m} imports {i}" for m, imported in sorted(GRAPH.items())
                if m.startswith("quizgen.authoring.") and m != "quizgen.authoring.pipeline"
                for i in sorted(imported)
                if any(i == p or i.startswith(p + ".") for p in PIPELINE) and i not in AUTHORING_TOOLS]
    assert reaching == []


def test_targets_know_nothing_of_yaml():
    # Targets take plain items and the plan: never the loader, nor the schema of the course files.
    reading = [f"{m} imports {i}" for m, imported in sorted(GRAPH.items()) if m.startswith("quizgen.targets")
               for i in sorted(imported) if i.startswith(("quizgen.loader", "quizgen.schema"))]
    assert reading == []


BELOW_TARGETS = sorted(m for m in MODULES if layer_of(m) < layer_of("quizgen.targets"))


@pytest.mark.parametrize("module", ["quizgen.schema", "quizgen.plan", "quizgen.cards", "quizgen.lint",
                                    "quizgen.generate", "quizgen.loader"])
def test_modules_below_the_targets_load_no_target(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('quizgen.targets')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert module in BELOW_TARGETS
