"""Document structure: headings, list items, sentences, with offsets into the original text."""

from pipeline.text.normalize import fold
from pipeline.text.structure import segment

TEXT = (
    "Spinal Muscular Atrophy\n\n"
    "SMA is a genetic disease. It affects about 1 in 10,000 babies in the U.S. each year.\n"
    "- Type 1: severe onset.\n"
    "• Type 2: later onset.\n"
    "Is SMA inherited?\n"
    "Yes. Both parents must carry the gene.\n"
)


def test_blocks_and_sentences_index_the_text():
    document = segment(TEXT)
    kinds = [(b.kind, TEXT[b.start : b.end]) for b in document.blocks]
    assert kinds[0] == ("heading", "Spinal Muscular Atrophy")
    assert [k for k, _ in kinds] == [
        "heading",
        "paragraph",
        "list_item",
        "list_item",
        "heading",
        "paragraph",
    ]
    sentences = [TEXT[s.start : s.end] for s in document.sentences]
    assert "It affects about 1 in 10,000 babies in the U.S. each year." in sentences
    assert "SMA is a genetic disease." in sentences
    assert "Both parents must carry the gene." in sentences


def test_sections_follow_headings():
    document = segment(TEXT)
    assert document.blocks[1].section == 0
    assert document.blocks[5].section == 4


def test_captions_and_dates_are_not_headings():
    text = "Title Here\nSeptember 10, 2023\nBody text follows here.\nALS funky-data / Getty Images\nMore text."
    kinds = {text[b.start : b.end]: b.kind for b in segment(text).blocks}
    assert kinds["September 10, 2023"] == "paragraph"
    assert kinds["ALS funky-data / Getty Images"] == "paragraph"


def test_fold_keeps_length():
    for text in ["Guillain–Barré", "Lou Gehrig’s", "İ\u00a0x", "ﬁne"]:
        assert len(fold(text)) == len(text)
    assert fold("Guillain–Barré") == "guillain barre"


def test_reference_markers_after_a_full_stop_end_the_sentence():
    text = "CMT affects 1 in 2,500 people.[8] A study found 1 in 1,214.[9][10] CMT1A is common."
    sentences = [text[s.start : s.end] for s in segment(text).sentences]
    assert sentences == [
        "CMT affects 1 in 2,500 people.[8]",
        "A study found 1 in 1,214.[9][10]",
        "CMT1A is common.",
    ]
