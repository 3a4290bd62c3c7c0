"""The data contract as pandera DataFrameModels (polars backend), one per release table.

Column descriptions, vocabularies and keys live here and nowhere else: the Frictionless
descriptor and the README's data dictionary are generated from these models.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas import vocabularies as v

START = "0-based code-point offset into the decoded source text where the evidence starts."
END = "Code-point offset where the evidence ends (exclusive); end <= the source's n_chars."


class Sources(pa.DataFrameModel):
    """One row per source text in raw/."""

    source_id: str = pa.Field(
        str_matches=v.SOURCE_ID_PATTERN, unique=True, description="Stem of raw/<source_id>.txt."
    )
    path: str = pa.Field(
        str_matches=r"^raw/[a-z0-9][a-z0-9_-]*\.txt$",
        description="Path of the text in the repository.",
    )
    sha256: str = pa.Field(str_matches=v.SHA256_PATTERN, description="SHA-256 of the raw bytes.")
    n_chars: int = pa.Field(ge=1, description="Length of the decoded text in code points.")
    title: str | None = pa.Field(nullable=True, description="Title the text gives itself.")
    publisher: str | None = pa.Field(nullable=True, description="Who published the text.")
    url: str | None = pa.Field(
        nullable=True, str_matches=r"^https?://\S+$", description="Where the text was published."
    )
    kind: str | None = pa.Field(
        nullable=True, isin=list(v.SOURCE_KINDS), description="What kind of publication it is."
    )
    published: pl.Date | None = pa.Field(
        nullable=True, description="Date of publication or last update."
    )
    commercial_interest: bool | None = pa.Field(
        nullable=True, description="True when the source sells a product it promotes."
    )

    class Config:
        strict = True
        name = "sources"
        metadata = {"primary_key": ["source_id"], "sort_by": ["source_id"]}


class Conditions(pa.DataFrameModel):
    """One row per condition that at least one source mentions."""

    condition_id: str = pa.Field(
        str_matches=v.CONDITION_ID_PATTERN,
        unique=True,
        description="CURIE: ORPHA where Orphanet has the condition, else OMIM, else HP, else local.",
    )
    label: str = pa.Field(str_length={"min_value": 1}, description="Preferred name.")
    synonyms: pl.List(pl.String) = pa.Field(description="Names the condition is recognized by.")
    xrefs: pl.List(pl.String) = pa.Field(description="Other CURIEs for the same condition.")
    reference_inheritance: pl.List(pl.String) = pa.Field(
        description="Inheritance modes the HPO annotations give for its ORPHA/OMIM ids; empty when none."
    )

    class Config:
        strict = True
        name = "conditions"
        metadata = {"primary_key": ["condition_id"], "sort_by": ["condition_id"]}


class Mentions(pa.DataFrameModel):
    """Every recognized mention of a condition in a source."""

    source_id: str = pa.Field(
        str_matches=v.SOURCE_ID_PATTERN, description="The source it occurs in."
    )
    condition_id: str = pa.Field(
        str_matches=v.CONDITION_ID_PATTERN, description="The condition it names."
    )
    start: int = pa.Field(ge=0, description=START)
    end: int = pa.Field(ge=1, description=END)
    text: str = pa.Field(
        str_length={"min_value": 1}, description="Exactly the source text[start:end]."
    )

    class Config:
        strict = True
        name = "mentions"
        unique = ["source_id", "start", "end"]
        metadata = {
            "primary_key": ["source_id", "start", "end"],
            "sort_by": ["source_id", "start", "end"],
            "foreign_keys": {"source_id": "sources", "condition_id": "conditions"},
        }


class _Fact(pa.DataFrameModel):
    """Provenance columns carried by every fact row."""

    fact_id: str = pa.Field(
        str_matches=v.FACT_ID_PATTERN,
        unique=True,
        description="First 16 hex digits of SHA-256 over table, source_id, start, end and key fields.",
    )
    source_id: str = pa.Field(
        str_matches=v.SOURCE_ID_PATTERN, description="The source that states the fact."
    )
    condition_id: str = pa.Field(
        str_matches=v.CONDITION_ID_PATTERN, description="The condition the fact is about."
    )
    start: int = pa.Field(ge=0, description=START)
    end: int = pa.Field(ge=1, description=END)
    quote: str = pa.Field(
        str_length={"min_value": 1},
        description="Exactly the source text[start:end]: the clause stating the fact.",
    )
    extractor: str = pa.Field(
        str_matches=v.EXTRACTOR_PATTERN, description="Rule that produced the row, with its version."
    )


_FACT_KEYS = {"foreign_keys": {"source_id": "sources", "condition_id": "conditions"}}

ROW_RULES: dict[str, dict[str, pl.Expr]] = {
    "epidemiology": {
        "values_finite": pl.col("value_low").is_finite() & pl.col("value_high").is_finite(),
        "value_low_at_most_value_high": pl.col("value_low") <= pl.col("value_high"),
        "proportion_within_0_1": (pl.col("unit") != "proportion")
        | ((pl.col("value_low") <= 1) & (pl.col("value_high") <= 1)),
        # Checked between known values only: an unknown measure or unit fails its own isin check.
        "unit_of_measure": ~pl.col("measure").is_in(list(v.MEASURES))
        | ~pl.col("unit").is_in(list(v.UNITS))
        | pl.any_horizontal(
            (pl.col("measure") == measure) & pl.col("unit").is_in(list(units))
            for measure, units in v.MEASURE_UNITS.items()
        ),
    },
}
"""Rules that tie several columns of one row together, by table and name. Each is a dataframe
check of its table's model (same name); assemble quarantines a row that breaks one."""
_EPIDEMIOLOGY_RULES = ROW_RULES["epidemiology"]


