"""The model's pieces that need no training: BIO decoding, distances, the pairwise linker's shape."""

import numpy as np
import pytest
import torch

from quotes.model.architecture import (
    DISTANCE_BUCKETS,
    MAX_LINK_DISTANCE,
    TAGS,
    PairScorer,
    distance_bucket,
    span_distances,
)
from quotes.model.runtime import decode_spans


def one_hot(tags):
    return np.eye(len(TAGS))[[TAGS.index(t) for t in tags]]


def test_decode_bio_spans_with_offsets():
    tags = ["B-Source", "B-Cue", "B-Content", "I-Content", "O", "I-Content", "B-Content"]
    offsets = np.array([[0, 5], [6, 10], [11, 14], [15, 19], [20, 21], [22, 25], [26, 30]])
    spans = decode_spans(one_hot(tags), offsets)
    assert [(s.kind, s.start, s.end) for s in spans] == [
        ("Source", 0, 5),
        ("Cue", 6, 10),
        ("Content", 11, 19),
        ("Content", 22, 25),  # an I- without its B- still opens a span
        ("Content", 26, 30),  # a B- right after a span of the same kind starts a new one
    ]
    assert all(abs(s.probability - 1.0) < 1e-9 for s in spans)


def test_signed_distances_and_buckets():
    contents = torch.tensor([[10, 20]])
    candidates = torch.tensor([[0, 3], [22, 23], [15, 16]])
    d = span_distances(contents, candidates)
    assert d.tolist() == [[-7, 2, 0]]
    buckets = distance_bucket(torch.tensor([-1000, -7, 0, 2, 1000]))
    assert buckets.min() >= 1 and buckets.max() < DISTANCE_BUCKETS
    assert buckets[0] != buckets[4] and buckets[1] < buckets[3]


def test_pair_scorer_has_a_none_column_and_masks_far_candidates():
    torch.manual_seed(0)
    scorer = PairScorer(8)
    logits = scorer(torch.randn(2, 8), torch.randn(3, 8), torch.tensor([[1, -5, MAX_LINK_DISTANCE + 1], [0, 2, 3]]))
    assert logits.shape == (2, 4)
    assert logits[0, 3] < -1000 and logits[1, 3] > -1000
    empty = scorer(torch.randn(2, 8), torch.zeros(0, 8), torch.zeros(2, 0, dtype=torch.long))
    assert empty.shape == (2, 1)


def test_spans_are_widened_to_whole_words():
    tags = ["O", "B-Source", "O", "B-Cue"]  # "Mill" tagged, "##ey" not
    offsets = np.array([[0, 3], [4, 8], [8, 10], [11, 15]])
    word_starts = np.array([True, True, False, True])
    spans = decode_spans(one_hot(tags), offsets, word_starts)
    assert [(s.kind, s.start, s.end) for s in spans] == [("Source", 4, 10), ("Cue", 11, 15)]


def test_serving_linker_agrees_with_the_training_link_logits():
    """SpanModel._link scores contents in chunks against the candidates within reach; on random spans over
    a long article it picks the same candidate with the same probability as link_logits on the whole."""
    from transformers import BertConfig, BertModel

    from quotes.model.architecture import QuoteModel, prefix_sums
    from quotes.model.runtime import LINK_CHUNK, RawSpan, SpanModel

    torch.manual_seed(0)
    config = BertConfig(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64)
    model = QuoteModel(BertModel(config, add_pooling_layer=False)).eval()
    span_model = SpanModel(model, tokenizer=None, meta={})
    rng = np.random.default_rng(0)
    n = 3 * MAX_LINK_DISTANCE

    def spans(kind, count):
        firsts = np.sort(rng.choice(n - 8, count, replace=False))
        return [RawSpan(kind, 0, 1, int(f), int(f + rng.integers(0, 8)), 0.9) for f in firsts]

    contents, candidates = spans("Content", 2 * LINK_CHUNK + 5), spans("Source", 40)
    hidden = torch.randn(n, 32)
    with torch.inference_mode():
        ranges = lambda ss: torch.tensor([[s.first_token, s.last_token] for s in ss])  # noqa: E731
        cumulative = prefix_sums(hidden)
        served = span_model._link(
            model.source_scorer,
            span_model._span_set(hidden, contents, cumulative),
            span_model._span_set(hidden, candidates, cumulative),
        )
        probs = torch.softmax(model.link_logits(model.source_scorer, hidden, ranges(contents), ranges(candidates)), -1)
    for (choice, p), row in zip(served, probs):
        j = int(row.argmax())
        assert choice is (None if j == 0 else candidates[j - 1])
        assert abs(p - float(row[j])) < 1e-5


