"""The product as users install it, not as the dev environment has it.

Two fresh virtual environments, neither with the test extras:

- `make run`'s install: `pip install -e <checkout>` (runtime dependencies only);
- a wheel built from the checkout and installed into a venv, used from a folder outside any
  checkout (contract §8: it carries its ontology, shapes, queries and UI files, and keeps its store
  in the per-user data folder).

In each, every import of the shipped code must resolve, the store is built once (by `serve` on
first use for `make run`'s install, by `exportgraph load` for the wheel), the CLI must check,
classify and validate, and a served instance must answer one request per endpoint group (reads,
SPARQL, agreements, terminology writes with roles, web UI) without a 5xx.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import venv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
AGREEMENT = ROOT / "tests" / "agreements" / "cases" / "conforming.json"
pytestmark = pytest.mark.install

# Run inside an installed environment: every import in the shipped code (also those inside
# functions) must be importable there. Catches a dependency declared only in an extra.
IMPORTS_RESOLVE = r"""
import ast, importlib.util, pathlib, sys
import exportgraph
root = pathlib.Path(exportgraph.__file__).parent
missing = {}
for path in root.rglob("*.py"):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top not in sys.stdlib_module_names and importlib.util.find_spec(top) is None:
                missing.setdefault(top, f"{path.relative_to(root)}:{node.lineno}")
for top, where in sorted(missing.items()):
    print(f"{where}: import {top} is not installed")
sys.exit(1 if missing else 0)
"""


@dataclass(frozen=True)
class Install:
    """A venv with exportgraph installed one way, and a folder to run it from."""

    name: str
    python: Path
    workdir: Path
    env: dict[str, str]

    @property
    def cli(self) -> Path:
        return self.python.parent / "exportgraph"

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.cli), *args],
            cwd=self.workdir,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )


def _make_venv(path: Path) -> Path:
    # no pip inside: the test run's own pip installs into it (`pip --python`), which saves
    # seeding pip into every venv; the product's runtime imports nothing of pip
    venv.EnvBuilder(with_pip=False, clear=True).create(path)
    return path / "bin" / "python"


def _pip(python: Path, *args: str) -> None:
    """pip install into the venv of `python` (without precompiling: imports compile anyway)."""
    install = ["install", "--quiet", "--disable-pip-version-check", "--no-compile"]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), *install, *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]


def _clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPORTGRAPH_")}
    env.pop("PYTHONPATH", None)
    env.pop("XDG_DATA_HOME", None)
    env["HOME"] = str(home)
    return env


@pytest.fixture(scope="module")
def editable(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """What `make run` installs: the checkout, editable, without extras."""
    base = tmp_path_factory.mktemp("editable")
    python = _make_venv(base / "venv")
    _pip(python, "-e", str(ROOT))
    # run from a copy-free folder of its own, as `make run` would from the checkout
    work = base / "work"
    work.mkdir()
    return Install("editable", python, work, _clean_env(base / "home"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """A wheel built from the checkout, installed into a fresh venv, run outside the checkout."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    (wheel_file,) = dist.glob("exportgraph-*.whl")
    python = _make_venv(base / "venv")
    _pip(python, str(wheel_file))
    work = base / "elsewhere"
    work.mkdir()
    return Install("wheel", python, work, _clean_env(base / "home"))


@pytest.fixture(params=["editable", "wheel"])
def install(request: pytest.FixtureRequest) -> Install:
    found: Install = request.getfixturevalue(request.param)
    return found


