"""quotes annotate: the HTTP API's answers as JSONL, from files, folders, JSONL and stdin; error lines,
resuming, several worker processes."""

import io
import json
import sys
import tomllib
from pathlib import Path

import pytest

from quotes import cli

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_104702930f359336.txt"


def annotate(tmp_path, *args, stdin: str | None = None, monkeypatch=None) -> tuple[int, list[dict]]:
    out = tmp_path / "out.jsonl"
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    status = cli.main(["annotate", *map(str, args), "-o", str(out), "--quiet", "--device", "cpu"])
    return status, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_the_cli_lines_are_the_http_apis_answers(tmp_path, client, short_articles):
    records = [{"id": "seed", "text": SEED.read_text(encoding="utf-8")}, *short_articles(5)]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    status, lines = annotate(tmp_path, source)
    assert status == 0
    answers = [client.post("/v1/attributions", json=r).get_json() for r in records]
    assert lines == answers
    assert sum(len(line["quotes"]) for line in lines) > 10


def test_folders_files_and_stdin(tmp_path, monkeypatch):
    folder = tmp_path / "stories"
    (folder / "2021").mkdir(parents=True)
    (folder / "2021" / "b.txt").write_text('"We will win," she said.', encoding="utf-8")
    (folder / "a.txt").write_text("He said the talks had failed.", encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    status, lines = annotate(tmp_path, folder)
    assert status == 0
    assert [line["id"] for line in lines] == [str(folder / "2021" / "b.txt"), str(folder / "a.txt")]
    assert lines[0]["quotes"][0]["text"] == "We will win,"

    (tmp_path / "out.jsonl").unlink()
    status, lines = annotate(tmp_path, "-", stdin='"Fine," he said.\n', monkeypatch=monkeypatch)
    assert [line["id"] for line in lines] == ["-"] and lines[0]["quotes"]


def test_a_failing_document_is_an_error_line_and_the_run_goes_on(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "ok", "text": "He said no."}\nnot json\n{"id": "empty", "text": " "}\n{"text": "She said yes."}\n',
        encoding="utf-8",
    )
    status, lines = annotate(tmp_path, source)
    assert status == 1  # some articles failed
    assert [line["id"] for line in lines] == ["ok", f"{source}:2", "empty", f"{source}:4"]
    assert "error" in lines[1] and "error" in lines[2]
    assert "quotes" in lines[0] and "quotes" in lines[3]


def test_a_second_run_skips_the_ids_already_done(tmp_path, short_articles):
    records = short_articles(4)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records[:2]), encoding="utf-8")
    annotate(tmp_path, source)
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    status, lines = annotate(tmp_path, source)
    assert status == 0
    assert [line["id"] for line in lines] == ["a0", "a1", "a2", "a3"]  # a0, a1 not written twice


def test_two_worker_processes_give_the_same_lines(tmp_path, short_articles):
    records = short_articles(6)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    one = tmp_path / "one"
    one.mkdir()
    _, single = annotate(one, source, "--batch", "2")
    _, pooled = annotate(tmp_path, source, "--batch", "2", "--workers", "2", "--threads", "1")
    assert pooled == single


def test_the_console_script_is_declared():
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, function = scripts["quotes"].partition(":")
    assert module == "quotes.cli" and callable(getattr(cli, function))


def test_unknown_device_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        cli.main(["annotate", "-o", str(tmp_path / "x.jsonl"), "--device", "tpu"])


def test_the_run_shape_follows_the_device(monkeypatch):
    """The CPU: one process, 8 articles per call; a GPU: a worker per core but one, 128 per call; given values win."""
    import quotes.model.runtime as runtime
    from quotes.cli import run_shape

    assert run_shape("cpu", None, None, cores=16) == (1, 8)
    assert run_shape("cpu", 3, 2, cores=16) == (3, 2)
    monkeypatch.setattr(runtime, "resolve_device", lambda device: "cuda")  # as a machine with CUDA answers
    assert run_shape("auto", None, None, cores=16) == (15, 128)
    assert run_shape("cuda", 4, None, cores=16) == (4, 128)
    assert run_shape("cuda", None, None, cores=1) == (1, 128)
    monkeypatch.setattr(runtime, "resolve_device", lambda device: "cpu")
    assert run_shape("auto", None, None, cores=16) == (1, 8)