def test_bucketed_windows_of_several_documents_give_each_its_own_hidden_states(model_dir, seed_text):
    """Sorting windows by length across documents and cutting each call to its longest window changes
    nothing for an fp32 encoder: padding is masked."""
    from quotes.model.runtime import SpanModel, encode_documents

    span_model = SpanModel.load(model_dir, backend="torch")
    texts = [seed_text, seed_text[:400], "He said no.", seed_text[2000:]]
    windows = [span_model.encode(t, [])[1] for t in texts]
    with torch.inference_mode():
        together = encode_documents(span_model.encoder.windows, windows, batch_size=3)
        alone = [encode_documents(span_model.encoder.windows, [w], 16, bucketed=False)[0] for w in windows]
    for a, b in zip(together, alone):
        assert a.shape == b.shape
        assert torch.allclose(a, b, atol=1e-4)


def test_run_many_gives_each_article_its_own_answer(attributor, seed_text):
    texts = [seed_text, 'He said: "Yes."', "No quotes here.", seed_text[:900]]
    assert attributor.run_many(texts) == [attributor.run(t) for t in texts]


def test_the_fused_fp32_onnx_encoder_answers_as_torch_does(model_dir, seed_text):
    """The encoder CPUs without VNNI run (built once, then cached) gives torch fp32's answers."""
    from quotes import Attributor

    texts = [seed_text, seed_text[:900], 'Asked about the vote, the senator said: "We will not back down."']
    fused = Attributor.from_path(model_dir, backend="onnx-fp32", device="cpu")
    exact = Attributor.from_path(model_dir, backend="torch", device="cpu")
    assert fused.span_model.backend == "onnx-fp32"
    assert fused.run_many(texts) == [exact.run(t) for t in texts]


def test_release_memory_gives_the_encoders_arena_back(attributor, seed_text):
    """A call of 16 windows grows ONNX Runtime's arena by some 430 MiB, which it keeps until asked; a server
    resting after a long article asks (service/engine_holder.py). The answers stay the same."""
    from service.memory import rss_mb, trim_heap

    long_text = "\n\n".join([seed_text] * 5)  # about 4,000 tokens: full 16-window encoder calls
    before = attributor.run(long_text)
    grown = rss_mb()
    attributor.release_memory()
    trim_heap()
    assert grown - rss_mb() > 200
    assert attributor.run(long_text) == before


def test_the_encoder_runs_only_on_windows_with_a_letter(attributor, monkeypatch):
    """Runs of marks between spaces fill windows without a letter: the real encoder is called on the others
    only (a counting wrapper around it), and the answer's spans still slice the text."""
    span_model = attributor.span_model
    text = "“ ” " * 600 + "The senator said “we will not back down” on Tuesday. " + "“ ” " * 600
    real, rows = span_model.encoder.windows, []

    def counting(*arrays):
        rows.append(len(arrays[0]))
        return real(*arrays)

    monkeypatch.setattr(span_model.encoder, "windows", counting)
    result = attributor.run(text)
    windows = span_model.encode(text, [])[1]
    assert sum(rows) == windows.has_letter.sum() < len(windows.has_letter)
    assert [(q.text, q.speaker.name) for q in result.quotes] == [("we will not back down", "senator")]
    assert all(text[q.start : q.end] == q.text for q in result.quotes)


