"""The evaluation metrics on hand-made gold and predictions."""

from training.metrics import AttributionScorer, Predicted, correct_predictions, dice, tokens
from training.polnear import GoldAttribution

TEXT = 'Smith said the plan "will fail badly" next year. Jones said taxes would rise.'
#       0         1         2         3         4         5         6         7
SMITH = (0, 5)
JONES = (49, 54)


def span(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def gold() -> list[GoldAttribution]:
    quote = (span("the plan")[0], span("next year")[1])
    taxes = (span("taxes")[0], span("would rise")[1])
    return [
        GoldAttribution((quote,), (span("said"),), (SMITH,)),
        GoldAttribution((taxes,), (span("said", 1),), (JONES,)),
    ]


def test_dice_counts_positions_not_words():
    a = tokens(TEXT, [span("said")])
    b = tokens(TEXT, [span("said", 1)])
    assert dice(a, b) == 0.0
    assert dice(a, a) == 1.0


def test_perfect_predictions_score_one():
    g = gold()
    predicted = [
        Predicted(a.start, a.end, "mixed" if a.is_direct(TEXT) else "indirect", a.source[0], a.cue[0]) for a in g
    ]
    scorer = AttributionScorer()
    scorer.add(TEXT, g, predicted)
    report = scorer.report()
    assert report["all"]["content_soft_f1"] == 1.0
    assert report["all"]["content_exact_f1"] == 1.0
    assert report["all"]["attribution_f1"] == 1.0
    assert report["direct"]["gold"] == 1 and report["indirect"]["gold"] == 1


def test_partial_overlap_soft_but_not_exact_and_wrong_source():
    g = gold()
    taxes = span("taxes")
    predicted = [Predicted(taxes[0], span("would rise")[1] - 5, "indirect", SMITH, span("said", 1))]
    scorer = AttributionScorer()
    scorer.add(TEXT, g, predicted)
    report = scorer.report()["all"]
    assert report["content_soft_p"] == 1.0 and report["content_soft_r"] == 0.5
    assert report["content_exact_f1"] == 0.0
    assert report["source_acc"] == 0.0 and report["cue_acc"] == 1.0
    assert report["attribution_f1"] == 0.0
    assert correct_predictions(TEXT, g, predicted) == [False]


def test_exact_ignores_marks_and_trailing_punctuation():
    g = [GoldAttribution(((span('"will')[0], span('badly"')[1]),), (), ())]
    inner = (span("will")[0], span("badly")[1])
    scorer = AttributionScorer()
    scorer.add(TEXT, g, [Predicted(inner[0], inner[1], "direct", None, None)])
    report = scorer.report()
    assert report["direct"]["content_exact_f1"] == 1.0
    assert report["direct"]["attribution_f1"] == 1.0  # no gold source and none predicted


def test_one_to_one_matching():
    g = gold()[:1]
    a = g[0]
    predicted = [Predicted(a.start, a.end, "mixed", SMITH, None), Predicted(a.start, a.end, "mixed", SMITH, None)]
    scorer = AttributionScorer()
    scorer.add(TEXT, g, predicted)
    report = scorer.report()["all"]
    assert report["content_soft_p"] == 0.5 and report["content_soft_r"] == 1.0


def test_quotes_sharing_cue_and_speaker_are_one_attribution_with_parts():
    text = '"We will win," she said. "And soon."'
    she, said = (text.index("she"), text.index("she") + 3), (text.index("said"), text.index("said") + 4)
    first = (1, text.index(',"') + 1)
    second = (text.index("And"), text.index("soon.") + 5)
    gold = [GoldAttribution(((0, first[1] + 1), (second[0] - 1, len(text))), (said,), (she,))]
    predicted = [Predicted(*first, "direct", she, said), Predicted(*second, "direct", she, said)]
    grouped = AttributionScorer()
    grouped.add(text, gold, predicted)
    assert grouped.report()["all"]["attribution_f1"] == 1.0
    assert grouped.report()["all"]["content_exact_f1"] == 1.0
    assert correct_predictions(text, gold, predicted) == [True, True]
    separate = AttributionScorer(group=False)
    separate.add(text, gold, predicted)
    assert separate.report()["all"]["content_soft_p"] == 0.5
