"""The report data model: single-document mode on the COP15 sample and on a small fixture."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revcop.model import count_words
from revcop.readers import read_document
from revcop.review import Report, build_report, generated_at, word_diff
from tests.conftest import SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"
FIXTURE = Path(__file__).parent / "data" / "report.critic.txt"


@pytest.fixture(scope="module")
def sample() -> Report:
    read = read_document(SAMPLE)
    return build_report(read.value, read.messages, generated="2026-03-29")


@pytest.fixture(scope="module")
def small() -> Report:
    read = read_document(FIXTURE)
    return build_report(read.value, read.messages, generated="2026-03-29")


def by_name(report: Report, name: str):
    return next(e for e in report.entries if e.old_name == name)


def test_sample_summary_counts(sample):
    s = sample.summary()
    assert list(s) == ["title", "preamble", "operative", "all"]
    assert (s["operative"]["paragraphs"], s["operative"]["amended"], s["operative"]["inserted"]) == (44, 22, 3)
    assert s["preamble"]["inserted"] == 8 and s["preamble"]["moved"] == 2  # two moves, shown at four places
    assert s["all"]["renumbered"] == 22 and s["all"]["deleted"] == 0
    assert sum(s["all"][k] for k in ("unchanged", "amended", "inserted", "deleted")) + 2 * s["all"]["moved"] \
        == s["all"]["paragraphs"] == 98


def test_sample_labels_follow_the_consolidated_numbering(sample):
    bis = by_name(sample, "11 bis")
    assert (bis.change, bis.old_label, bis.new_label, bis.new_name) == ("inserted", "11 bis.", "12.", "12")
    assert by_name(sample, "27 bis").new_label == "29." and by_name(sample, "30").new_label == "33."
    sub = by_name(sample, "14 b")
    assert (sub.old_label, sub.new_label, sub.new_name, sub.renumbered) == ("b)", "b)", "15 b", False)
    table = [(r.old, r.new) for r in sample.renumbering]
    assert table[0] == ("11 bis", "12") and table[-1] == ("30", "33") and len(table) == 22
    assert all(sample.entry(r.target).old_name == r.old for r in sample.renumbering)


def test_sample_moves_are_paired_and_marked_against_the_old_wording(sample):
    moved = [e for e in sample.entries if e.change == "moved"]
    assert [e.move_role for e in moved] == ["to", "to", "from", "from"]
    for e in moved:
        partner = sample.entry(e.partner[0])
        assert partner.partner == (e.id,) and partner.move_role != e.move_role
    goal_a = next(e for e in moved if e.move_role == "to" and "Goal A" in e.text)
    origin = sample.entry(goal_a.partner[0])
    # rejecting the marks gives the old wording, accepting them the new one
    assert "".join(p.text for p in goal_a.pieces if p.change != "inserted") == origin.text
    assert goal_a.new_text.startswith("Noting in particular that Goal A and Targets 2, 3 and 12 of the KMGBF")
    assert (goal_a.words_inserted, goal_a.words_deleted, origin.words_deleted) == (3, 3, 0)


def test_pieces_keep_every_character_of_the_document(sample):
    read = read_document(SAMPLE)
    texts = {p.source: p.text for p in read.value.resolution.walk()}
    for e in sample.entries:
        if e.move_role != "to":
            assert "".join(p.text for p in e.pieces if not p.note) == texts[e.source]


def test_findings_link_to_their_paragraphs(sample):
    codes = [f.code for f in sample.findings if f.origin == "check"]
    assert "doubled-word" in codes and "square-brackets" in codes
    doubled = next(f for f in sample.findings if f.code == "doubled-word")
    assert "to to" in sample.entry(doubled.target).text
    assert all(f.target for f in sample.findings)


def test_unmarked_draft_decisions_are_left_out_with_a_note(sample):
    assert not any(e.part == "decisions" for e in sample.entries)
    assert any("ANNEX 2 (2 draft decisions) carries no amendment marks" in n for n in sample.notes)


def test_header_names_both_versions(sample):
    assert (sample.old.name, sample.old.meeting) == ("Resolution 14.16", "COP14")
    assert (sample.new.name, sample.new.symbol, sample.new.meeting) == (
        "Resolution 14.16 (Rev.COP15)", "UNEP/CMS/COP15/Doc.28.2", "COP15")


def test_small_fixture_deleted_paragraph_footnote_and_reference(small):
    deleted = by_name(small, "3")
    assert (deleted.change, deleted.new_name, deleted.new_label) == ("deleted", "", "")
    assert ("3", "") in [(r.old, r.new) for r in small.renumbering]
    first = by_name(small, "1")
    assert [n.marker for n in first.notes] == ["1"] and first.notes[0].pieces[0].text.startswith("As in Resolution")
    assert [(p.text, p.change) for p in first.pieces[:3]] == [
        ("Requests Parties to ", "unchanged"), ("protect", "deleted"), ("restore", "inserted")]
    ref = small.references[0]
    assert (ref.old, ref.new, ref.status) == ("paragraph 1 bis", "paragraph 2", "rewritten")
    assert small.entry(ref.target).old_name == "2"


def test_generated_at():
    assert generated_at("2026-03-29") == "2026-03-29"
    assert generated_at(None, "1774742400") == "2026-03-29 00:00 UTC"
    assert generated_at("", "").endswith(" UTC")
    with pytest.raises(ValueError, match="not a date"):
        generated_at("29 March")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        generated_at(None, "yesterday")


def test_count_words():
    assert count_words("the Kunming-Montreal Framework’s aims, 2026-2034") == 5
    assert count_words(" , ") == 0


words = st.lists(st.sampled_from(["a", "b", "Parties", "to", ",", ";", " ", "  ", "\u00a0", "bis"]), max_size=30)


@given(words, words)
def test_word_diff_rebuilds_both_texts(a, b):
    old, new = "".join(a), "".join(b)
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.change != "inserted") == old
    assert "".join(p.text for p in pieces if p.change != "deleted") == new
    assert all(p.text for p in pieces)


def test_a_document_without_marks_says_so(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("Resolution 14.16\n\nTITLE\n\nRecalling things,\n\n"
                     "The Conference of the Parties to the Convention\n\n1. Urges Parties to act.\n", encoding="utf-8")
    read = read_document(plain)
    report = build_report(read.value, read.messages, generated="2026-03-29")
    assert {e.change for e in report.entries} == {"unchanged"}
    assert "no amendment marks" in report.notes[0] and not report.renumbering


# -- two versions -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The sample's original and consolidated texts, written by revcop as a user would."""
    from click.testing import CliRunner

    from revcop.cli import cli

    folder = tmp_path_factory.mktemp("versions")
    old, new = folder / "14.16-COP14.txt", folder / "14.16-Rev.COP15.txt"
    assert CliRunner().invoke(cli, ["original", str(SAMPLE), "-o", str(old), "-q"]).exit_code == 0
    assert CliRunner().invoke(cli, ["consolidate", str(SAMPLE), "-o", str(new), "-q"]).exit_code == 0
    return old, new


