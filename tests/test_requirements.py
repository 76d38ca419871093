"""Every third-party import of the project is pinned in a requirements file, so a fresh machine gets what CI tests."""
import re
import sys
from importlib.metadata import packages_distributions

from conftest import ROOT
from source_imports import imported

SKIPPED_DIRS = {".git", ".venv", "venv", "fixtures", "__pycache__", "data"}


def project_files():
    """Every Python file of the project, tests included, test fixtures and virtual environments not."""
    for path in sorted(ROOT.rglob("*.py")):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def is_own(module):
    """A package or module of this repository (tests import their helpers by bare name)."""
    return any((folder / module).is_dir() or (folder / f"{module}.py").is_file() for folder in (ROOT, ROOT / "tests"))


def normalise(name):
    """PEP 503 form, so 'python_pptx' and 'python-pptx' compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(requirements):
    """Distributions pinned with == in a requirements file, following -r includes."""
    names = set()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= pinned(requirements.parent / line[3:].strip())
        elif "==" in line:
            names.add(normalise(line.split("==", 1)[0].split("[", 1)[0]))
    return names


def missing_pins(files, pins):
    """{distribution or module: [files]} for every third-party import that no requirements file pins."""
    distributions = packages_distributions()
    missing = {}
    for path in files:
        for module in imported(path):
            if module in sys.stdlib_module_names or is_own(module):
                continue
            owners = {normalise(d) for d in distributions.get(module, [])} or {f"{module} (not installed)"}
            if not owners & pins:
                for owner in owners:
                    missing.setdefault(owner, []).append(path.relative_to(ROOT).as_posix())
    return missing


def test_every_third_party_import_is_pinned():
    """Fails naming each distribution (and the files importing it) that requirements*.txt does not pin."""
    missing = missing_pins(project_files(), pinned(ROOT / "requirements-dev.txt"))
    assert not missing, f"imported but not pinned in requirements*.txt: {missing}"


def test_the_check_notices_a_removed_pin():
    """Without python-pptx's line the check names python-pptx (the check itself can fail)."""
    pins = pinned(ROOT / "requirements-dev.txt") - {"python-pptx"}
    assert "python-pptx" in missing_pins(project_files(), pins)


def test_the_app_needs_only_the_runtime_requirements():
    """`pip install -r requirements.txt` is enough to run the dashboard: tests' and bench's packages aside."""
    runtime = [p for p in project_files() if p.relative_to(ROOT).parts[0] not in {"tests", "bench"}]
    assert not missing_pins(runtime, pinned(ROOT / "requirements.txt"))
