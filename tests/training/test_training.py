"""Training code on a tiny corpus written here: the reader, the targets, and one real optimisation step."""

import json

import numpy as np
import pytest
import torch

from training.polnear import load_split, parse_ann

TEXT = 'Smith said the plan "will fail".\nThe senator added that taxes would rise.\n'
ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    'T3\tContent 11 31\tthe plan "will fail"\n'
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 33 44\tThe senator\n"
    "T6\tCue 45 50\tadded\n"
    "T7\tContent 51 56;62 72\tthat\ntaxes would rise\n"
    "T8\tAttribution 45 50\tadded\n"
    "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
    "T9\tContent 57 62\ttaxes\n"
    "E3\tAttribution-no-source:T10 Content:T9\n"
)


@pytest.fixture()
def corpus(tmp_path):
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir(parents=True)
        (tmp_path / split / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / split / "attributions" / "doc1_aaaa.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("compartment\tfilename\tannotators\ntrain\tdoc1\taaaa\n", encoding="utf-8")
    return tmp_path


def test_parse_ann_reads_relations_discontinuous_spans_and_continuation_lines():
    attributions = parse_ann(ANN)
    assert len(attributions) == 3
    first, second, no_source = attributions
    assert TEXT[first.start : first.end] == 'the plan "will fail"'
    assert first.source == ((0, 5),) and first.is_direct(TEXT)
    assert second.content == ((51, 56), (62, 72)) and not second.is_direct(TEXT)
    assert no_source.source == ()


def test_load_split_uses_the_first_annotator(corpus):
    (corpus / "train" / "attributions" / "doc1_zzzz.ann").write_text("", encoding="utf-8")
    docs = load_split("train", corpus)
    assert len(docs) == 1 and len(docs[0].attributions) == 3


def test_examples_tag_gold_spans_and_link_targets(corpus):
    from transformers import AutoTokenizer

    from quotes.model.architecture import TAGS
    from quotes.model.runtime import decode_spans
    from quotes.model.weights import base_model_path
    from training.examples import build_example

    tokenizer = AutoTokenizer.from_pretrained(base_model_path(), local_files_only=True)
    example = build_example(load_split("train", corpus)[0], tokenizer)
    spans = decode_spans(np.eye(len(TAGS))[example.tags], example.encoded.offsets)
    found = {(s.kind, TEXT[s.start : s.end]) for s in spans}
    assert ("Source", "Smith") in found and ("Cue", "added") in found
    assert ("Content", 'the plan "will fail"') in found
    # the two parts of the discontinuous content both link to "The senator"
    senator = [
        i
        for i, (a, b) in enumerate(example.sources)
        if TEXT[example.encoded.offsets[a][0] : example.encoded.offsets[b][1]] == "The senator"
    ]
    assert sum(1 for s in example.content_sources if s == senator) == 2


def test_training_runs_one_step_and_writes_a_loadable_model(corpus, tmp_path):
    from quotes.model.runtime import SpanModel
    from training.train import main

    out = tmp_path / "model"
    main(
        ["--corpus", str(corpus), "--out", str(out), "--epochs", "1", "--limit", "1", "--accumulate", "1", "--no-eval"]
    )
    meta = json.loads((out / "meta.json").read_text())
    assert meta["training"]["documents"] == 1
    torch_model = SpanModel.load(out, backend="torch")
    onnx_model = SpanModel.load(out)  # the int8 encoder the training command exported
    assert onnx_model.backend == "onnx"
    _, windows = torch_model.encode(TEXT, [])
    with torch.inference_mode():
        exact = torch_model.encoder(windows)
    approx = onnx_model.encoder(windows)
    assert approx.shape == exact.shape
    assert torch.nn.functional.cosine_similarity(approx, exact, dim=-1).mean() > 0.9
    assert isinstance(onnx_model.predict(TEXT, []), list)


def test_annotator_agreement_scores_pairs_of_annotations_of_one_article(corpus):
    from training.agreement import agreement

    # a second annotator who did not mark the senator's attribution
    other = "\n".join(line for line in ANN.splitlines() if not line.startswith(("T5", "E2")))
    (corpus / "dev" / "attributions" / "doc1_bbbb.ann").write_text(other + "\n", encoding="utf-8")
    report, articles, pairs = agreement(corpus)
    assert (articles, pairs) == (1, 2)
    assert report["direct"]["attribution_f1"] == 1.0  # both agree on the direct quote and its source
    assert report["indirect"]["attribution_f1"] < 1.0  # the senator's attribution is found by one only


def test_soup_averages_checkpoints_of_one_run(tmp_path):
    from safetensors.torch import load_file, save_file

    from training.soup import average

    checkpoints = []
    for k, value in enumerate([1.0, 2.0, 4.0]):
        d = tmp_path / f"c{k}"
        d.mkdir()
        save_file({"w": torch.full((2, 2), value, dtype=torch.float16)}, str(d / "model.safetensors"))
        meta = {"name": "m", "version": "0", "training": {"seed": 13 + k}, "epochs_done": k + 1, "calibration": {}}
        (d / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        checkpoints.append(d)
    out = average(checkpoints, tmp_path / "soup", "quotes-minilm", "9.9.9")
    weights = load_file(str(out / "model.safetensors"))["w"]
    assert weights.dtype == torch.float16 and torch.allclose(weights.float(), torch.full((2, 2), 7 / 3), atol=1e-3)
    meta = json.loads((out / "meta.json").read_text())
    assert (meta["name"], meta["version"]) == ("quotes-minilm", "9.9.9") and "calibration" not in meta
    assert [c["seed"] for c in meta["training"]["checkpoints"]] == [13, 14, 15]

    save_file({"other": torch.zeros(1, dtype=torch.float16)}, str(checkpoints[2] / "model.safetensors"))
    with pytest.raises(ValueError):
        average(checkpoints, tmp_path / "bad", "quotes-minilm", "9.9.9")


def test_a_shallower_student_distils_from_the_shipped_model(corpus, tmp_path, model_dir):
    """--encoder-layers keeps the bottom layers; --teacher adds the distillation loss; the model loads by its
    meta.json (torch and the exported int8 encoder) with the depth it was trained at."""
    from quotes.model.runtime import SpanModel
    from training.train import main

    out = tmp_path / "student"
    main(
        ["--corpus", str(corpus), "--out", str(out), "--epochs", "1", "--limit", "1", "--accumulate", "1"]
        + ["--encoder-layers", "2", "--init", str(model_dir), "--teacher", str(model_dir), "--no-eval"]
    )
    meta = json.loads((out / "meta.json").read_text())
    assert meta["encoder_layers"] == 2 and meta["training"]["teacher"] == str(model_dir)
    student = SpanModel.load(out, backend="torch")
    assert len(student.model.encoder.encoder.layer) == 2
    _, windows = student.encode(TEXT, [])
    with torch.inference_mode():
        exact = student.encoder(windows)
    approx = SpanModel.load(out).encoder(windows)
    assert torch.nn.functional.cosine_similarity(approx, exact, dim=-1).mean() > 0.9


def test_the_distillation_loss_is_zero_for_the_teacher_itself_and_grows_away_from_it(corpus, model_dir):
    from training.examples import build_example
    from training.train import Teacher

    teacher = Teacher(model_dir)
    example = build_example(load_split("train", corpus)[0], teacher.tokenizer)
    states, target_tags = teacher.targets(example)
    tags = teacher.model.tagger(states)
    assert teacher.loss(example, states, tags).item() == pytest.approx(0.0, abs=1e-6)
    assert teacher.loss(example, states + 0.5, tags).item() > 0.2
    assert teacher.loss(example, states, tags.flip(-1)).item() > 0.1


def test_the_teachers_targets_are_computed_once_and_are_what_each_epoch_computed(corpus, model_dir):
    """The tag targets come from the cache (the same tensor every epoch), equal to the tagger run afresh on the
    cached states, as every epoch ran it before."""
    from training.examples import build_example
    from training.train import Teacher

    teacher = Teacher(model_dir)
    example = build_example(load_split("train", corpus)[0], teacher.tokenizer)
    states, tags = teacher.targets(example)
    again_states, again_tags = teacher.targets(example)
    assert again_tags is tags and torch.equal(again_states, states)
    assert states.dtype == torch.float32 and torch.equal(states, states.half().float())  # kept in half precision
    with torch.no_grad():
        assert torch.equal(tags, torch.log_softmax(teacher.model.tagger(states), -1))


def test_calibration_sees_every_prediction_of_a_model_calibrated_before(model_dir):
    """Refitting a calibrated model: its own threshold must not hide the quotes the new fit needs."""
    from quotes import Attributor
    from quotes.calibration import Calibrator
    from training.calibrate import collect
    from training.polnear import Document

    text = '"We will not back down," said Senator Jane Smith. Officials said talks may resume next week.'
    strict = Attributor.from_path(model_dir)
    strict = Attributor(strict.span_model, strict.resolver, Calibrator(None, 0.0, 1.01), strict.info)
    reported = strict.run(text).quotes  # only direct quotes the tagger is sure of pass a threshold above 1
    [(_, predicted, rows)] = collect(strict, [Document("doc", text, ())])
    assert len(predicted) == len(rows) == 2 > len(reported)