@pytest.fixture(scope="module")
def pair(versions) -> Report:
    from revcop.review import build_comparison_report

    old, new = (read_document(v) for v in versions)
    return build_comparison_report(old.value, new.value, old.messages, new.messages, generated="2026-03-29")


def test_pair_finds_what_the_amendment_document_marks(pair, sample):
    s, single = pair.summary()["all"], sample.summary()["all"]
    assert pair.mode == "comparison"
    assert (pair.old.name, pair.new.name) == ("Resolution 14.16", "Resolution 14.16 (Rev.COP15)")
    for kind in ("inserted", "deleted", "moved"):
        assert s[kind] == single[kind]
    for part in ("preamble", "operative"):
        assert pair.summary()[part]["amended"] == sample.summary()[part]["amended"]
    # the designation and the adoption line are what consolidation adds to the title block
    assert [e.new_text for e in pair.entries if e.part == "title" and e.change == "amended"] == [
        "Resolution 14.16 (Rev.COP15)",
        "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) "
        "and amended at its 15th Meeting (Campo Grande, March 2026)"]
    assert (pair.old.meeting, pair.new.meeting) == ("COP14", "COP15")
    # new paragraphs have no old label, so only paragraphs that were there are renumbered
    assert [(r.old, r.new) for r in pair.renumbering][:2] == [("12", "13"), ("13", "14")]
    assert ("28", "30") in [(r.old, r.new) for r in pair.renumbering] and len(pair.renumbering) == 19


def test_pair_counts_words_as_revcop_diff_does(pair, versions):
    """One definition of a word (``Kunming-Montreal`` is one): the report and ``revcop diff`` agree."""
    from revcop.comparison import compare

    old, new = (read_document(v).value for v in versions)
    summary = compare(old, new).summary
    words = pair.summary()["all"]
    assert (words["words_inserted"], words["words_deleted"]) == (summary["words_inserted"], summary["words_deleted"])
    assert words["words_inserted"] > 100 and words["words_deleted"] > 20


def test_pair_moves_link_both_places(pair):
    moved = [e for e in pair.entries if e.change == "moved"]
    assert sorted(e.move_role for e in moved) == ["from", "from", "to", "to"]
    for e in moved:
        other = pair.entry(e.partner[0])
        assert other.partner == (e.id,) and other.move_role != e.move_role
        if e.move_role == "from":
            assert e.source.startswith("OLD line ") and e.words_deleted == 0
    goal_a = next(e for e in moved if e.move_role == "to" and "Goal A" in e.text)
    assert goal_a.new_text.startswith("Noting in particular that Goal A and Targets 2, 3 and 12 of the KMGBF")
    assert "".join(p.text for p in goal_a.pieces if p.change != "inserted").startswith(
        "Noting that Goal A, and Targets 2, 3 and 12 of the Kunming-Montreal Biodiversity Framework")


def test_pair_findings_point_into_the_new_version(pair):
    doubled = next(f for f in pair.findings if f.code == "doubled-word")
    assert "to to" in pair.entry(doubled.target).new_text


def test_pair_counts_agree_with_compare(versions, pair):
    from revcop.comparison import compare

    old, new = (read_document(v).value for v in versions)
    counts = compare(old, new).summary
    mine = pair.summary()["all"]
    assert {k: mine[k] for k in ("unchanged", "amended", "inserted", "deleted", "moved", "split", "merged")} \
        == {k: counts[k] for k in ("unchanged", "amended", "inserted", "deleted", "moved", "split", "merged")}
