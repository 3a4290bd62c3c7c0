"""The README's data dictionary is the one the models generate."""

from pathlib import Path

from pipeline.datapackage import data_dictionary_markdown
from pipeline.readme import section

README = Path(__file__).resolve().parent.parent / "README.md"


def test_data_dictionary_is_current():
    expected = data_dictionary_markdown().rstrip("\n") + "\n"
    assert section(README.read_text(encoding="utf-8"), "dictionary") == expected, (
        "run `python -m pipeline dictionary` to regenerate the README's data dictionary"
    )
