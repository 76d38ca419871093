"""Which modules a Python file imports, read from its syntax tree (lazy imports inside functions included): the
layer arrows and the pinned requirements are both checked against it."""
import ast


def imported(path):
    """Top-level names of every module a file imports."""
    return {name.split(".")[0] for name in modules(path)}


def modules(path):
    """Full dotted names of every module a file imports (`from a.b import c` gives a.b)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names
