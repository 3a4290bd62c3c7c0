"""Release gate: Great Expectations suites for what the pandera models do not express well.

pandera checks each column (types, vocabularies, patterns, ranges, single-column uniqueness).
The gate adds table-level rules: row counts within the configured bounds, columns in the
contract's order, uniqueness of each table's natural key, start < end, value_low <= value_high,
each measure in its own unit, proportions in [0, 1].

Great Expectations has no polars source, so each table is validated as a pandas copy in an
ephemeral context. GX takes about 4 s to import: it is imported only inside `run_gate`.
The result is normalized (no run ids, timestamps, versions or paths) so that the same tables
always give the same `result.json` and `report.html`.
"""

from __future__ import annotations

import datetime
import html
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ids import KEY_FIELDS
from schemas import vocabularies as v
from schemas.models import TABLES

if TYPE_CHECKING:
    import polars as pl

_STATEMENT = ("source_id", "start", "end")
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id",),
    "conditions": ("condition_id",),
    "mentions": ("source_id", "start", "end"),
    **{table: (*_STATEMENT, *fields) for table, fields in KEY_FIELDS.items()},
    "quarantine": ("table", "fact_id", "failed_column", "failed_check"),
}
"""Columns that identify one row of each table: one statement of one fact, one mention."""

SAMPLE_SIZE = 5
"""How many unexpected values a failed expectation shows."""


def _expectations(table: str, bounds: Sequence[int]) -> list[tuple[str, dict[str, Any]]]:
    """The gate's expectations for one table, in report order: (GX class name, kwargs)."""
    columns = list(TABLES[table].to_schema().columns)
    low, high = bounds
    found: list[tuple[str, dict[str, Any]]] = [
        ("ExpectTableColumnsToMatchOrderedList", {"column_list": columns}),
        ("ExpectTableRowCountToBeBetween", {"min_value": low, "max_value": high}),
    ]
    key = list(NATURAL_KEYS[table])
    if len(key) == 1:
        found.append(("ExpectColumnValuesToBeUnique", {"column": key[0]}))
    else:
        found.append(("ExpectCompoundColumnsToBeUnique", {"column_list": key}))
    if {"start", "end"} <= set(columns):
        pair = {"column_A": "end", "column_B": "start", "or_equal": False}
        found.append(("ExpectColumnPairValuesAToBeGreaterThanB", pair))
    if table == "epidemiology":
        pair = {"column_A": "value_high", "column_B": "value_low", "or_equal": True}
        found.append(("ExpectColumnPairValuesAToBeGreaterThanB", pair))
        for measure, units in v.MEASURE_UNITS.items():
            found.append(
                (
                    "ExpectColumnValuesToBeInSet",
                    {
                        "column": "unit",
                        "value_set": list(units),
                        "row_condition": ("measure", measure),
                    },
                )
            )
        for column in ("value_low", "value_high"):
            found.append(
                (
                    "ExpectColumnValuesToBeBetween",
                    {
                        "column": column,
                        "min_value": 0,
                        "max_value": 1,
                        "row_condition": ("unit", "proportion"),
                    },
                )
            )
    return found


