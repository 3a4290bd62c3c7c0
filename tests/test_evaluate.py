"""The scorer: one-to-one matching by key, tolerant float comparison, misses and false positives."""

import pytest

from pipeline.evaluate import score

GOLD = [
    {"source_id": "s", "condition_id": "ORPHA:70", "modality": "mri", "evidence": "MRI"},
    {"source_id": "s", "condition_id": "ORPHA:70", "modality": "mri", "evidence": "another MRI"},
    {"source_id": "s", "condition_id": "ORPHA:70", "modality": "ct", "evidence": "CT"},
]


def test_one_to_one_matching():
    predicted = [
        {"source_id": "s", "condition_id": "ORPHA:70", "modality": "mri", "quote": "MRI"},
        {"source_id": "s", "condition_id": "ORPHA:70", "modality": "x_ray", "quote": "X-ray"},
    ]
    result = score(GOLD, predicted, "diagnostic_tests")
    assert (result.true_positives, result.gold, result.predicted) == (1, 3, 2)
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(1 / 3)
    assert len(result.misses) == 2 and len(result.false_positives) == 1


def test_values_agree_within_half_a_percent():
    gold = [
        {
            "source_id": "s",
            "condition_id": "c",
            "measure": "prevalence",
            "unit": "proportion",
            "value_low": 0.000285714285714,
            "value_high": 0.000285714285714,
        }
    ]
    predicted = [{**gold[0], "value_low": 1 / 3500, "value_high": 1 / 3500}]
    assert score(gold, predicted, "epidemiology").true_positives == 1


def test_hand_rounded_values_match_but_other_values_do_not():
    gold = [
        {
            "source_id": "s",
            "condition_id": "c",
            "measure": "familial_fraction",
            "unit": "proportion",
            "value_low": 0.6667,
            "value_high": 0.6667,
        }
    ]
    two_thirds = {**gold[0], "value_low": 2 / 3, "value_high": 2 / 3}
    assert score(gold, [two_thirds], "epidemiology").true_positives == 1
    seven_tenths = {**gold[0], "value_low": 0.7, "value_high": 0.7}
    assert score(gold, [seven_tenths], "epidemiology").true_positives == 0
