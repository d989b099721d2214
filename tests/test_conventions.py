"""Convention profiles: loading, detection of the body and language, --convention/--profile, titles and
decisions on consolidation in the body's form and the document's language."""

from __future__ import annotations

import tomllib

import pytest
from click.testing import CliRunner

from revcop import conventions, meetings
from revcop.cli import cli
from revcop.readers import read_document
from tests.conftest import ROOT
from tests.real_texts import REAL, names, need

SHIPPED = {"AEWA", "CBD", "CITES", "CMS", "IWC", "Ramsar", "UNFCCC", "neutral"}


def real(name: str):
    return need(REAL / f"{name}.txt")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_shipped_profiles():
    assert set(conventions.names()) == SHIPPED
    assert conventions.profile("cites").name == "CITES"
    assert conventions.profile("AEWA").family == "CMS"
    with pytest.raises(LookupError, match="known: AEWA, CBD, CITES"):
        conventions.profile("whaling")


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_profiles_pass_the_checks_of_a_users_profile(name):
    """Shipped profiles are read without compiling each pattern (start-up time): a user's profile is,
    so each shipped file must pass that check too."""
    shipped = conventions.profile(name)
    assert conventions.load(shipped.path).data == shipped.data

def test_profiles_ship_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "revcop.conventions" in config["packages"]
    assert config["package-data"]["revcop.conventions"] == ["*.toml"]


def test_family_fills_what_a_profile_does_not_say():
    aewa = conventions.profile("aewa")
    assert aewa.designation_word("resolution") == "Resolution"
    assert aewa.get("house", "symbol_prefix") == "UNEP/CMS/"  # AEWA says nothing: CMS's value
    assert aewa.wording("revision", "en") == ("(Rev.MOP{meeting})", False)  # its own, unverified


@pytest.mark.parametrize("convention, meeting, language, mark, note", [
    ("CMS", "COP15", "en", "(Rev.COP15)", ""),
    ("CITES", "COP19", "en", "(Rev. CoP19)", ""),
    ("CITES", "COP19", "fr", "(Rév. CoP19)", "the CITES revision mark in French is not verified"),
    ("Ramsar", "COP14", "en", None, "the Ramsar revision mark in English is not known"),
    ("", "COP15", "en", "(Rev.COP15)", ""),
])
def test_revision_mark(convention, meeting, language, mark, note):
    assert conventions.revision_mark(convention, meeting, language) == (mark, note)


def test_adoption_wording_per_language():
    line = meetings.adoption_line("CMS", 14, (15,), language="fr")
    assert line.value == "" and "CMS wording in French is not known" in line.messages[0].text
    line = meetings.adoption_line("CITES", 19, ())
    assert line.value == "" and "house wording for CITES is not known" in line.messages[0].text


BODIES = {"aewa": "AEWA", "cbd": "CBD", "cites": "CITES", "cms": "CMS", "iwc": "IWC", "ramsar": "Ramsar",
          "unfccc": "UNFCCC"}


@pytest.mark.parametrize("name", names())
def test_body_and_language_detected_on_the_corpus(name):
    doc = read_document(str(real(name))).value
    body = BODIES[name.split("-")[0]]
    found, evidence = conventions.detect(doc)
    assert found.name == body
    # the body of the document's metadata only where the document names it (symbol, designation, masthead)
    assert doc.meta.convention == (body if evidence.split()[0] in conventions.STRONG else "")
    expected = "fr" if ".fr" in name else "es" if ".es" in name else "en"
    assert conventions.language(doc) == expected


def test_parse_shows_the_convention_and_its_evidence():
    result = run("parse", real("cites-res-conf-13.10-RevCoP14"))
    assert "convention: CITES (from designation 'Resolution Conf. 13.10')" in result.stdout
    result = run("parse", real("cms-res-1.3"))
    assert ("convention: - (probably CMS, from formula 'The Conference of the Parties to the Convention on the Cons…'; "
            "give --convention cms to use it)") in result.stdout
    result = run("parse", real("cms-res-1.3"), "--convention", "ramsar")
    assert "convention: Ramsar (given on the command line)" in result.stdout
    result = run("parse", real("cms-res-1.3"), "--convention", "whaling")
    assert result.exit_code == 2 and "no convention 'whaling'" in result.output