def _plain(value: Any) -> Any:
    """A JSON-serializable copy of a GX value: numpy and pandas scalars unwrapped, NaN as null."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return _plain(value.tolist())
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    return str(value)


def _exception(info: Any) -> str | None:
    """The exception messages GX recorded for an expectation, without tracebacks."""
    if not info:
        return None
    records = [info] if "raised_exception" in info else list(info.values())
    messages = sorted(
        {
            str(record.get("exception_message"))
            for record in records
            if record.get("raised_exception")
        }
    )
    return "; ".join(messages) or None


def _normalize(outcome: Any) -> dict[str, Any]:
    """One GX ExpectationValidationResult as a plain, stable dict."""
    config = outcome.expectation_config.to_json_dict()
    kwargs = {key: value for key, value in config["kwargs"].items() if key != "batch_id"}
    result = outcome.result or {}
    return {
        "expectation": config["type"],
        "kwargs": _plain(kwargs),
        "success": bool(outcome.success),
        "observed": _plain(result.get("observed_value")),
        "unexpected_count": _plain(result.get("unexpected_count")),
        "unexpected_sample": _plain(
            list(result.get("partial_unexpected_list") or [])[:SAMPLE_SIZE]
        ),
        "exception": _exception(outcome.exception_info),
    }


def run_gate(tables: dict[str, pl.DataFrame], bounds: Mapping[str, Sequence[int]]) -> dict:
    """Validate the assembled tables; a plain, deterministic, JSON-serializable result.

    `bounds` gives each table's allowed row count as (min, max), from the build config.
    Shape: {"success", "tables": {name: {"success", "expectations": [{"expectation", "kwargs",
    "success", "observed", "unexpected_count", "unexpected_sample", "exception"}]}}}.
    Raises ValueError for a table the contract does not know or one without bounds.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise ValueError(f"tables not in the data contract: {', '.join(unknown)}")
    unbounded = sorted(set(tables) - set(bounds))
    if unbounded:
        raise ValueError(f"no row-count bounds for: {', '.join(unbounded)} (config row_bounds)")

    os.environ["GX_ANALYTICS_ENABLED"] = "False"
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.row_conditions import Column

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_pandas("release")
    report: dict[str, Any] = {}
    for table in (name for name in TABLES if name in tables):
        suite = gx.ExpectationSuite(name=table)
        for order, (kind, kwargs) in enumerate(_expectations(table, bounds[table])):
            kwargs = dict(kwargs)
            if "row_condition" in kwargs:
                column, value = kwargs.pop("row_condition")
                kwargs["row_condition"] = Column(column) == value
            suite.add_expectation(getattr(gx.expectations, kind)(**kwargs, meta={"order": order}))
        batch = (
            source.add_dataframe_asset(name=table)
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": tables[table].to_pandas()})
        )
        validation = batch.validate(
            suite,
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_SIZE},
        )
        outcomes = sorted(validation.results, key=lambda r: r.expectation_config.meta["order"])
        expectations = [_normalize(outcome) for outcome in outcomes]
        report[table] = {
            "success": all(item["success"] for item in expectations),
            "expectations": expectations,
        }
    return {"success": all(item["success"] for item in report.values()), "tables": report}


def failed_expectations(result: dict) -> list[tuple[str, str]]:
    """(table, expectation type) of every failed expectation, in report order."""
    return [
        (table, item["expectation"])
        for table, outcome in result["tables"].items()
        for item in outcome["expectations"]
        if not item["success"]
    ]


# --- report --------------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font-size: 0.85rem; white-space: pre-wrap; }
.pass { color: #1a7f37; font-weight: 600; }
.fail { color: #cf222e; font-weight: 600; }
"""


def _status(success: bool) -> str:
    return '<span class="pass">passed</span>' if success else '<span class="fail">FAILED</span>'


def _code(value: Any) -> str:
    if value is None or value == []:
        return ""
    return f"<code>{html.escape(json.dumps(value, ensure_ascii=False, sort_keys=True))}</code>"


def render_report_html(result: dict) -> str:
    """A small self-contained HTML page of a gate result (no scripts, no timestamps)."""
    tables = result["tables"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>Release gate</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>Release gate: {_status(result['success'])}</h1>",
        "<table>",
        "<tr><th>table</th><th>status</th><th>expectations passed</th></tr>",
    ]
    for name, outcome in tables.items():
        passed = sum(item["success"] for item in outcome["expectations"])
        out.append(
            f'<tr><td><a href="#{html.escape(name)}">{html.escape(name)}</a></td>'
            f"<td>{_status(outcome['success'])}</td>"
            f"<td>{passed} / {len(outcome['expectations'])}</td></tr>"
        )
    out.append("</table>")
    for name, outcome in tables.items():
        out += [
            f'<h2 id="{html.escape(name)}">{html.escape(name)}: {_status(outcome["success"])}</h2>',
            "<table>",
            "<tr><th>expectation</th><th>arguments</th><th>status</th><th>observed</th>"
            "<th>unexpected</th><th>examples</th></tr>",
        ]
        for item in outcome["expectations"]:
            unexpected = item["unexpected_count"]
            examples = _code(item.get("unexpected_sample"))
            if item.get("exception"):
                examples = html.escape(item["exception"])
            out.append(
                f"<tr><td>{html.escape(item['expectation'])}</td><td>{_code(item['kwargs'])}</td>"
                f"<td>{_status(item['success'])}</td><td>{_code(item['observed'])}</td>"
                f"<td>{'' if unexpected is None else unexpected}</td><td>{examples}</td></tr>"
            )
        out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def result_json(result: dict) -> str:
    """The result as deterministic JSON text: sorted keys, indent 2, final newline."""
    return json.dumps(result, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_gate_outputs(result: dict, out_dir: Path) -> None:
    """Write out_dir/result.json and out_dir/report.html."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "result.json").write_text(result_json(result), encoding="utf-8", newline="\n")
    (out_dir / "report.html").write_text(render_report_html(result), encoding="utf-8", newline="\n")