def _attention_with_a_nan_guard():
    """softmax(scores + mask) -> Where(IsNaN(p), 0, p) -> p @ v: the pattern an unfused export puts in every layer."""
    from onnx import TensorProto, helper

    floats = lambda name, *shape: helper.make_tensor_value_info(name, TensorProto.FLOAT, list(shape))  # noqa: E731
    nodes = [
        helper.make_node("Add", ["scores", "mask"], ["masked"]),
        helper.make_node("Softmax", ["masked"], ["p"], axis=-1),
        helper.make_node("IsNaN", ["p"], ["nan"]),
        helper.make_node("Constant", [], ["zero"], value=helper.make_tensor("z", TensorProto.FLOAT, [1], [0.0])),
        helper.make_node("Where", ["nan", "zero", "p"], ["guarded"]),
        helper.make_node("MatMul", ["guarded", "v"], ["out"]),
    ]
    graph = helper.make_graph(
        nodes,
        "attention",
        [floats("scores", 2, 3, 3), floats("mask", 2, 1, 3), floats("v", 2, 3, 4)],
        [floats("out", 2, 3, 4)],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_dropping_the_softmax_nan_guards_keeps_every_output_bit_for_bit(tmp_path):
    import onnx
    import onnxruntime as ort

    from quotes.model.onnx_export import drop_softmax_nan_guards

    path = tmp_path / "attention.onnx"
    onnx.save(_attention_with_a_nan_guard(), str(path))
    rng = np.random.default_rng(0)
    mask = np.zeros((2, 1, 3), np.float32)
    mask[1, 0, 2] = -np.inf  # padding: the last key of the second window; its first key is always attended
    feeds = {"scores": rng.normal(size=(2, 3, 3)).astype(np.float32), "mask": mask}
    feeds["v"] = rng.normal(size=(2, 3, 4)).astype(np.float32)
    before = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, feeds)[0]

    assert drop_softmax_nan_guards(path) == 1
    ops = [n.op_type for n in onnx.load(str(path)).graph.node]
    assert ops == ["Add", "Softmax", "MatMul"]  # the guard, and the constant only it used, are gone
    after = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, feeds)[0]
    assert np.array_equal(before, after)
    assert drop_softmax_nan_guards(path) == 0  # nothing left to drop


def test_the_shipped_encoder_carries_no_softmax_nan_guard(model_dir):
    """What it would cost: a sixth of the int8 encoder's time, for rows no window of ours has."""
    import onnx

    from quotes.model.weights import ONNX_ENCODER_FILE

    graph = onnx.load(str(model_dir / ONNX_ENCODER_FILE), load_external_data=False).graph
    assert "IsNaN" not in {n.op_type for n in graph.node}


def test_a_shallower_encoder_keeps_the_bottom_layers_of_the_base_and_its_heads_agree():
    """The one config helper sizes the whole model and the heads alone; the kept layers are the base's own."""
    from quotes.model.weights import from_base, heads_from_base

    full, _ = from_base()
    shallow, _ = from_base(encoder_layers=2)
    heads, _ = heads_from_base(encoder_layers=2)
    assert len(shallow.encoder.encoder.layer) == shallow.encoder.config.num_hidden_layers == 2
    kept = {k: v for k, v in full.encoder.state_dict().items() if not k.startswith("encoder.layer.") or k[14] in "01"}
    assert kept.keys() == shallow.encoder.state_dict().keys()
    assert all(torch.equal(v, shallow.encoder.state_dict()[k]) for k, v in kept.items())
    shapes = {k: v.shape for k, v in shallow.state_dict().items() if not k.startswith("encoder.")}
    assert shapes == {k: v.shape for k, v in heads.state_dict().items()}
    for make in (from_base, heads_from_base):
        with pytest.raises(ValueError, match="encoder_layers must be 1 to 6"):
            make(encoder_layers=7)