class Epidemiology(_Fact):
    """Figures: shares of cases, incidence, prevalence, case counts."""

    measure: str = pa.Field(isin=list(v.MEASURES), description="What the figure measures.")
    value_low: float = pa.Field(ge=0, description="Lower bound, in base units (see unit).")
    value_high: float = pa.Field(
        ge=0, description="Upper bound; equal to value_low for a single value."
    )
    unit: str = pa.Field(isin=list(v.UNITS), description="Base unit; proportions lie in [0, 1].")
    approximate: bool = pa.Field(
        description="The text hedges the figure (about, nearly, up to, ...)."
    )
    population: str | None = pa.Field(
        nullable=True,
        isin=list(v.POPULATIONS),
        description="Population the figure is about, normalized.",
    )

    @pa.dataframe_check
    def values_finite(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Both bounds are finite numbers (a zero denominator gives none)."""
        return data.lazyframe.select(_EPIDEMIOLOGY_RULES["values_finite"])

    @pa.dataframe_check
    def value_low_at_most_value_high(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """value_low <= value_high."""
        return data.lazyframe.select(_EPIDEMIOLOGY_RULES["value_low_at_most_value_high"])

    @pa.dataframe_check
    def proportion_within_0_1(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A proportion lies in [0, 1]."""
        return data.lazyframe.select(_EPIDEMIOLOGY_RULES["proportion_within_0_1"])

    @pa.dataframe_check
    def unit_of_measure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Each measure is given in its own unit (vocabularies.MEASURE_UNITS)."""
        return data.lazyframe.select(_EPIDEMIOLOGY_RULES["unit_of_measure"])

    class Config:
        strict = True
        name = "epidemiology"
        metadata = {
            "primary_key": ["fact_id"],
            "sort_by": ["source_id", "start", "end", "condition_id", "measure", "fact_id"],
            **_FACT_KEYS,
        }


class Inheritance(_Fact):
    """Modes of inheritance that a source states for a condition."""

    mode: str = pa.Field(isin=list(v.INHERITANCE_MODES), description="Inheritance mode.")
    hpo_id: str | None = pa.Field(
        nullable=True,
        isin=[h for h in v.INHERITANCE_HPO.values() if h],
        description="The mode's HPO term; null for bare 'autosomal', which HPO lacks.",
    )
    agrees_with_reference: bool | None = pa.Field(
        nullable=True,
        description="Mode is compatible with the condition's reference_inheritance; null without one.",
    )

    class Config:
        strict = True
        name = "inheritance"
        metadata = {
            "primary_key": ["fact_id"],
            "sort_by": ["source_id", "start", "end", "condition_id", "mode", "fact_id"],
            **_FACT_KEYS,
        }


class DiagnosticTests(_Fact):
    """Test modalities a source names for diagnosing a condition."""

    modality: str = pa.Field(isin=list(v.MODALITIES), description="Kind of test.")
    purpose: str | None = pa.Field(
        nullable=True, description="What the text says the test looks for, as stated."
    )

    class Config:
        strict = True
        name = "diagnostic_tests"
        metadata = {
            "primary_key": ["fact_id"],
            "sort_by": ["source_id", "start", "end", "condition_id", "modality", "fact_id"],
            **_FACT_KEYS,
        }


class Quarantine(pa.DataFrameModel):
    """Extracted fact rows that failed their table's schema: kept with the failed check, not shipped."""

    table: str = pa.Field(
        isin=["epidemiology", "inheritance", "diagnostic_tests"],
        description="The table the row was meant for.",
    )
    fact_id: str = pa.Field(str_matches=v.FACT_ID_PATTERN, description="The row's fact_id.")
    source_id: str = pa.Field(
        str_matches=v.SOURCE_ID_PATTERN, description="The source it came from."
    )
    start: int = pa.Field(ge=0, description=START)
    end: int = pa.Field(ge=1, description=END)
    quote: str = pa.Field(description="The evidence, exactly the source text[start:end].")
    failed_column: str = pa.Field(description="Column whose check failed.")
    failed_check: str = pa.Field(description="The check that failed, as pandera names it.")
    row: str = pa.Field(description="The whole rejected row, as JSON.")

    class Config:
        strict = True
        name = "quarantine"
        unique = ["table", "fact_id", "failed_column", "failed_check"]
        metadata = {
            "primary_key": ["table", "fact_id", "failed_column", "failed_check"],
            "sort_by": [
                "table",
                "source_id",
                "start",
                "end",
                "fact_id",
                "failed_column",
                "failed_check",
            ],
            "foreign_keys": {"source_id": "sources"},
        }


TABLES: dict[str, type[pa.DataFrameModel]] = {
    "sources": Sources,
    "conditions": Conditions,
    "mentions": Mentions,
    "epidemiology": Epidemiology,
    "inheritance": Inheritance,
    "diagnostic_tests": DiagnosticTests,
    "quarantine": Quarantine,
}
FACT_TABLES = ("epidemiology", "inheritance", "diagnostic_tests")
