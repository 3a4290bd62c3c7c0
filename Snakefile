# muscle-atrophy-facts: raw texts -> extracted facts -> validated tables -> release in dist/.
# Each rule is one short command; the logic lives in the `pipeline` package (python -m pipeline).
import json
import sys
from pathlib import Path

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "config/config.schema.yaml")

from pipeline.ingest import discover_sources
from pipeline.shards import group_by_shard
from pipeline.skipped import SKIPPED_NAME, shard_list_path

RAW = config["raw_dir"]
WORK = config["work_dir"]
DIST = config["dist_dir"]
PY = sys.executable
TABLES = ["sources", "conditions", "mentions", "epidemiology", "inheritance", "diagnostic_tests", "quarantine"]
FACT_FILES = ["mentions", "epidemiology", "inheritance", "diagnostic_tests"]
SOURCES = discover_sources(Path(RAW))  # stops here, naming the file, if raw/ holds a bad name
SHARDS = group_by_shard(SOURCES, config["shards"])
METADATA = f"{RAW}/sources.yaml"
CODE = sorted(str(p) for p in Path("pipeline").rglob("*.py")) + sorted(
    str(p) for p in Path("schemas").glob("*.py")
)


wildcard_constraints:
    shard=r"s\d{3}",


rule all:
    default_target: True
    input:
        f"{WORK}/published.json",


rule lexicon:
    input:
        "pipeline/lexicon/conditions.yaml",
        code=CODE,
    output:
        f"{WORK}/lexicon/conditions.parquet",
        f"{WORK}/lexicon/names.parquet",
    log:
        f"{WORK}/logs/lexicon.log",
    shell:
        "{PY} -m pipeline lexicon --out {WORK}/lexicon --log {log}"


rule metadata:
    input:
        [METADATA] if Path(METADATA).exists() else [],
    output:
        f"{WORK}/metadata.parquet",
    params:
        sources=SOURCES,
    log:
        f"{WORK}/logs/metadata.log",
    shell:
        "{PY} -m pipeline metadata --raw {RAW} --out {output} --log {log}"


rule ingest:
    input:
        lambda wc: [f"{RAW}/{source_id}.txt" for source_id in SHARDS[wc.shard]],
    output:
        docs=f"{WORK}/docs/{{shard}}.parquet",
        skipped=str(shard_list_path(Path(f"{WORK}/docs/{{shard}}.parquet"))),
    params:
        sources=lambda wc: SHARDS[wc.shard],
        on_unreadable=config["on_unreadable"],
    log:
        f"{WORK}/logs/ingest/{{shard}}.log",
    shell:
        "{PY} -m pipeline ingest --raw {RAW} --on-unreadable {params.on_unreadable}"
        " --out {output.docs} --log {log} {params.sources}"


rule extract:
    input:
        docs=f"{WORK}/docs/{{shard}}.parquet",
        names=f"{WORK}/lexicon/names.parquet",
        code=CODE,
    output:
        [f"{WORK}/facts/{{shard}}/{name}.parquet" for name in FACT_FILES],
    log:
        f"{WORK}/logs/extract/{{shard}}.log",
    benchmark:
        f"{WORK}/benchmarks/extract/{{shard}}.tsv"
    shell:
        "{PY} -m pipeline extract --docs {input.docs} --names {input.names}"
        " --out {WORK}/facts/{wildcards.shard} --log {log}"


rule assemble:
    input:
        docs=expand(f"{WORK}/docs/{{shard}}.parquet", shard=SHARDS),
        skipped=[str(shard_list_path(Path(f"{WORK}/docs/{shard}.parquet"))) for shard in SHARDS],
        facts=expand(f"{WORK}/facts/{{shard}}/{{name}}.parquet", shard=SHARDS, name=FACT_FILES),
        metadata=f"{WORK}/metadata.parquet",
        conditions=f"{WORK}/lexicon/conditions.parquet",
        code=CODE,
    output:
        [f"{WORK}/tables/{table}.parquet" for table in TABLES],
        f"{WORK}/validation/{SKIPPED_NAME}",
    log:
        f"{WORK}/logs/assemble.log",
    shell:
        "{PY} -m pipeline assemble --work {WORK} --out {WORK}/tables --log {log}"


rule validate:
    input:
        tables=[f"{WORK}/tables/{table}.parquet" for table in TABLES],
        docs=expand(f"{WORK}/docs/{{shard}}.parquet", shard=SHARDS),
        code=CODE,
    output:
        f"{WORK}/validation/result.json",
        f"{WORK}/validation/report.html",
    params:
        bounds=json.dumps(config["row_bounds"], sort_keys=True),
    log:
        f"{WORK}/logs/validate.log",
    shell:
        "{PY} -m pipeline validate --work {WORK} --out {WORK}/validation --bounds '{params.bounds}' --log {log}"


rule publish:
    input:
        tables=[f"{WORK}/tables/{table}.parquet" for table in TABLES],
        validation=f"{WORK}/validation/result.json",
        skipped=f"{WORK}/validation/{SKIPPED_NAME}",
        code=CODE,
    output:
        f"{WORK}/published.json",
    params:
        version=config["release_version"],
    log:
        f"{WORK}/logs/publish.log",
    shell:
        "{PY} -m pipeline publish --work {WORK} --dist {DIST} --version {params.version}"
        " --stamp {output} --log {log}"
