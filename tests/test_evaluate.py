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


def test_values_compare_to_six_significant_digits():
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
