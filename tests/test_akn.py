"""The Akoma Ntoso writer: well-formed XML with the AKN 3.0 structure (XPath on the tree)."""

import pytest
from click.testing import CliRunner
from lxml import etree

from revcop import consolidation as c
from revcop.cli import cli
from revcop.readers import read_document
from revcop.writers import render
from tests.conftest import ROOT, SAMPLE_DIR

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@pytest.fixture(scope="module")
def sample():
    return read_document(SAMPLE_DIR / "UNEP-CMS-COP15-Doc.28.2.txt").value


def xml(doc, **options):
    return etree.fromstring(render(doc, "akn", **options))


def test_consolidated_resolution_structure(sample):
    doc = c.consolidate(sample).value
    tree = xml(doc, work_date="2024-02-17", date="2026-03-29")
    assert tree.tag == "{%s}akomaNtoso" % NS["a"]
    assert tree.xpath("/a:akomaNtoso/a:statement/@name", namespaces=NS) == ["resolution"]
    ident = "/a:akomaNtoso/a:statement/a:meta/a:identification"
    assert tree.xpath(f"{ident}/a:FRBRWork/a:FRBRuri/@value", namespaces=NS) == [
        "/akn/un/statement/resolution/cms/2024/14-16"]
    assert tree.xpath(f"{ident}/a:FRBRExpression/a:FRBRuri/@value", namespaces=NS) == [
        "/akn/un/statement/resolution/cms/2024/14-16/eng@2026-03-29"]
    assert tree.xpath(f"{ident}/a:FRBRExpression/a:FRBRdate/@date", namespaces=NS) == ["2026-03-29"]
    assert tree.xpath(f"{ident}/a:FRBRManifestation/a:FRBRauthor/@href", namespaces=NS) == ["#revcop"]
    paragraphs = tree.xpath("//a:mainBody/a:paragraph", namespaces=NS)
    operative = [p for p in doc.resolution.paragraphs if p.kind.value == "operative"]
    assert len(paragraphs) == len(operative) == 33
    assert [p.xpath("string(a:num)", namespaces=NS) for p in paragraphs[:2]] == ["1.", "2."]
    assert paragraphs[11].get("eId") == "para_12"
    assert "free-flowing rivers" in paragraphs[11].xpath("string(a:content/a:p)", namespaces=NS)
    points = tree.xpath("//a:paragraph[@eId='para_1']/a:list/a:point", namespaces=NS)
    assert [p.xpath("string(a:num)", namespaces=NS) for p in points] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"]
    assert points[0].get("eId") == "para_1__list_1__point_i"
    assert "Urges Parties" in tree.xpath("string(//a:paragraph[@eId='para_1']/a:list/a:intro/a:p)", namespaces=NS)
    assert tree.xpath("string(//a:preface//a:docNumber)", namespaces=NS) == "Resolution 14.16 (Rev.COP15)"
    assert tree.xpath("string(//a:preface//a:docTitle)", namespaces=NS) == "ECOLOGICAL CONNECTIVITY"
    preamble = tree.xpath("//a:preamble/a:p", namespaces=NS)
    assert len(preamble) == sum(1 for p in doc.resolution.paragraphs if p.kind.value == "preamble")
    formula = tree.xpath("//a:preamble/a:formula[@name='enactingFormula']/a:p", namespaces=NS)[0]
    assert formula.text == "The Conference of the Parties to the" and formula[0].tag == "{%s}br" % NS["a"]
    assert formula[0].tail == "Convention on the Conservation of Migratory Species of Wild Animals"
    ids = tree.xpath("//@eId")
    assert len(ids) == len(set(ids))


def test_amendment_view_uses_ins_and_del(sample):
    tree = xml(sample)
    para = tree.xpath("//a:mainBody/a:paragraph[@eId='para_11bis']", namespaces=NS)[0]
    assert para.xpath("string(a:num/a:ins)", namespaces=NS) == "11 bis."
    assert "free-flowing" in para.xpath("string(a:content/a:p/a:ins)", namespaces=NS)
    assert tree.xpath("count(//a:del)", namespaces=NS) > 5
    # without dates the meeting names the expression
    assert tree.xpath("string(//a:FRBRExpression/a:FRBRuri/@value)", namespaces=NS).endswith("/eng@cop15")


def test_show_akn_from_the_bundled_library(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("REVCOP_LIBRARY", raising=False)
    result = CliRunner().invoke(cli, ["show", "cms/14.16@COP14", "--format", "akn"])
    tree = etree.fromstring(result.stdout_bytes)
    assert tree.xpath("string(//a:FRBRExpression/a:FRBRuri/@value)", namespaces=NS) == \
        "/akn/un/statement/resolution/cms/2024/14-16/eng@2024-02-17"
    assert tree.xpath("count(//a:mainBody/a:paragraph)", namespaces=NS) == 30
    assert tree.xpath("string(//a:mainBody/a:paragraph[last()]/a:num)", namespaces=NS) == "30."
