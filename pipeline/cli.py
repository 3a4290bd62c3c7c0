"""Command line: one subcommand per pipeline step, plus tools for curators and consumers.

Heavy libraries (Great Expectations, hpo3, pandera) are imported only inside the step that needs
them, so each Snakemake job pays only for its own imports.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from pipeline.errors import InputError, ReleaseInvalid
from pipeline.skipped import MODES

log = logging.getLogger("pipeline")


def _setup_logging(log_file: str | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, mode="w", encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def _lexicon(args: argparse.Namespace) -> None:
    from pipeline.lexicon_build import build_lexicon

    build_lexicon(Path(args.curated), Path(args.out))


def _metadata(args: argparse.Namespace) -> None:
    from pipeline.steps import write_metadata

    write_metadata(Path(args.raw), Path(args.out))


def _ingest(args: argparse.Namespace) -> None:
    from pipeline.steps import write_docs

    write_docs(Path(args.raw), args.sources, Path(args.out), args.on_unreadable)


def _extract(args: argparse.Namespace) -> None:
    from pipeline.steps import write_facts

    write_facts(Path(args.docs), Path(args.names), Path(args.out))


def _assemble(args: argparse.Namespace) -> None:
    from pipeline.assemble import assemble

    assemble(Path(args.work), Path(args.out))


def _validate(args: argparse.Namespace) -> None:
    from pipeline.validate import validate_release

    validate_release(Path(args.work), Path(args.out), json.loads(args.bounds))


def _publish(args: argparse.Namespace) -> None:
    from pipeline.publish import publish

    publish(Path(args.work), Path(args.dist), args.version, Path(args.stamp))


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import (
        evaluate_release,
        extract_texts,
        format_report,
        load_gold,
        score_all,
    )

    if args.texts:
        from pipeline.tableio import read_parquet

        predicted = extract_texts(Path(args.texts), read_parquet(Path(args.names)))
        report = score_all(load_gold(Path(args.gold)), predicted)
    else:
        report = evaluate_release(Path(args.release), Path(args.gold))
    print(format_report(report, show_errors=not args.quiet))
    return 0


def _dictionary(args: argparse.Namespace) -> None:
    from pipeline.datapackage import data_dictionary_markdown
    from pipeline.readme import replace_section

    readme = Path(args.readme)
    readme.write_text(
        replace_section(
            readme.read_text(encoding="utf-8"), "dictionary", data_dictionary_markdown()
        ),
        encoding="utf-8",
    )


def _fetch(args: argparse.Namespace) -> None:
    from pipeline.fetch import fetch_release

    fetched = fetch_release(args.url, Path(args.dir), version=args.version)
    print(f"fetched release {fetched.version} ({fetched.files} files, verified) to {args.dir}")


def _verify(args: argparse.Namespace) -> None:
    from pipeline.verify import verify_release

    verification = verify_release(Path(args.dir), args.version)
    if not verification.ok:
        raise ReleaseInvalid(
            f"{args.dir}: the release does not verify:\n  " + "\n  ".join(verification.problems)
        )
    print(
        f"{args.dir}: release {verification.version} verified: {verification.files} files match "
        "SHA256SUMS and datapackage.json, every table matches its schema"
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log", help="also write the log to this file")
    parser = argparse.ArgumentParser(prog="maf", description=__doc__)
    steps = parser.add_subparsers(dest="step", required=True)

    step = steps.add_parser(
        "lexicon", parents=[common], help="compile the condition lexicon with hpo3"
    )
    step.add_argument(
        "--curated", default=str(Path(__file__).parent / "lexicon" / "conditions.yaml")
    )
    step.add_argument("--out", required=True)
    step.set_defaults(run=_lexicon)

    step = steps.add_parser("metadata", parents=[common], help="validate raw/sources.yaml")
    step.add_argument("--raw", required=True)
    step.add_argument("--out", required=True)
    step.set_defaults(run=_metadata)

    step = steps.add_parser("ingest", parents=[common], help="decode one shard of source texts")
    step.add_argument("--raw", required=True)
    step.add_argument("--out", required=True)
    step.add_argument(
        "--on-unreadable",
        choices=MODES,
        default="stop",
        help="stop the build at a text that cannot be read (default), or skip and list it",
    )
    step.add_argument("sources", nargs="+")
    step.set_defaults(run=_ingest)

    step = steps.add_parser(
        "extract", parents=[common], help="extract mentions and facts from one shard"
    )
    step.add_argument("--docs", required=True)
    step.add_argument("--names", required=True)
    step.add_argument("--out", required=True)
    step.set_defaults(run=_extract)

    step = steps.add_parser(
        "assemble", parents=[common], help="merge shards, ground conditions, assign fact ids"
    )
    step.add_argument("--work", required=True)
    step.add_argument("--out", required=True)
    step.set_defaults(run=_assemble)

    step = steps.add_parser(
        "validate", parents=[common], help="schemas, cross-table checks, release gate"
    )
    step.add_argument("--work", required=True)
    step.add_argument("--out", required=True)
    step.add_argument("--bounds", required=True, help="row-count bounds per table, as JSON")
    step.set_defaults(run=_validate)

    step = steps.add_parser(
        "publish", parents=[common], help="write the release to dist/ atomically"
    )
    step.add_argument("--work", required=True)
    step.add_argument("--dist", required=True)
    step.add_argument("--version", required=True)
    step.add_argument("--stamp", required=True)
    step.set_defaults(run=_publish)

    step = steps.add_parser(
        "evaluate", parents=[common], help="score a release against gold annotations"
    )
    step.add_argument("--release", default="dist", help="release directory (default dist)")
    step.add_argument("--texts", help="score extraction on these <source_id>.txt files instead")
    step.add_argument(
        "--names", default="work/lexicon/names.parquet", help="compiled lexicon, with --texts"
    )
    step.add_argument("--gold", default="tests/gold", help="directory of <source_id>.yaml gold")
    step.add_argument("--quiet", action="store_true", help="figures only, no list of errors")
    step.set_defaults(run=_evaluate)

    step = steps.add_parser(
        "dictionary", parents=[common], help="regenerate the README's data dictionary"
    )
    step.add_argument("--readme", default="README.md")
    step.set_defaults(run=_dictionary)

    step = steps.add_parser(
        "fetch", parents=[common], help="download a published release and verify it"
    )
    step.add_argument("url", help="base URL of the release (the folder of its datapackage.json)")
    step.add_argument("dir", help="new or empty directory to fetch it to")
    step.add_argument("--version", help="refuse a release of any other version")
    step.set_defaults(run=_fetch)

    step = steps.add_parser(
        "verify", parents=[common], help="check a release directory's checksums and schemas"
    )
    step.add_argument("dir", help="release directory (with datapackage.json and SHA256SUMS)")
    step.add_argument("--version", help="also require this release version")
    step.set_defaults(run=_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; input errors exit with status 2, invalid or refused releases with 3."""
    parser = _parser()
    args = parser.parse_args(argv)
    _setup_logging(args.log)
    try:
        return args.run(args) or 0
    except InputError as error:
        log.error("%s", error)
        return 2
    except ReleaseInvalid as error:
        log.error("%s", error)
        return 3
