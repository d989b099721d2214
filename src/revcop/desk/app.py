"""The desk's web application (Starlette): pages, uploads, work in the background, downloads.

Safety, as docs/desk.md explains: every request must carry the desk's token (in the URL once, then in
a cookie bound to this desk); uploads are limited in size and read by revcop's own readers (the
command line's guards); a name sent by the browser is never used as a path — uploads get a name the
desk makes, in a folder of this desk session; the library is written only by the library's own
locked store. Every rule (reading, consolidating, comparing, checking, storing) is revcop's:
:mod:`revcop.desk.engine` calls it.
"""

from __future__ import annotations

import itertools
import re
import secrets
import shutil
import sys
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from revcop import __version__
from revcop.desk import engine
from revcop.desk.products import DOCX, MEDIA, AmendmentWork, ComparisonWork
from revcop.errors import InvariantError, RevcopError
from revcop.patterns import compiled
from revcop.records import dataclass
from revcop.resources import templates_dir

MB = 1024 * 1024
DEFAULT_MAX_UPLOAD = 50 * MB
#: Past this, an upload that is too large is no longer read to its end before the desk answers.
_DRAIN_LIMIT = 2 * 1024 * MB
#: Suffixes an upload may keep (they tell the reader a Markdown or JSON file); the content decides the rest.
SUFFIXES = (".docx", ".txt", ".text", ".md", ".markdown", ".json", ".pdf")
ASSETS = {"desk.css": "text/css; charset=utf-8", "desk.js": "text/javascript; charset=utf-8"}
SHOW_FORMATS = {  # format -> (what the link says, extension)
    "html": ("web page", "html"), "docx": ("Word", "docx"), "txt": ("plain text", "txt"),
    "md": ("Markdown", "md"), "json": ("JSON", "json"), "akn": ("Akoma Ntoso XML", "xml"),
}
_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
# The documents revcop writes (HTML writer, report): their own inline style, never a script.
_DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


class TooLarge(Exception):
    """The request body is larger than the desk accepts."""


@dataclass
class Job:
    """One piece of work asked for in the browser, done in the background, kept for this session."""

    id: str
    kind: str  # amendment | comparison
    folder: Path
    title: str
    state: str = "running"  # running | done | failed
    step: str = "Waiting to start"
    steps: list[str] = field(default_factory=list)
    error: str = ""
    work: Any = None  # an AmendmentWork (kind "amendment") or a ComparisonWork, once done
    notice: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def advance(self, step: str) -> None:
        self.step = step
        self.steps.append(step)


@dataclass
class Desk:
    """The desk's state for one run: its token, its session folder, its jobs, its library."""

    token: str
    folder: Path
    library: str | None
    max_upload: int = DEFAULT_MAX_UPLOAD
    cookie: str = "revcop-desk"
    jobs: dict[str, Job] = field(default_factory=dict)
    executor: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(2, "revcop-desk"))
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)


# -- plain words ---------------------------------------------------------------------------------------
#: The command line's advice, said for a person at the desk.
_DESK_WORDS = (
    (compiled(r"save it as UTF-8 or give --encoding"), "save it as UTF-8 text, or as a Word .docx"),
    (compiled(r"set (REVCOP_[A-Z_]+) to allow more"), r"whoever starts the desk can raise the limit with \1"),
    (compiled(r"; give --cop$"), "; give the amending meeting (such as COP15) in the form"),
    (compiled(r"give --force to replace it"), "it cannot be replaced from the desk"),
)


def explain(error: BaseException, name: str) -> str:
    """An error as a sentence that says what to do."""
    if isinstance(error, RevcopError):
        text = error.message.rstrip(".")
        for pattern, words in _DESK_WORDS:
            text = pattern.sub(words, text)
        name = name or error.path
        where = f"“{name}”: " if name else ""
        return (f"{where}{text}. Check that this is the document you meant (a Word .docx, or text saved as UTF-8) "
                "and try again.")
    if isinstance(error, InvariantError):
        return (f"revcop stopped rather than give a wrong text ({error}). Nothing was produced. "
                "Please report this to the revcop maintainers with the file.")
    if isinstance(error, ImportError):  # the library's file locking, on a system without it (Windows)
        return (f"The versions library cannot be used on this system ({error}). Consolidating and comparing "
                "files still work.")
    return (f"revcop met an internal error ({type(error).__name__}: {error}). Nothing was produced. "
            "Please report this to the revcop maintainers with the file.")


