"""The meetings table and the adoption line."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import SAMPLE_DIR
from revcop import meetings
from revcop.errors import InputError
from revcop.model import Kind

SAMPLE = SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt"


@pytest.mark.parametrize("n, word", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                                     (13, "13th"), (14, "14th"), (21, "21st"), (22, "22nd"), (111, "111th")])
def test_ordinal(n, word):
    assert meetings.ordinal(n) == word


def test_verified_meetings_of_the_domain_notes():
    table = meetings.load()
    expected = {
        ("CMS", 11): ("Quito", datetime.date(2014, 11, 4), datetime.date(2014, 11, 9)),
        ("CMS", 12): ("Manila", datetime.date(2017, 10, 23), datetime.date(2017, 10, 28)),
        ("CMS", 13): ("Gandhinagar", datetime.date(2020, 2, 17), datetime.date(2020, 2, 22)),
        ("CMS", 14): ("Samarkand", datetime.date(2024, 2, 12), datetime.date(2024, 2, 17)),
        ("CMS", 15): ("Campo Grande", datetime.date(2026, 3, 23), datetime.date(2026, 3, 29)),
    }
    for key, (place, start, end) in expected.items():
        m = table[key]
        assert (m.place, m.start, m.end, m.verified) == (place, start, end, True)
    assert table[("CMS", 15)].country == "Brazil"
    assert (table[("CITES", 18)].place, table[("CITES", 18)].when) == ("Geneva", "August 2019")
    assert (table[("CITES", 19)].place, table[("CITES", 19)].when) == ("Panama City", "November 2022")
    assert [n for (c, n) in table if c == "CMS"] == list(range(1, 16))


def test_only_domain_rows_are_verified():
    verified = {key for key, m in meetings.load().items() if m.verified}
    assert verified == {("CMS", 11), ("CMS", 12), ("CMS", 13), ("CMS", 14), ("CMS", 15), ("CITES", 18), ("CITES", 19)}


def test_adoption_line_adopted_and_amended():
    line = meetings.adoption_line("CMS", 14, (15,))
    assert line.value == ("Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024) "
                          "and amended at its 15th Meeting (Campo Grande, March 2026)")
    assert line.messages == []


def test_adoption_line_several_amendments():
    line = meetings.adoption_line("CMS", 11, (13, 12, 15))
    assert line.value.endswith("and amended at its 12th Meeting (Manila, October 2017), 13th Meeting "
                               "(Gandhinagar, February 2020) and 15th Meeting (Campo Grande, March 2026)")


def test_unknown_meeting_is_never_invented():
    line = meetings.adoption_line("CMS", 16, ())
    assert line.value == "Adopted by the Conference of the Parties at its 16th Meeting"
    assert "CMS COP16 is not in the meetings table" in line.messages[0].text


def test_unverified_meeting_is_used_with_a_note():
    line = meetings.adoption_line("CMS", 9, ())
    assert line.value == "Adopted by the Conference of the Parties at its 9th Meeting (Rome, December 2008)"
    assert "not verified" in line.messages[0].text


def test_unknown_wording_writes_no_line():
    line = meetings.adoption_line("CITES", 19, ())
    assert line.value == "" and "CITES" in line.messages[0].text


@pytest.mark.parametrize("instrument, number", [("Resolution 14.16", 14), ("Resolution 12.7", 12),
                                                ("Resolution Conf. 10.10", 10), ("Resolution XII.4", 12),
                                                ("Resolution XIV.17", 14), ("", None)])
def test_adopted_at(instrument, number):
    assert meetings.adopted_at(instrument) == number


def test_library_table_overrides_and_extends(tmp_path):
    (tmp_path / "meetings.toml").write_text(
        '[[meeting]]\nconvention = "CMS"\nnumber = 16\nplace = "Testville"\nyear = 2029\nmonth = "May"\n'
        'verified = true\n', encoding="utf-8")
    table = meetings.load(tmp_path)
    assert table[("CMS", 16)].when == "May 2029"
    assert table[("CMS", 14)].place == "Samarkand"
    line = meetings.adoption_line("CMS", 14, (16,), table)
    assert line.value.endswith("amended at its 16th Meeting (Testville, May 2029)")


def test_bad_library_table_is_a_one_line_error(tmp_path):
    (tmp_path / "meetings.toml").write_text("[[meeting]]\nconvention = 'CMS'\n", encoding="utf-8")
    with pytest.raises(InputError, match="meetings.toml"):
        meetings.load(tmp_path)


def _adoption(doc):
    return [p.text for p in doc.resolution.paragraphs if p.kind is Kind.ADOPTION]


def test_consolidated_text_carries_the_adoption_line_after_the_title():
    from revcop.consolidation import consolidate
    from revcop.readers import read_document

    doc = consolidate(read_document(str(SAMPLE)).value).value
    kinds = [p.kind for p in doc.resolution.paragraphs[:4]]
    assert kinds == [Kind.TITLE, Kind.TITLE, Kind.ADOPTION, Kind.PREAMBLE]
    assert _adoption(doc) == ["Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, "
                              "February 2024) and amended at its 15th Meeting (Campo Grande, March 2026)"]


def test_adopted_and_cop_override_the_meetings():
    from revcop.consolidation import consolidate, original
    from revcop.readers import read_document

    source = read_document(str(SAMPLE)).value
    doc = consolidate(source, meeting="COP13", adopted="COP12").value
    assert _adoption(doc) == ["Adopted by the Conference of the Parties at its 12th Meeting (Manila, October 2017) "
                              "and amended at its 13th Meeting (Gandhinagar, February 2020)"]
    assert _adoption(original(source).value) == [
        "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024)"]
