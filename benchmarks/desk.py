"""The desk's upload-to-result time (issue #20): what a person waits for between pressing Consolidate
(or Compare) and the result page.

    python benchmarks/desk.py [--repeat 5]

One desk is started (``revcop desk --no-browser``, its own empty library), as a person would start
it, and driven over HTTP as the browser drives it: the form is posted with the file(s), the job's
status is asked for until it is done, then the result page is fetched whole. The time runs from the
first byte of the upload to the last byte of the result page. The status is asked for every 10 ms,
so the time is the desk's own; the page in a browser asks every 400 ms, so a person may wait up to
0.4 s more. The first job after the start is reported apart: it also imports what the work needs
(the desk imports it on first use, so that it starts at once).
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import ENV, REVCOP, pair_inputs, sample_input  # noqa: E402 - the benchmark's revcop, as run.py runs it

POLL = 0.010  # seconds between two questions about the job's state
TIMEOUT = 300.0


class Desk:
    """A desk started in a child process, and the requests a browser makes of it."""

    def __init__(self, library: Path) -> None:
        self.process = subprocess.Popen(REVCOP + ["desk", "--no-browser", "--library", str(library)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
        assert self.process.stderr is not None
        said = []
        for line in self.process.stderr:  # the desk says where it listens, once it does (on stderr)
            said.append(line.strip())
            if "http://" in line:
                break
        else:
            self.process.wait()
            raise RuntimeError(f"the desk did not start: {' '.join(filter(None, said))}")
        url = urlsplit(line[line.index("http://"):].split()[0])
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.token = parse_qs(url.query)["token"][0]
        # What the desk says later (a traceback, a warning) is read as it comes and the last lines
        # kept: a pipe no one reads would stop the desk once full.
        self.said: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=lambda: self.said.extend(self.process.stderr), daemon=True).start()

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            # the cookie a browser holds once it opened the desk's link (the link's ?token= on a GET
            # is answered by a redirect that sets it)
            cookie = {"Cookie": f"revcop-desk-{self.port}={self.token}"}
            connection.request(method, path, body=body or None, headers={**cookie, **(headers or {})})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def job(self, form: str, files: dict[str, Path]) -> tuple[float, bytes]:
        """Post ``files`` to ``form`` and wait for the result page: (seconds, the page)."""
        boundary = secrets.token_hex(16)
        parts = []
        for field, path in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{path.name}"\r\n'
                         "Content-Type: application/octet-stream\r\n\r\n".encode() + path.read_bytes() + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        start = time.perf_counter()
        status, headers, page = self.request("POST", form, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        location = headers.get("location", "")
        if status != 303 or not location.startswith("/jobs/"):
            raise RuntimeError(f"{form}: the desk answered {status}, not a job ({page[:200]!r})")
        while True:
            status, _, answer = self.request("GET", f"{location}/status")
            if status != 200:
                raise RuntimeError(f"{location}/status: the desk answered {status}")
            state = json.loads(answer)["state"]
            if state != "running":
                break
            if time.perf_counter() - start > TIMEOUT:
                raise RuntimeError(f"{form}: no result after {TIMEOUT:.0f} s")
            time.sleep(POLL)
        status, _, page = self.request("GET", location)
        seconds = time.perf_counter() - start
        if state != "done" or status != 200:
            said = " / ".join(line.strip() for line in self.said if line.strip())
            said = f"; the desk said: {said}" if said else ""
            raise RuntimeError(f"{form}: the job {state} (page {status}): {page[:300]!r}{said}")
        return seconds, page

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # Ctrl-C: the desk deletes its session folder
        try:
            self.process.wait(timeout=30)  # (its messages are read by the thread above)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def measure_desk(jobs: dict[str, tuple[str, dict[str, Path], bytes]], repeat: int, say) -> None:
    """Each job (name -> (form, files, text its result page must hold)): its first run after the desk
    starts, then the median and spread of ``repeat`` more (at least one), all in one desk."""
    repeat = max(repeat, 1)
    say("| the desk: upload → result page | first after start s | median s | spread s | laps |")
    say("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="revcop-bench-desk-") as library:
        try:
            desk = Desk(Path(library))
        except (RuntimeError, OSError) as e:
            say(f"| (the desk) | | | | n/a ({e}) |")
            return
        try:
            for name, (form, files, expected) in jobs.items():
                times = []
                try:
                    for _ in range(repeat + 1):
                        seconds, page = desk.job(form, files)
                        if expected not in page:
                            raise RuntimeError(f"the result page does not show {expected.decode()!r}")
                        times.append(seconds)
                except (RuntimeError, OSError) as e:
                    say(f"| {name} | | | | failed: {e} |")
                    continue
                laps = times[1:]
                say(f"| {name} | {times[0]:.3f} | {statistics.median(laps):.3f} | "
                    f"{min(laps):.3f}–{max(laps):.3f} | {len(laps)} |")
        finally:
            desk.stop()
    say()
    say("From the first byte of the upload to the last byte of the result page, the job's state asked every "
        f"{POLL * 1000:.0f} ms (the page in a browser asks every 400 ms).")
    say()


def default_jobs(pair: tuple[Path, Path] | None, sample: Path | None) -> dict[str, tuple[str, dict[str, Path], bytes]]:
    jobs = {}
    if sample is not None:
        jobs[f"consolidate {sample.name}"] = ("/consolidate", {"document": sample}, b"Rev.COP15")
    if pair is not None:
        old, new = pair
        words = json.loads((old.parent / "info.json").read_text())
        jobs[f"compare a {words['words_old'] // 1000}k-word pair ({old.parent.name})"] = (
            "/compare", {"old_file": old, "new_file": new}, b"amended")
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="The desk's upload-to-result time (whole jobs, one desk).")
    ap.add_argument("--repeat", type=int, default=5, help="timed jobs after the first (default 5)")
    ap.add_argument("--size", default="50k", help="the UN-style pair compared (default 50k)")
    args = ap.parse_args(argv)
    pair = pair_inputs("generate_un.py", args.size, 1)
    measure_desk(default_jobs(pair, sample_input()), args.repeat, lambda line="": print(line, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
