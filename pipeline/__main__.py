"""`python -m pipeline <step>`: the entry point every Snakemake rule calls."""

from pipeline.cli import main

raise SystemExit(main())
