"""The container image: tagged with the model's version, labelled, installed from the hashed lock."""

import json
import re
from pathlib import Path

import yaml

from quotes import SHIPPED_MODEL_DIR

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
META = json.loads((ROOT / SHIPPED_MODEL_DIR / "meta.json").read_text())


def test_the_image_tag_and_build_argument_are_the_shipped_models_version():
    service = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["quotes"]
    assert service["image"] == f"quotes:{META['version']}"
    assert service["build"]["args"]["MODEL_VERSION"] == META["version"]
    assert re.search(rf"^ARG MODEL_VERSION={re.escape(META['version'])}$", DOCKERFILE, re.MULTILINE)
    assert re.search(rf"^ARG MODEL_NAME={re.escape(META['name'])}$", DOCKERFILE, re.MULTILINE)
    assert Path(SHIPPED_MODEL_DIR).name == f"{META['name']}-{META['version']}"


def test_the_image_carries_the_oci_labels():
    labels = set(re.findall(r"org\.opencontainers\.image\.([a-z.]+)=", DOCKERFILE))
    assert {"title", "description", "version", "licenses", "revision", "created"} <= labels
    assert 'org.opencontainers.image.licenses="Apache-2.0"' in DOCKERFILE


def test_the_image_installs_the_hashed_lock_and_the_build_context_holds_it():
    assert "pip install --require-hashes --no-deps -r requirements.lock" in DOCKERFILE
    assert "torch" not in DOCKERFILE.split("COPY requirements.lock")[1].split("COPY")[0]  # nothing beside the lock
    allowed = (ROOT / ".dockerignore").read_text().splitlines()
    for copied in ("requirements.lock", "LICENSE", "README.md"):
        assert f"!{copied}" in allowed
