"""Assemble's pieces: stable fact ids, agreement with reference inheritance, quarantine."""

import json

import polars as pl

from pipeline.assemble import agrees, ordered, split_quarantine
from pipeline.ids import fact_id

ROW = {
    "source_id": "s",
    "condition_id": "ORPHA:803",
    "start": 0,
    "end": 5,
    "quote": "about",
    "extractor": "epidemiology.figure@1",
    "measure": "familial_fraction",
    "value_low": 0.05,
    "value_high": 0.1,
    "unit": "proportion",
    "approximate": True,
    "population": None,
}


def test_fact_id_is_stable_and_depends_on_key_fields():
    first = fact_id("epidemiology", ROW)
    assert first == fact_id("epidemiology", dict(ROW))
    assert len(first) == 16 and int(first, 16) >= 0
    assert first != fact_id("epidemiology", {**ROW, "end": 6})
    assert first != fact_id("epidemiology", {**ROW, "value_high": 0.2})
    assert first == fact_id("epidemiology", {**ROW, "approximate": False})


def test_agreement_with_reference_inheritance():
    assert agrees("x_linked", ["x_linked_recessive"]) is True
    assert agrees("autosomal", ["autosomal_dominant"]) is True
    assert agrees("autosomal_dominant", ["autosomal_recessive"]) is False
    assert agrees("mitochondrial", []) is None


def test_rows_failing_their_schema_go_to_quarantine():
    good = {**ROW, "fact_id": fact_id("epidemiology", ROW)}
    bad_row = {**ROW, "start": 10, "measure": "mortality"}
    bad = {**bad_row, "fact_id": fact_id("epidemiology", bad_row)}
    frame = ordered(
        "epidemiology", pl.DataFrame([good, bad], schema_overrides={"population": pl.String})
    )
    kept, quarantined = split_quarantine("epidemiology", frame)
    assert kept["fact_id"].to_list() == [good["fact_id"]]
    assert [(q["fact_id"], q["failed_column"]) for q in quarantined] == [
        (bad["fact_id"], "measure")
    ]
    assert "isin" in quarantined[0]["failed_check"]
    assert json.loads(quarantined[0]["row"])["measure"] == "mortality"
