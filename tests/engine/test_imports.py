"""The engine is a library: importing it loads no web code, and reading a document loads no model
runtime (the import graph runs from service/ and training/ down to quotes/, never back up)."""

import subprocess
import sys

WEB = ("flask", "flask_smorest", "marshmallow", "prometheus_client", "service")


def _loaded_after(statement: str) -> set[str]:
    """Top-level modules a fresh interpreter has loaded after running the statement."""
    code = f"import sys\n{statement}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_the_engine_and_its_stages_import_no_web_code():
    loaded = _loaded_after("import quotes.pipeline, quotes.stages.speakers; from quotes import Attributor")
    assert "quotes" in loaded and not loaded & set(WEB)


def test_reading_a_document_loads_no_model_runtime():
    loaded = _loaded_after("import quotes; from quotes.document import Document; Document.read('“Hi,” he said.')")
    assert not loaded & {"torch", "onnxruntime", "transformers", *WEB}