def safe_name(filename: str | None) -> tuple[str, str]:
    """(stem, suffix) for an upload, from the browser's file name: only its last part, only letters,
    digits, dots, dashes and underscores; the suffix only if revcop reads such files."""
    base = re.split(r"[\\/]", filename or "")[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = f".{suffix.lower()}" if suffix else ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-")[:80] or "document"
    return stem, suffix


# -- pages ---------------------------------------------------------------------------------------------
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "desk")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def _secured(response: Response, csp: str = _PAGE_CSP) -> Response:
    response.headers["Content-Security-Policy"] = csp
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def create_app(desk: Desk) -> Guard:
    env = _environment()

    def page(name: str, status: int = 200, **context) -> Response:
        text = env.get_template(name).render(**context)
        return _secured(HTMLResponse(text, status_code=status))

    def problem(message: str, status: int = 400, back: str = "/") -> Response:
        return page("error.html.j2", status=status, message=message, back=back)

    def library_folder() -> str:
        try:
            return str(engine.library_root(desk.library))
        except ImportError:  # no versions library on this system (explain() says why)
            return str(desk.library or "resolutions")

    def library_versions() -> list[str]:
        try:
            return [f"{i.key}@{v}" for i in engine.instruments(desk.library) for v in i.versions]
        except (RevcopError, OSError, ImportError):
            return []

    # -- uploads -----------------------------------------------------------------------------------
    def upload_handler(handle):
        """A POST with files: ``handle(form)`` -> response; a body over the limit, a malformed form or an
        input error becomes a page that says what to do; the form's spooled files are closed after."""
        async def endpoint(request: Request) -> Response:
            data = None
            try:
                try:
                    data = await request.form(max_files=2, max_fields=10, max_part_size=64 * 1024)
                except TooLarge:
                    raise
                except Exception as e:  # noqa: BLE001 - python-multipart's errors: a malformed request
                    raise RevcopError(f"the upload could not be read ({e}); choose the file again") from None
                return handle(data)
            except TooLarge:
                return too_large()
            except RevcopError as e:
                return problem(explain(e, ""))
            finally:
                if data is not None:
                    await data.close()

        return endpoint

    def too_large() -> Response:
        return problem(f"The file is larger than the desk accepts ({desk.max_upload // MB} MB). "
                       "Check that it is the amendment document; a resolution is rarely more than a few MB. "
                       "Start the desk with --max-upload to accept larger files.", 413)

    def save(upload: UploadFile, folder: Path) -> tuple[Path, str]:
        """Copy an upload into ``folder`` under a name the desk makes; (path, name shown to the user)."""
        stem, suffix = safe_name(upload.filename)
        if suffix and suffix not in SUFFIXES:
            raise RevcopError(f"revcop reads Word documents (.docx) and text (.txt, .md), not {suffix} files; "
                              "save the document as .docx from Word", upload.filename or "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}{suffix or '.txt'}"
        upload.file.seek(0)
        with open(path, "wb") as out:
            copied = 0
            while chunk := upload.file.read(MB):
                copied += len(chunk)
                if copied > desk.max_upload:
                    raise TooLarge()
                out.write(chunk)
        return path, (upload.filename or path.name).split("/")[-1].split("\\")[-1]

    def new_job(kind: str, title: str) -> Job:
        job_id = f"{next(desk.counter)}-{secrets.token_hex(4)}"
        folder = desk.folder / job_id
        folder.mkdir(parents=True)
        return Job(job_id, kind, folder, title)  # known to the desk once it runs

    def run(job: Job, work, name: str) -> None:
        def task():
            try:
                job.work = work(job.advance)
                job.work.report  # noqa: B018 - made now (with the annex), so the result page shows
                job.work.annex_messages  # noqa: B018 - every warning and opens at once
                job.advance("Done")
                job.state = "done"
            except Exception as e:  # noqa: BLE001 - every error becomes a sentence on the page
                if not isinstance(e, (RevcopError, InvariantError)):
                    traceback.print_exc(file=sys.stderr)
                job.error = explain(e, name)
                job.state = "failed"

        desk.jobs[job.id] = job
        desk.executor.submit(task)

    @upload_handler
    def consolidate(data) -> Response:
        upload = data.get("document")
        if not isinstance(upload, UploadFile) or not upload.filename:
            return problem("Choose an amendment document (.docx, .txt or .md) first, then press Consolidate.")
        job = new_job("amendment", upload.filename)
        path, shown = save(upload, job.folder / "in")
        run(job, lambda step: AmendmentWork(path, step, stem=path.stem), shown)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @upload_handler
    def compare(data) -> Response:
        known = set(library_versions())
        sides: list[tuple[str, Any]] = []
        for side in ("old", "new"):
            upload = data.get(f"{side}_file")
            ref = str(data.get(f"{side}_ref") or "")
            if isinstance(upload, UploadFile) and upload.filename:
                sides.append(("file", upload))
            elif ref:
                if ref not in known:  # only a version the page offered, never a path
                    return problem(f"{ref} is not a version in the library; choose one from the list.")
                sides.append(("ref", ref))
            else:
                which = "older" if side == "old" else "newer"
                return problem(f"Choose the {which} version: a file, or a version from the library.")
        names = [what.filename if how == "file" else what for how, what in sides]
        job = new_job("comparison", f"{names[0]} → {names[1]}")
        inputs = []
        for n, (how, what) in enumerate(sides):
            inputs.append(("file", *save(what, job.folder / f"in{n}")) if how == "file" else ("ref", what, what))

        def work(step):
            reads = []
            for how, what, shown in inputs:
                step(f"Reading {shown}")
                try:
                    read = engine.read(what) if how == "file" else engine.read_version(desk.library, what)
                except RevcopError as e:  # named as the user knows it, not by the session folder's path
                    raise RevcopError(e.message, shown) from None
                reads.append((read, shown))
            return ComparisonWork(reads[0], reads[1], step)

        run(job, work, "")
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    # -- results ---------------------------------------------------------------------------------------
    # (Endpoints that make documents are plain functions: Starlette runs them in its thread pool, so
    # the desk keeps answering — progress, other pages — while one is being made.)
    def job_of(request: Request) -> Job | None:
        return desk.jobs.get(request.path_params["job"])

    async def job_page(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return problem("This piece of work is not known to the desk (the desk was restarted, which clears "
                           "its work). Upload the document again.", 404)
        if job.state == "running":
            return page("progress.html.j2", job=job)
        if job.state == "failed":
            return problem(job.error, 422)
        view = request.query_params.get("view", "side")
        if view not in ("side", "marked"):
            view = "side"
        if job.kind == "amendment":
            return page("amendment.html.j2", job=job, work=job.work, report=job.work.report, view=view,
                        products=job.work.products.values(), stem=job.work.stem, library=library_folder())
        return page("comparison.html.j2", job=job, work=job.work, report=job.work.report, view=view,
                    products=job.work.products.values(), stem=job.work.stem)

    async def job_status(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return JSONResponse({"state": "unknown"}, status_code=404)
        return JSONResponse({"state": job.state, "step": job.step, "steps": job.steps})

    def job_view(request: Request) -> Response:
        job = job_of(request)
        which = request.path_params["which"]
        if job is None or job.state != "done" or which not in ("consolidated", "original", "report"):
            return problem("There is nothing to show here; go back to the desk and upload the document again.", 404)
        with job.lock:
            if which == "report":
                text = engine.render_report(job.work.report, "html")
            elif job.kind == "amendment":
                text = job.work.view(which)
            else:
                return problem("A comparison has no consolidated or original text; see its report.", 404)
        return _secured(HTMLResponse(text), _DOCUMENT_CSP)

    def job_download(request: Request) -> Response:
        job = job_of(request)
        key = request.path_params["key"]
        if job is None or job.state != "done" or key not in job.work.products:
            return problem("This file is not available; go back to the desk and upload the document again.", 404)
        product = job.work.products[key]
        try:
            with job.lock:  # one thread at a time makes a job's files (they share cached results)
                data = product.make()
        except Exception as e:  # noqa: BLE001
            if not isinstance(e, (RevcopError, InvariantError)):
                traceback.print_exc(file=sys.stderr)
            return problem(explain(e, product.title), 422, back=f"/jobs/{job.id}")
        name = product.name(job.work.stem)
        # The session folder keeps a copy, as the command line's output folder would.
        out = job.folder / "out"
        out.mkdir(exist_ok=True)
        (out / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return _attachment(data, name, product.media_type)

    async def add_to_library(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.state != "done" or job.kind != "amendment":
            return problem("Only a consolidated amendment document can be added to the library.", 404)
        data = await request.form(max_files=0, max_fields=5, max_part_size=1024)
        meeting_text = str(data.get("meeting") or "").strip()
        date = str(data.get("date") or "").strip()
        meeting = engine.normalise_meeting(meeting_text) if meeting_text else None
        if meeting_text and not meeting:
            return problem(f"“{meeting_text}” is not a meeting such as COP15; correct it and add the text again.",
                           back=f"/jobs/{job.id}")
        if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            return problem(f"“{date}” is not a date; give it as YYYY-MM-DD, e.g. 2026-03-29.", back=f"/jobs/{job.id}")
        def record() -> str:
            with job.lock:
                return engine.record_consolidation(desk.library, job.work.path, meeting, date)

        try:
            ref = await run_in_threadpool(record)
        except (RevcopError, InvariantError) as e:
            return problem(explain(e, job.title), 422, back=f"/jobs/{job.id}")
        key = ref.split("@")[0]
        return RedirectResponse(f"/library/{key}?added={ref}", status_code=303)

    # -- the library -----------------------------------------------------------------------------------
    def library_problem(e: BaseException) -> Response:
        return problem(explain(e, "") + f" (The library is the folder {library_folder()}; "
                       "start the desk with --library FOLDER to use another.)", 404, back="/library")

    def library(request: Request) -> Response:
        try:
            items = engine.instruments(desk.library)
        except (RevcopError, OSError, ImportError) as e:
            return library_problem(e)
        return page("library.html.j2", instruments=items, root=library_folder(),
                    checked=None)

    def library_verify(request: Request) -> Response:
        try:
            items = engine.instruments(desk.library)
            problems, n_instruments, n_versions = engine.verify(desk.library)
        except (RevcopError, OSError, ImportError) as e:
            return library_problem(e)
        return page("library.html.j2", instruments=items, root=library_folder(),
                    checked={"problems": problems, "instruments": n_instruments, "versions": n_versions})

    def about_instrument(request: Request, make) -> Response:
        """``make(key)`` -> page, for the instrument the URL names (never a path: a checked reference)."""
        key = f"{request.path_params['convention']}/{request.path_params['number']}"
        if not engine.is_reference(key):
            return problem("This is not an instrument of the library; choose one from the list.", 404, "/library")
        try:
            return make(key)
        except (RevcopError, OSError, ImportError) as e:
            return library_problem(e)

    def instrument(request: Request) -> Response:
        def make(key):
            manifest, rows = engine.versions(desk.library, key)
            rows = [(v, engine.provenance(v), engine.change_line(counts)) for v, counts in rows]
            return page("instrument.html.j2", manifest=manifest, rows=rows, formats=SHOW_FORMATS,
                        added=request.query_params.get("added", ""))

        return about_instrument(request, make)

    def instrument_history(request: Request) -> Response:
        def make(key):
            ids, blamed = engine.history(desk.library, key)
            return page("history.html.j2", key=key, ids=ids, blamed=blamed)

        return about_instrument(request, make)

    def show(request: Request) -> Response:
        ref = request.query_params.get("ref", "")
        fmt = request.query_params.get("format", "html")
        if fmt not in SHOW_FORMATS or ref not in library_versions():
            return problem("Choose a version and a format from the library's pages.", 404, "/library")
        try:
            data = engine.show(desk.library, ref, fmt)
        except (RevcopError, InvariantError) as e:
            return library_problem(e)
        if fmt == "html":
            return _secured(HTMLResponse(data), _DOCUMENT_CSP)
        ext = SHOW_FORMATS[fmt][1]
        media = {"akn": "application/xml", "docx": DOCX}.get(fmt) or MEDIA[fmt]
        return _attachment(data, ref.replace("/", "-").replace("@", "-") + f".{ext}", media)

    # -- home and assets -----------------------------------------------------------------------------------
    async def home(request: Request) -> Response:
        return page("home.html.j2", refs=library_versions(), max_upload=desk.max_upload // MB,
                    library=library_folder())

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return problem("No such file.", 404)
        text = (templates_dir() / "desk" / name).read_text(encoding="utf-8")
        return _secured(Response(text, media_type=ASSETS[name]))

    routes = [
        Route("/", home),
        Route("/assets/{name}", asset),
        Route("/consolidate", consolidate, methods=["POST"]),
        Route("/compare", compare, methods=["POST"]),
        Route("/jobs/{job}", job_page),
        Route("/jobs/{job}/status", job_status),
        Route("/jobs/{job}/view/{which}", job_view),
        Route("/jobs/{job}/download/{key}", job_download),
        Route("/jobs/{job}/library", add_to_library, methods=["POST"]),
        Route("/library", library),
        Route("/library/verify", library_verify, methods=["POST"]),
        Route("/library/show", show),
        Route("/library/{convention}/{number}", instrument),
        Route("/library/{convention}/{number}/history", instrument_history),
    ]

    async def not_found(request: Request, exc) -> Response:
        return problem("There is no such page on the desk; go back to the start.", getattr(exc, "status_code", 404))

    async def failed(request: Request, exc: Exception) -> Response:
        traceback.print_exception(exc, file=sys.stderr)
        return problem(explain(exc, ""), 500)

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_found, 500: failed})
    return Guard(app, desk)


def _attachment(data: str | bytes, name: str, media_type: str) -> Response:
    response = Response(data.encode("utf-8") if isinstance(data, str) else data, media_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return _secured(response)


# -- the token and the size limit ------------------------------------------------------------------------------
_FORBIDDEN = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>revcop desk: open the desk with its link</title></head>
<body><main><h1>Open the desk with its link</h1>
<p>This desk only answers the link it printed when it started, which carries a secret token
(<code>http://127.0.0.1:PORT/?token=…</code>). Copy that link from the window where <code>revcop desk</code>
runs, or start the desk again.</p></main></body></html>
"""


class Guard:
    """Refuses every request without the desk's token (403) and every body over the upload limit (413).

    The token is accepted in the URL (``?token=``), which then sets a cookie for this desk and sends
    the browser to the same page without it, so the token leaves the address bar and the history.
    """

    def __init__(self, app, desk: Desk) -> None:
        self.app = app
        self.desk = desk

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        good = lambda t: bool(t) and secrets.compare_digest(t.encode(), self.desk.token.encode())  # noqa: E731
        if given is not None and good(given) and request.method == "GET":
            query.pop("token")
            target = scope["path"] + (f"?{urlencode(query)}" if query else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.desk.cookie, self.desk.token, httponly=True, samesite="strict", path="/")
            await _secured(response)(scope, receive, send)
            return
        if not (good(given) or good(request.cookies.get(self.desk.cookie, ""))):
            await _secured(HTMLResponse(_FORBIDDEN, status_code=403))(scope, receive, send)
            return
        length = request.headers.get("content-length", "")
        limit = self.desk.max_upload + 64 * 1024  # the file and the form around it
        if length.isdigit() and int(length) > limit:
            await _drain(receive)
            scope["revcop.too_large"] = True
        seen = 0

        async def counted():
            nonlocal seen
            if scope.get("revcop.too_large"):
                raise TooLarge()
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                await _drain(receive)
                raise TooLarge()
            return message

        await self.app(scope, counted, send)


async def _drain(receive) -> None:
    """Read the rest of a request body and drop it, so the browser gets the answer, not a reset."""
    seen = 0
    while seen < _DRAIN_LIMIT:
        message = await receive()
        seen += len(message.get("body", b""))
        if message.get("type") != "http.request" or not message.get("more_body"):
            return
