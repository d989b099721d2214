"""The desk over plain HTTP, against a real ``revcop desk`` process: the token, uploads and their
guards, results equal to the command line's, the library, and a clean stop on Ctrl-C."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile

import pytest
from click.testing import CliRunner

from revcop.cli import cli
from revcop.desk.app import safe_name
from tests.conftest import ROOT
from tests.desk import hostile
from tests.desk.support import (
    GOLDEN_TXT, SAMPLE_DOCX, SAMPLE_TXT, docx_text, finished, multipart, post_files, start_desk, text_of,
)




# -- the token --------------------------------------------------------------------------------------------
def test_a_request_without_the_token_is_refused(desk):
    for path in ("/", "/library", "/assets/desk.css", "/library/show?ref=cms/14.16@COP14&format=txt", "/jobs/1-x"):
        refused = desk.request("GET", path, token=False)
        assert refused.status == 403, path
        assert b"Open the desk with its link" in refused.body and b"Recalling" not in refused.body
    wrong = desk.request("GET", "/?token=" + "x" * len(desk.token), token=False)
    assert wrong.status == 403
    posted = desk.request("POST", "/consolidate", b"", {"Cookie": f"revcop-desk-{desk.port}=nope"}, token=False)
    assert posted.status == 403


def test_the_link_sets_a_cookie_and_leaves_the_address_bar(desk):
    opened = desk.request("GET", f"/library?token={desk.token}", token=False)
    assert opened.status == 303 and opened.getheader("Location") == "/library"
    cookie = opened.getheader("Set-Cookie")
    assert cookie.startswith(f"revcop-desk-{desk.port}={desk.token};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    home = desk.request("GET", "/")
    assert home.status == 200 and b"Consolidate an amendment document" in home.body
    assert home.getheader("Referrer-Policy") == "no-referrer"
    assert "script-src 'self'" in home.getheader("Content-Security-Policy")


def test_every_asset_is_shipped_and_nothing_is_fetched_from_elsewhere():
    folder = ROOT / "templates" / "desk"
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
    assert {p.name for p in folder.glob("*.css")} | {p.name for p in folder.glob("*.js")} == {"desk.css", "desk.js"}


# -- one amendment document -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_job(desk):
    return finished(desk, post_files(desk, "/consolidate", {"document": (SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())}))


def test_the_sample_shows_its_body_instrument_title_and_findings(desk, sample_job):
    page = desk.request("GET", sample_job)
    assert page.status == 200
    words = text_of(page.body)
    assert "<h1>Resolution 14.16 (Rev.COP15)</h1>" in page.body.decode()
    assert "Body CMS Instrument Resolution 14.16" in words
    assert "Amended by the amendments proposed in UNEP/CMS/COP15/Doc.28.2 (COP15)" in words
    assert "Warnings and findings (7)" in words
    assert "doubled word 'to to'" in words
    assert "22 renumbered" in words and "11 bis → 12 12 → 13" in words and "28 bis → 31" in words  # renumbering


def test_the_downloads_are_what_the_command_line_writes(desk, sample_job, tmp_path):
    txt = desk.request("GET", f"{sample_job}/download/consolidated-txt")
    assert txt.status == 200
    assert txt.getheader("Content-Disposition") == 'attachment; filename="UNEP-CMS-COP15-Doc.28.2-Rev.COP15.txt"'
    assert txt.body.decode("utf-8") == GOLDEN_TXT.read_text(encoding="utf-8")
    for key, args in (("consolidated-docx", ["consolidate"]), ("original-docx", ["original"]),
                      ("consolidated-source-docx", ["consolidate", "--source-styles"])):
        got = desk.request("GET", f"{sample_job}/download/{key}")
        assert got.status == 200 and got.getheader("Content-Type").startswith("application/vnd.openxmlformats")
        out = tmp_path / f"{key}.docx"
        assert CliRunner().invoke(cli, [*args, str(SAMPLE_DOCX), "-o", str(out), "-q"]).exit_code == 0
        assert docx_text(got.body) == docx_text(out.read_bytes()), key
    data = json.loads(desk.request("GET", f"{sample_job}/download/consolidated-json").body)
    assert data["meta"]["instrument"] == "Resolution 14.16" and data["meta"]["revision"] == "COP15"


def test_the_annex_in_both_styles_is_revcop_diff_of_original_and_consolidated(desk, sample_job, tmp_path):
    runner = CliRunner()
    original, consolidated = tmp_path / "o.json", tmp_path / "c.json"
    assert runner.invoke(cli, ["original", str(SAMPLE_DOCX), "-o", str(original), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["consolidate", str(SAMPLE_DOCX), "-o", str(consolidated), "-q"]).exit_code == 0
    for key, style in (("annex-docx", "underline"), ("annex-tracked-docx", "tracked")):
        out = tmp_path / f"{style}.docx"
        assert runner.invoke(cli, ["diff", str(original), str(consolidated), "--style", style, "-o", str(out),
                                   "--date", "2026-03-29", "-q"]).exit_code == 0
        got = desk.request("GET", f"{sample_job}/download/{key}").body
        assert docx_text(got) == docx_text(out.read_bytes())
        assert "PROPOSED AMENDMENTS TO RESOLUTION 14.16" in docx_text(got).upper()
    tracked = desk.request("GET", f"{sample_job}/download/annex-tracked-docx").body
    with zipfile.ZipFile(io.BytesIO(tracked)) as z:
        assert b"<w:ins " in z.read("word/document.xml")


def test_the_texts_in_the_page_are_the_html_writer_s(desk, sample_job, tmp_path):
    view = desk.request("GET", f"{sample_job}/view/consolidated")
    assert view.status == 200 and view.getheader("Content-Security-Policy").startswith("default-src 'none'")
    out = tmp_path / "c.html"
    assert CliRunner().invoke(cli, ["consolidate", str(SAMPLE_DOCX), "-o", str(out), "-q"]).exit_code == 0
    assert view.body.decode("utf-8") == out.read_text(encoding="utf-8")
    original = text_of(desk.request("GET", f"{sample_job}/view/original").body)
    assert "Adopted by the Conference of the Parties at its 14th Meeting (Samarkand, February 2024)" in original
    assert "amended at its 15th Meeting" not in original


def test_a_text_upload_and_a_markdown_upload(desk):
    job = finished(desk, post_files(desk, "/consolidate", {"document": ("amend.txt", SAMPLE_TXT.read_bytes())}))
    assert "<h1>Resolution 14.16 (Rev.COP15)</h1>" in desk.request("GET", job).body.decode()
    got = desk.request("GET", f"{job}/download/consolidated-txt")
    assert got.getheader("Content-Disposition") == 'attachment; filename="amend-Rev.COP15.txt"'
    assert got.body.decode() == GOLDEN_TXT.read_text(encoding="utf-8")
    keys = [line for line in desk.request("GET", job).body.decode().splitlines() if "/download/" in line]
    assert not any("consolidated-source-docx" in k for k in keys)  # source styles: for a .docx only


# -- uploads: names, sizes, hostile files ----------------------------------------------------------------------
def test_a_name_from_the_browser_is_never_a_path():
    assert safe_name("../../etc/passwd.docx") == ("passwd", ".docx")
    assert safe_name("C:\\Users\\a\\..\\Résolution 14.16.DOCX") == ("R-solution-14.16", ".docx")
    assert safe_name("..") == ("document", "")
    assert safe_name(None) == ("document", "")
    assert safe_name(".bashrc") == ("document", ".bashrc")


def test_an_upload_named_like_a_path_stays_in_the_session_folder(desk):
    job = finished(desk, post_files(desk, "/consolidate",
                                    {"document": ("../../../../tmp/evil/../x.txt", SAMPLE_TXT.read_bytes())}))
    assert desk.request("GET", job).status == 200
    saved = list(desk.tmp.glob("revcop-desk-*/*/in/*"))
    assert any(p.name == "x.txt" for p in saved)
    assert all(p.resolve().is_relative_to(desk.tmp.resolve()) for p in saved)


@pytest.mark.parametrize("name, make, problem", [
    ("bomb.docx", lambda tmp: hostile.zip_bomb(tmp / "b.docx"), "looks like a zip bomb"),
    ("laughs.docx", lambda tmp: hostile.entity_bomb(tmp / "l.docx"), "declares XML entities"),
    ("half.docx", lambda tmp: hostile.damaged(tmp / "h.docx", SAMPLE_DOCX), "is a damaged zip file"),
    ("empty.txt", lambda tmp: (tmp / "e.txt").write_bytes(b"") and None or tmp / "e.txt", "is empty"),
    ("latin1.txt", lambda tmp: (tmp / "l.txt").write_bytes("Résolution".encode("latin-1")) and tmp / "l.txt",
     "not valid UTF-8 text"),
])
def test_a_hostile_or_damaged_upload_is_a_sentence_and_the_desk_stays_up(desk, tmp_path, name, make, problem):
    path = make(tmp_path)
    job = finished(desk, post_files(desk, "/consolidate", {"document": (name, path.read_bytes())}))
    page = desk.request("GET", job)
    assert page.status == 422
    words = text_of(page.body)
    assert f"“{name}”: " in words and problem in words and "try again" in words
    assert "Traceback" not in words and str(desk.tmp) not in words  # no server path shown
    assert desk.request("GET", "/").status == 200


def test_an_unknown_kind_of_file_is_refused_before_reading(desk):
    refused = post_files(desk, "/consolidate", {"document": ("slides.pptx", b"PK\x03\x04....")})
    assert refused.status == 400
    assert "revcop reads Word documents (.docx) and text (.txt, .md), not .pptx files" in text_of(refused.body)


def test_a_300_mb_upload_is_refused_with_a_sentence_and_the_desk_stays_up(desk):
    import http.client

    size = 300 << 20
    conn = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=120)
    boundary = "b0undary"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="document"; filename="huge.docx"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn.putrequest("POST", "/consolidate")
    conn.putheader("Cookie", f"revcop-desk-{desk.port}={desk.token}")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    conn.putheader("Content-Length", str(len(head) + size + len(tail)))
    conn.endheaders()
    conn.send(head)
    chunk = b"\0" * (1 << 20)
    try:
        for _ in range(size >> 20):
            conn.send(chunk)
        conn.send(tail)
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = conn.getresponse()
    assert answer.status == 413
    words = text_of(answer.read())
    assert "The file is larger than the desk accepts (50 MB)" in words and "--max-upload" in words
    conn.close()
    assert desk.request("GET", "/").status == 200


def test_a_body_that_lies_about_its_length_is_cut_at_the_limit(tmp_path):
    running = start_desk(tmp_path, tmp_path / "empty-library", "--max-upload", "1")
    try:
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", running.port, timeout=60)
        conn.putrequest("POST", "/consolidate")
        conn.putheader("Cookie", f"revcop-desk-{running.port}={running.token}")
        conn.putheader("Content-Type", "multipart/form-data; boundary=b")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        head = b'--b\r\nContent-Disposition: form-data; name="document"; filename="x.txt"\r\n\r\n'
        conn.send(b"%x\r\n%s\r\n" % (len(head), head))
        chunk = b"a" * (256 << 10)
        for _ in range(12):  # 3 MB, past the 1 MB limit
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        answer = conn.getresponse()
        assert answer.status == 413 and "larger than the desk accepts (1 MB)" in text_of(answer.read())
        assert not list((tmp_path / "tmp").glob("revcop-desk-*/*/in/*"))
    finally:
        code, _ = running.stop()
    assert code == 0


# -- two versions ---------------------------------------------------------------------------------------------
def test_comparing_two_library_versions(desk, tmp_path):
    body, headers = multipart({"old_ref": "cms/14.16@COP14", "new_ref": "cms/14.16@Rev.COP15"}, {})
    job = finished(desk, desk.request("POST", "/compare", body, headers))
    page = desk.request("GET", job)
    assert page.status == 200
    words = text_of(page.body)
    assert "Changes from Resolution 14.16 to Resolution 14.16 (Rev.COP15)" in words
    assert "Change 1 of 51:" in words and "Change 51 of 51:" in words and "Change 52" not in words
    assert words.count("Next change") == 51  # 50 links and the stepper's button
    out = tmp_path / "annex.docx"
    ref_old, ref_new = (str(desk.library / "cms/14.16" / f) for f in ("COP14.txt", "Rev.COP15.txt"))
    assert CliRunner().invoke(cli, ["diff", ref_old, ref_new, "-o", str(out), "-q"]).exit_code == 0
    got = desk.request("GET", f"{job}/download/annex-docx")
    assert docx_text(got.body) == docx_text(out.read_bytes())
    marked = text_of(desk.request("GET", f"{job}?view=marked").body)
    assert "marked up in one text" in marked and "Before (Resolution 14.16)" not in marked


def test_comparing_asks_for_both_sides_and_only_library_versions(desk):
    body, headers = multipart({"old_ref": "cms/14.16@COP14"}, {})
    missing = desk.request("POST", "/compare", body, headers)
    assert missing.status == 400 and "Choose the newer version: a file, or a version from the library." in text_of(
        missing.body)
    body, headers = multipart({"old_ref": "../../../etc/passwd", "new_ref": "cms/14.16@COP14"}, {})
    forged = desk.request("POST", "/compare", body, headers)
    assert forged.status == 400 and "is not a version in the library" in text_of(forged.body)


# -- the library -------------------------------------------------------------------------------------------------
def test_the_library_pages(desk):
    listing = text_of(desk.request("GET", "/library").body)
    assert "Resolution 14.16 cms/14.16 ECOLOGICAL CONNECTIVITY COP14, Rev.COP15" in listing
    versions = text_of(desk.request("GET", "/library/cms/14.16").body)
    assert "COP14 2024-02-17 (COP14) imported first version" in versions
    assert "Rev.COP15 2026-03-29 (COP15) consolidated from UNEP/CMS/COP15/Doc.28.2 (77 amendment marks)" in versions
    history = desk.request("GET", "/library/cms/14.16/history")
    assert history.status == 200 and "History of each paragraph" in text_of(history.body)
    shown = desk.request("GET", "/library/show?ref=cms/14.16%40Rev.COP15&format=txt")
    assert shown.body.decode("utf-8") == (desk.library / "cms/14.16/Rev.COP15.txt").read_text(encoding="utf-8")
    for fmt in ("docx", "md", "json", "akn", "html"):
        assert desk.request("GET", f"/library/show?ref=cms/14.16%40COP14&format={fmt}").status == 200, fmt
    assert desk.request("GET", "/library/show?ref=/etc/passwd&format=txt").status == 404
    assert desk.request("GET", "/library/cms/99.99").status == 404
    verified = text_of(desk.request("POST", "/library/verify").body)
    assert "The library is intact: 1 instrument(s), 2 version(s)" in verified


def test_adding_a_consolidated_text_is_what_consolidate_into_records(tmp_path):
    runner = CliRunner()
    desk_lib, cli_lib = tmp_path / "desk-library", tmp_path / "cli-library"
    cop14 = ROOT / "resolutions" / "cms" / "14.16" / "COP14.txt"
    for lib in (desk_lib, cli_lib):
        assert runner.invoke(cli, ["import", str(cop14), "--as", "cms/14.16@COP14", "--date", "2024-02-17",
                                   "--library", str(lib), "-q"]).exit_code == 0
    assert runner.invoke(cli, ["consolidate", str(SAMPLE_DOCX), "--into", str(cli_lib), "--date", "2026-03-29",
                               "-q"]).exit_code == 0
    running = start_desk(tmp_path, desk_lib)
    try:
        job = finished(running, post_files(running, "/consolidate",
                                           {"document": (SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())}))
        bad = running.request("POST", f"{job}/library", b"meeting=COP15&date=29%2F03%2F2026",
                              {"Content-Type": "application/x-www-form-urlencoded"})
        assert bad.status == 400 and "give it as YYYY-MM-DD" in text_of(bad.body)
        added = running.request("POST", f"{job}/library", b"meeting=COP15&date=2026-03-29",
                                {"Content-Type": "application/x-www-form-urlencoded"})
        assert added.status == 303 and added.getheader("Location") == "/library/cms/14.16?added=cms/14.16@Rev.COP15"
        assert "Added cms/14.16@Rev.COP15 to the library." in text_of(running.request("GET", added.getheader(
            "Location")).body)
        again = running.request("POST", f"{job}/library", b"meeting=COP15&date=2026-03-29",
                                {"Content-Type": "application/x-www-form-urlencoded"})
        assert again.status == 422 and "already in the library" in text_of(again.body)
    finally:
        assert running.stop()[0] == 0
    folder = "cms/14.16"
    assert (desk_lib / folder / "Rev.COP15.txt").read_bytes() == (cli_lib / folder / "Rev.COP15.txt").read_bytes()
    assert (desk_lib / folder / "manifest.toml").read_text() == (cli_lib / folder / "manifest.toml").read_text()
    assert runner.invoke(cli, ["verify", "--library", str(desk_lib)]).exit_code == 0


# -- starting and stopping --------------------------------------------------------------------------------------
def test_the_link_is_printed_and_opened_and_ctrl_c_stops_the_desk_cleanly(tmp_path):
    opened = tmp_path / "opened.txt"
    record = tmp_path / "browser.py"
    record.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n")
    running = start_desk(tmp_path, tmp_path / "library", browser=f"{sys.executable} {record} %s")
    assert running.url.startswith("http://127.0.0.1:")
    assert len(running.token) >= 40
    assert running.started == f"revcop desk is running. Open this link in your browser:\n\n    {running.url}\n"
    for _ in range(100):
        if opened.exists() and opened.read_text():
            break
        time.sleep(0.1)
    assert opened.read_text() == running.url
    finished(running, post_files(running, "/consolidate", {"document": ("a.txt", SAMPLE_TXT.read_bytes())}))
    assert list(running.tmp.glob("revcop-desk-*"))
    code, printed = running.stop()
    assert code == 0, printed
    assert "Traceback" not in printed and "revcop: the desk has stopped" in printed
    assert not list(running.tmp.glob("revcop-desk-*"))


def test_help_and_publish_do_not_import_the_web_stack():
    script = (
        "import sys\n"
        "from revcop.cli import cli\n"
        "for args in (['--help'], ['desk', '--help'], ['publish', '--help']):\n"
        "    try:\n"
        "        cli.main(args=args, prog_name='revcop')\n"
        "    except SystemExit as e:\n"
        "        assert not e.code\n"
        "print('LOADED', ' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(done.stdout.split("LOADED", 1)[1].split())
    assert "desk" in done.stdout and "publish" in done.stdout
    for heavy in ("starlette", "uvicorn", "multipart", "python_multipart", "revcop.desk.app", "anyio"):
        assert heavy not in loaded, heavy


def test_a_port_in_use_is_one_line_and_another_address_is_warned_about(tmp_path, desk):
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    taken = subprocess.run([sys.executable, "-m", "revcop", "desk", "--no-browser", "--port", str(desk.port)],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert taken.returncode == 1 and taken.stdout == ""
    assert taken.stderr == (f"revcop: error: cannot listen on 127.0.0.1:{desk.port} (Address already in use); "
                            "choose another --port or --host\n")
    other = start_desk(tmp_path, tmp_path / "library", "--host", "127.0.0.2")
    try:
        assert other.url.startswith("http://127.0.0.2:")
        assert other.request("GET", "/", host="127.0.0.2").status == 200
    finally:
        code, printed = other.stop()
    assert code == 0
    assert other.started.startswith("revcop: warning: the desk listens on 127.0.0.2: anyone who can reach this machine "
                              "and has the link can upload documents and add versions to the library (docs/desk.md)")


def test_comparing_two_uploaded_files_or_a_file_and_a_library_version(desk, tmp_path):
    cop14, rev = (desk.library / "cms/14.16" / f for f in ("COP14.txt", "Rev.COP15.txt"))
    out = tmp_path / "annex.docx"
    assert CliRunner().invoke(cli, ["diff", str(cop14), str(rev), "-o", str(out), "-q"]).exit_code == 0
    job = finished(desk, post_files(desk, "/compare", {"old_file": ("COP14.txt", cop14.read_bytes()),
                                                       "new_file": ("Rev.COP15.txt", rev.read_bytes())},
                                    {"old_ref": "cms/14.16@Rev.COP15", "new_ref": ""}))  # a file wins over a ref
    words = text_of(desk.request("GET", job).body)
    assert "Older version Resolution 14.16 (COP14.txt)" in words and "Change 51 of 51:" in words
    got = desk.request("GET", f"{job}/download/annex-docx")
    assert got.getheader("Content-Disposition") == 'attachment; filename="COP14-vs-Rev.COP15-annex.docx"'
    assert docx_text(got.body) == docx_text(out.read_bytes())
    mixed = finished(desk, post_files(desk, "/compare", {"new_file": ("amend.docx", SAMPLE_DOCX.read_bytes())},
                                      {"old_ref": "cms/14.16@COP14"}))
    words = text_of(desk.request("GET", mixed).body)
    assert "Newer version Resolution 14.16 (Rev.COP15) (amend.docx)" in words
    bad = finished(desk, post_files(desk, "/compare", {"new_file": ("bomb.docx", hostile.zip_bomb(
        tmp_path / "b.docx").read_bytes())}, {"old_ref": "cms/14.16@COP14"}))
    said = text_of(desk.request("GET", bad).body)
    assert "“bomb.docx”: part word/document.xml has a compression ratio" in said and str(desk.tmp) not in said


def test_a_text_without_marks_is_shown_with_a_warning_at_the_top(desk):
    cop14 = desk.library / "cms/14.16/COP14.txt"
    job = finished(desk, post_files(desk, "/consolidate", {"document": ("COP14.txt", cop14.read_bytes())}))
    words = text_of(desk.request("GET", job).body)
    assert words.index("This document carries no amendment marks") < words.index("Body ")
    assert "Amended by nothing: the document carries no amendment marks" in words
    assert "The document carries no amendment marks: every paragraph is reported unchanged." in words
    sample = finished(desk, post_files(desk, "/consolidate", {"document": ("s.txt", SAMPLE_TXT.read_bytes())}))
    assert "carries no amendment marks (no underlined" not in text_of(desk.request("GET", sample).body)
