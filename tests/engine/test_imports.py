"""The engine is a library: importing it loads no web code, and reading a document loads no model
runtime (the import graph runs from service/ and training/ down to quotes/, never back up)."""

import subprocess
import sys

WEB = ("flask", "flask_smorest", "marshmallow", "prometheus_client", "service")


def _modules_after(statement: str) -> set[str]:
    """Every module a fresh interpreter has loaded after running the statement."""
    code = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def _loaded_after(statement: str) -> set[str]:
    """Top-level modules a fresh interpreter has loaded after running the statement."""
    return {module.split(".")[0] for module in _modules_after(statement)}


def test_the_engine_and_its_stages_import_no_web_code():
    loaded = _loaded_after("import quotes.pipeline, quotes.stages.speakers; from quotes import Attributor")
    assert "quotes" in loaded and not loaded & set(WEB)


def test_reading_a_document_loads_no_model_runtime():
    loaded = _loaded_after("import quotes; from quotes.document import Document; Document.read('“Hi,” he said.')")
    assert not loaded & {"torch", "onnxruntime", "transformers", *WEB}


def test_serving_on_the_int8_encoder_imports_no_transformer_modeling_code(model_dir):
    """ONNX Runtime runs the encoder, so transformers' BertModel is never loaded: its modeling code (and the
    torch modules it pulls in) cost every worker about 100 MiB. Its tokenizer is used."""
    loaded = _modules_after(
        "from quotes import Attributor\n"
        f"Attributor.from_path({str(model_dir)!r}, num_threads=1, device='cpu').run('“Hi,” he said.')"
    )
    assert {"onnxruntime", "transformers.models.bert.tokenization_bert_fast"} <= loaded
    assert not loaded & {"transformers.modeling_utils", "transformers.models.bert.modeling_bert"}
