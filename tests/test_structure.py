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


def test_hard_wrapped_paragraphs_are_one_block():
    text = (
        "Guillain-Barre syndrome\r\n\r\n"
        "Guillain-Barre syndrome is a rare disorder in which the body's immune\r\n"
        "system attacks the nerves. It affects about 1 in 100,000 people each\r\n"
        "year in the United States. Symptoms include weakness and tingling in\r\n"
        "the legs.\r\n\r\n"
        "Diagnosis\r\n\r\n"
        "Doctors use nerve conduction studies and a spinal tap to make the\r\n"
        "diagnosis in most people.\r\n"
    )
    document = segment(text)
    blocks = [(b.kind, text[b.start : b.end].split("\r\n")[0]) for b in document.blocks]
    assert blocks == [
        ("heading", "Guillain-Barre syndrome"),
        ("paragraph", "Guillain-Barre syndrome is a rare disorder in which the body's immune"),
        ("heading", "Diagnosis"),
        ("paragraph", "Doctors use nerve conduction studies and a spinal tap to make the"),
    ]
    sentences = [text[s.start : s.end] for s in document.sentences]
    assert "It affects about 1 in 100,000 people each\r\nyear in the United States." in sentences


def test_short_lines_without_a_blank_line_between_stay_apart():
    text = "Fact sheet\nPrevalence: 1-9 / 100 000\nAge of onset: Adult\nSummary\nIt is rare.\n"
    lines = [text[b.start : b.end] for b in segment(text).blocks]
    assert lines == [
        "Fact sheet",
        "Prevalence: 1-9 / 100 000",
        "Age of onset: Adult",
        "Summary",
        "It is rare.",
    ]


def test_fact_sheet_label_lines_stay_apart_in_wrapped_text():
    text = (
        "Facioscapulohumeral dystrophy\n\n"
        "Synonym(s): FSHD; Landouzy-Dejerine myopathy; facioscapulohumeral muscular dys\n"
        "Prevalence: 1-9 / 100 000 in most of the European populations studied so far\n"
        "Inheritance: Autosomal dominant, with a share of new mutations in some families\n"
        "Age of onset: Adolescent, Adult, and sometimes childhood in the severe forms\n"
    )
    lines = [text[b.start : b.end] for b in segment(text).blocks]
    assert len(lines) == 5 and lines[3].startswith("Inheritance: Autosomal dominant")