def test_consolidated_cites_resolution_keeps_conf_and_says_wording_is_unknown():
    result = run("consolidate", real("cites-res-conf-13.10-RevCoP14"), "--cop", "CoP19", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Resolution Conf. 13.10 (Rev. CoP19)\n\nTrade in alien invasive species\n")
    assert "no adoption line written: the house wording for CITES is not known" in result.stderr


def test_french_title_in_french():
    result = run("consolidate", real("cites-res-conf-13.10.fr"), "--cop", "CoP19", "-o", "-")
    assert result.stdout.startswith("Résolution Conf. 13.10 (Rév. CoP19)\n")
    assert "the CITES revision mark in French is not verified" in result.stderr


@pytest.mark.parametrize("name, head", [
    ("ramsar-res-IX.17.partial", "Resolution IX.17: Review of the decisions of the Conference of the Contracting "
                                 "Parties\n"),
    ("cbd-dec-X-8", "COP 10 Decision X/8\n\nX/8. United Nations Decade on Biodiversity 2011-2020\n"),
])
def test_title_kept_once_and_numbers_as_written(name, head):
    result = run("consolidate", real(name), "--cop", "COP19", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(head)
    first = head.split("\n")[0]
    assert result.stdout.count(first) == 1 and "X.8" not in result.stdout
    assert "revision mark in English is not known" in result.stderr


DECISIONS = """Decision directed to: Secretariat

17.170 (Rev. CoP18) The Secretariat shall{++, subject to external funding,++} report to the Standing Committee.

Decision directed to: Parties

17.171 Parties are invited to submit information.
"""


def test_amended_decision_takes_the_new_revision_mark(tmp_path):
    source = tmp_path / "decisions.txt"
    source.write_text(DECISIONS, encoding="utf-8")
    result = run("consolidate", source, "--convention", "cites", "--cop", "CoP19", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "17.170 (Rev. CoP19) The Secretariat shall, subject to external funding, report" in result.stdout
    assert "17.171 Parties are invited" in result.stdout  # not amended: no mark
    assert "CoP18" not in result.stdout


PROFILE = """
[convention]
name = "Bonn"
title = "A body revcop does not ship"
unverified = ["adoption.en"]

[detect]
symbol = ['^BONN/']

[revision]
en = "(revised at MOP{meeting})"

[adoption]
en = "Adopted by the Meeting of the Parties at its {meeting}"
amended = { en = ", amended at its {meetings}" }
meeting = { en = "{ordinal} session ({place}, {when})" }
meeting_no_date = { en = "{ordinal} session ({place})" }
meeting_unknown = { en = "{ordinal} session" }
and = { en = " and " }

[[meeting]]
number = 3
place = "Bonn"
year = 2020
month = "May"
verified = true
"""

TEXT = """Resolution 3.1

THE TITLE

The Meeting of the Parties,

Recalling its earlier work,

1. Decides to act{++ now++}.
"""


def test_a_users_profile_adds_a_body(tmp_path):
    profile = tmp_path / "bonn.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    source = tmp_path / "res.txt"
    source.write_text(TEXT, encoding="utf-8")
    result = run("consolidate", source, "--profile", profile, "--cop", "MOP4", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Resolution 3.1 (revised at MOP4)\n\nTHE TITLE\n\nAdopted by the Meeting of the "
                                    "Parties at its 3rd session (Bonn, May 2020), amended at its 4th session\n\n"
                                    "The Meeting of the Parties,\n")
    assert "Bonn adoption line in English is not verified" in result.stderr
    assert "Bonn COP4 is not in the meetings table" in result.stderr


def test_a_bad_profile_is_a_one_line_error(tmp_path):
    profile = tmp_path / "bad.toml"
    profile.write_text("[convention]\ntitle = 'no name'\n", encoding="utf-8")
    result = run("parse", real("cms-res-1.3"), "--profile", profile)
    assert result.exit_code == 1
    assert result.output.strip() == f"revcop: error: {profile}: is not a convention profile: it has no " \
                                    "[convention] table with a name"
    profile.write_text("[convention]\nname = 'X'\n[formulas]\nenacting = ['(']\n", encoding="utf-8")
    result = run("parse", real("cms-res-1.3"), "--profile", profile)
    assert result.exit_code == 1 and "formulas.enacting: '(' is not a regular expression" in result.output


@pytest.mark.parametrize("body, message", [
    ("[revision]\nen = '(Rev. {n})'\n", "revision.en must be text using only {meeting}"),
    ("[adoption]\nen = 'Adopted at {meeting}'\namended = 'x'\n", "adoption.amended must be a table of languages"),
    ("[adoption]\nmeeting = { en = '{ordinal} ({city})' }\n", "adoption.meeting.en must be text using only"),
    ("[punctuation]\npreamble = '.'\n", 'punctuation.preamble must be ",", ";" or ""'),
    ("[house]\nmasthead = 'ONE LINE'\n", "house.masthead must be a list of lines"),
    ("[verbs.en]\noperative = ['re-affirms']\n", "verbs.en.operative: 're-affirms' must be a word, or words"),
])
def test_a_profiles_wording_is_checked_when_it_is_read(tmp_path, body, message):
    profile = tmp_path / "p.toml"
    profile.write_text("[convention]\nname = 'P'\n" + body, encoding="utf-8")
    result = run("consolidate", real("cms-res-1.3"), "--profile", profile, "-o", "-")
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("body, meeting", [("CITES", "CoP10"), ("CMS", "COP10"), ("AEWA", "MOP10"), ("Ramsar", "COP10"), ("", "COP10")])
def test_a_report_names_the_meeting_of_a_text_as_its_body_does(body, meeting):
    """The report's older version is named by its meeting in the body's own abbreviation, read from the
    profile's revision mark (CITES CoP, AEWA MOP), not CMS's COP for every body."""
    from revcop.model import Document, Meta
    from revcop.review.build import _last_meeting

    assert conventions.meeting_prefix(body) == meeting[:-2]
    assert _last_meeting(Document(Meta(instrument="Resolution 10.10", convention=body), ())) == meeting