def test_every_import_of_the_shipped_code_resolves(install: Install) -> None:
    done = subprocess.run(
        [str(install.python), "-c", IMPORTS_RESOLVE],
        cwd=install.workdir,
        env=install.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_wheel_adds_one_top_level_name_and_carries_the_knowledge(wheel: Install) -> None:
    site = Path(
        subprocess.run(
            [
                str(wheel.python),
                "-c",
                "import exportgraph, pathlib; print(pathlib.Path(exportgraph.__file__).parent)",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=wheel.workdir,
            env=wheel.env,
        ).stdout.strip()
    )
    assert ROOT not in site.parents, f"the wheel test imported the checkout: {site}"
    (top_level,) = site.parent.glob("exportgraph-*.dist-info/top_level.txt")
    assert top_level.read_text().split() == ["exportgraph"]
    for shipped in (
        "ontology/core.ttl",
        "shapes/agreement.ttl",
        "queries/classify.rq",
        "api/templates/ui/base.html",
        "api/static/ui.css",
        "ontology/controls/US/criteria.csv",
        "ontology/mappings/asserted.sssom.tsv",
    ):
        assert (site / shipped).is_file(), shipped
    for generic in ("api", "loaders", "ontology", "shapes", "queries"):
        assert not (site.parent / generic).exists(), f"the wheel installed a top-level {generic!r}"


def test_make_run_builds_on_first_use_and_every_endpoint_group_answers(editable: Install) -> None:
    """`make run`'s path: `serve` on no store builds it on first use (with its terminology
    check), answers every endpoint group; then the CLI checks, classifies and validates on it."""
    with serving(editable) as client:
        answer_every_endpoint_group(editable, client)
    assert (editable.workdir / "data" / "store").is_dir(), "a checkout keeps its store in data/"
    check_classify_validate(editable, recorded=False)  # approvals since: checked afresh


def test_wheel_loads_checks_classifies_validates_and_serves(wheel: Install) -> None:
    loaded = wheel.run("load")
    assert loaded.returncode == 0, loaded.stderr
    assert "data version" in loaded.stdout
    store = Path(wheel.env["HOME"]) / ".local" / "share" / "exportgraph" / "store"
    assert store.is_dir(), "a wheel keeps its store in the per-user data folder"
    assert not (wheel.workdir / "data").exists()
    check_classify_validate(wheel, recorded=True)
    with serving(wheel) as client:
        answer_every_endpoint_group(wheel, client)


def check_classify_validate(install: Install, *, recorded: bool) -> None:
    """`exportgraph check`, `classify` and `validate` on the install's store (built already;
    `recorded`: its data is as the build left it, whose check `check` answers from)."""
    checked = install.run("check", "--json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = json.loads(checked.stdout)
    assert report["conforms"] is True
    if recorded:
        assert report["recorded"] is True, "the build recorded its terminology check"
    classified = install.run(
        "classify",
        "--kind",
        "quantum-computer",
        "--param",
        "physical-qubits=120",
        "--param",
        "cnot-error=8e-4",
        "--jurisdiction",
        "US",
        "--json",
    )
    assert classified.returncode == 0, classified.stderr
    (us,) = json.loads(classified.stdout)["results"]
    assert us["controlled"] is True
    validated = install.run("validate", str(AGREEMENT), "--json")
    assert validated.returncode == 0, validated.stdout + validated.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(install: Install) -> Iterator[httpx.Client]:
    """`exportgraph serve` of the install, ready (its store built first if there is none)."""
    port = _free_port()
    process = subprocess.Popen(
        [str(install.cli), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=install.workdir,
        env=install.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        deadline = time.monotonic() + 240  # a first use builds the store (~30 s quiet)
        while True:
            if process.poll() is not None:
                assert process.stderr is not None
                pytest.fail(f"serve exited: {process.stderr.read().decode(errors='replace')}")
            try:
                if client.get("/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "serve did not get ready"
            time.sleep(0.3)
        yield client
    finally:
        client.close()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _token(install: Install, name: str, role: str) -> dict[str, str]:
    added = install.run("users", "add", name, "--role", role)
    assert added.returncode == 0, added.stderr
    return {"Authorization": f"Bearer {added.stdout.strip().splitlines()[-1]}"}


def answer_every_endpoint_group(install: Install, client: httpx.Client) -> None:
    editor = _token(install, f"erin-{install.name}", "editor")
    reviewer = _token(install, f"rita-{install.name}", "reviewer")

    item = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}
    answers = {
        "classify": client.post("/v1/classify", json={"item": item, "jurisdictions": ["US"]}),
        "assess": client.post(
            "/v1/assess",
            json={"activity": "export", "subject": {"item": item}, "from": "US", "to": "DE"},
        ),
        "entries": client.get("/v1/entries/US:4A906.a.2"),
        "concepts": client.get("/v1/concepts"),
        "sparql": client.get(
            "/sparql",
            params={"query": "ASK { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
        ),
        "agreements": client.post(
            "/v1/agreements/validate",
            content=AGREEMENT.read_bytes(),
            headers={"Content-Type": "application/json"},
        ),
        "releases": client.get("/v1/releases"),
        "ui": client.get("/"),
        "ui-static": client.get("/static/ui.css"),
        "openapi": client.get("/docs"),
    }
    for group, response in answers.items():
        assert response.status_code == 200, f"{group}: {response.status_code} {response.text[:500]}"
    assert answers["classify"].json()["results"][0]["controlled"] is True
    assert answers["agreements"].json()["conforms"] is True
    assert answers["sparql"].json()["boolean"] is True

    base = client.get("/healthz").json()["data_version"]
    proposal = client.post(
        "/v1/changes",
        json={
            "summary": "Italian label for C-NOT error",
            "rationale": "Requested by the Italian authority.",
            "base_version": base,
            "add": 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
            "remove": "",
        },
        headers=editor,
    )
    assert proposal.status_code == 201, proposal.text
    assert proposal.json()["report"]["conforms"] is True
    approved = client.post(f"{proposal.headers['location']}/approve", headers=reviewer)
    assert approved.status_code == 200, approved.text
    assert client.get("/healthz").json()["data_version"] != base
    found = client.get("/v1/concepts", params={"q": "errore c-not"}).json()
    assert "cnot-error" in [c["notation"] for c in found]


def test_wheel_carries_every_file_of_the_installed_folders(wheel: Install) -> None:
    """Every tracked file of api/, loaders/, ontology/, shapes/, queries/ and exportgraph/ is in
    the installed package (a new folder needs no packaging edit, and none is forgotten)."""
    site = Path(
        subprocess.run(
            [
                str(wheel.python),
                "-c",
                "import exportgraph, pathlib; print(pathlib.Path(exportgraph.__file__).parent)",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=wheel.workdir,
            env=wheel.env,
        ).stdout.strip()
    )
    tracked = subprocess.run(
        ["git", "ls-files", "api", "loaders", "ontology", "shapes", "queries", "exportgraph"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    missing = []
    for name in tracked:
        relative = Path(name)
        installed = (
            relative.relative_to("exportgraph") if relative.parts[0] == "exportgraph" else relative
        )
        if not (site / installed).is_file():
            missing.append(name)
    assert missing == []


def test_runtime_dependencies_exclude_test_tools() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = " ".join(project["dependencies"])
    for tool in ("pytest", "hypothesis", "playwright", "mypy", "ruff"):
        assert tool not in runtime
