"""Serve the desk (uvicorn) on this machine: a free port, a random token, a session folder.

``serve`` binds the socket itself (port 0 asks the system for a free one), so the address printed is
the one served; the session folder is removed when the desk stops (Ctrl-C).
"""

from __future__ import annotations

import secrets
import socket
import tempfile
from pathlib import Path
from typing import Callable

LOOPBACK = "127.0.0.1"


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


def serve(host: str = LOOPBACK, port: int = 0, *, library: str | None = None, max_upload: int | None = None,
          token: str | None = None, announce: Callable[[str], None] = print,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the desk until interrupted; ``announce`` is told the URL (with its token) once listening."""
    import uvicorn

    from revcop.desk.app import DEFAULT_MAX_UPLOAD, Desk, create_app

    sock = bind(host, port)
    port = sock.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="revcop-desk-"))  # readable by this user only (0700)
    desk = Desk(token=token or secrets.token_urlsafe(32), folder=folder, library=library,
                max_upload=max_upload or DEFAULT_MAX_UPLOAD, cookie=f"revcop-desk-{port}")
    url = f"http://{url_host(host)}:{port}/?token={desk.token}"
    config = uvicorn.Config(create_app(desk), log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3)

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:  # listening: say where
                announce(url)
                if on_ready is not None:
                    on_ready(url)

    server = Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        desk.close()
        sock.close()
