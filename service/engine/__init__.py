"""The attribution engine: text in, quotes with speakers out. Imports nothing from Flask.

``Attributor.from_path(model_dir).run(text)`` is the one entry point for the API, the evaluation and
the benchmark.
"""
from .pipeline import Attributor
from .types import Attributions, Entity, ModelInfo, Quote, Span, Speaker

__all__ = ["Attributor", "Attributions", "Entity", "ModelInfo", "Quote", "Span", "Speaker"]
