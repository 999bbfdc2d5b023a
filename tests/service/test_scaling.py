"""Time on each class of input grows linearly (issue 9, defect 1: text without spaces was quadratic).

Prose, quote-dense prose, a run of quotation marks (no spaces), Chinese text and a base64 blob, each at two
sizes through the engine the service runs: doubling the size may at most ~2.5x the time. Ratios of medians
of interleaved runs, never absolute times: the machine is shared and noisy, so a ratio over the bound
is measured as much again before it fails.
"""

from __future__ import annotations

import base64
import random
import statistics
import time

import pytest

SIZES = (3_000, 6_000)
ROUNDS = 3
MAX_RATIO = 2.5


def prose(seed: str, size: int) -> str:
    return ((seed + "\n\n") * (size // len(seed) + 1))[:size]


def quote_dense(seed: str, size: int) -> str:
    return ('"a," he said. ' * (size // 14 + 1))[:size]


def quotation_marks(seed: str, size: int) -> str:
    return "\u201c" * size


def chinese(seed: str, size: int) -> str:
    return ("他说：“我们会尽一切努力。”记者问道。" * (size // 18 + 1))[:size]


def base64_blob(seed: str, size: int) -> str:
    return base64.b64encode(random.Random(size).randbytes(size))[:size].decode()


TEXT_CLASSES = {
    "prose": prose,
    "quote-dense": quote_dense,
    "quotation-marks": quotation_marks,
    "chinese": chinese,
    "base64": base64_blob,
}


def median_times(attributor, texts: list[str], rounds: int, times: list[list[float]]) -> list[float]:
    """Add `rounds` interleaved runs of each text to `times`; the median time of each text."""
    for _ in range(rounds):
        for text, runs in zip(texts, times, strict=True):
            started = time.perf_counter()
            attributor.run(text)
            runs.append(time.perf_counter() - started)
    return [statistics.median(runs) for runs in times]


@pytest.mark.parametrize("name", TEXT_CLASSES)
def test_doubling_the_size_at_most_about_doubles_the_time(attributor, seed_text, name):
    texts = [TEXT_CLASSES[name](seed_text, size) for size in SIZES]
    times: list[list[float]] = [[] for _ in SIZES]
    small, large = median_times(attributor, texts, ROUNDS, times)
    if large / small > MAX_RATIO:  # a busy moment of the shared machine: measure as much again
        small, large = median_times(attributor, texts, ROUNDS, times)
    assert large / small <= MAX_RATIO, f"{name}: {small:.2f} s at {SIZES[0]} chars, {large:.2f} s at {SIZES[1]}"
