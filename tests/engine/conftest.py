"""Fixtures of the engine's tests: short articles for the CLI and Ray tests, cut from the seed article."""

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_104702930f359336.txt"


@pytest.fixture(scope="session")
def short_articles():
    """``short_articles(count)``: {"id", "text"} records of 300-700 characters, quotes in most of them."""
    text = SEED.read_text(encoding="utf-8")

    def make(count: int) -> list[dict]:
        step = max(1, (len(text) - 700) // count)
        return [{"id": f"a{n}", "text": text[n * step : n * step + 300 + (n % 5) * 100]} for n in range(count)]

    return make
