"""The Ray Data job on a local Ray (2 CPUs): Parquet and JSONL out, the same lines as ``quotes annotate``."""

import json

import pytest

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

from quotes import cli  # noqa: E402
from quotes.ray_job import run_job  # noqa: E402


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_the_ray_job_writes_the_clis_lines(tmp_path, local_ray, short_articles):
    records = short_articles(30) + [{"id": "empty", "text": ""}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    expected_file = tmp_path / "cli.jsonl"
    cli.main(["annotate", str(source), "-o", str(expected_file), "--quiet", "--device", "cpu"])
    expected = {json.loads(line)["id"]: json.loads(line) for line in expected_file.read_text().splitlines()}

    assert run_job([str(source)], str(tmp_path / "jsonl"), output_format="jsonl", device="cpu", actors=1) == 31
    lines = [json.loads(line) for f in (tmp_path / "jsonl").glob("*.jsonl") for line in f.read_text().splitlines()]
    assert {line["id"]: line for line in lines} == expected
    assert "error" in expected["empty"]

    parquet_in = tmp_path / "in.parquet"
    pq.write_table(_table(records[:5]), parquet_in)
    run_job([str(parquet_in)], str(tmp_path / "parquet"), device="cpu")
    rows = pq.read_table(tmp_path / "parquet").to_pylist()
    assert {row["id"]: json.loads(row["result"]) for row in rows} == {r["id"]: expected[r["id"]] for r in records[:5]}


def _table(records):
    import pyarrow

    return pyarrow.Table.from_pylist(records)
