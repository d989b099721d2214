"""``revcop desk``: revcop in the browser, served on this machine (docs/desk.md)."""

from __future__ import annotations

import click

from revcop.cli._library import library_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="The address to listen on. Only 127.0.0.1 keeps the desk to this machine; another address "
                   "(0.0.0.0: every network this machine is on) lets anyone who has the link upload documents "
                   "and write to the library: see docs/desk.md before you do it.")
@click.option("--port", default=0, type=click.IntRange(0, 65535), show_default=True,
              help="The port; 0 takes a free one.")
@click.option("--max-upload", default=50, type=click.IntRange(1, 256), show_default=True, metavar="MB",
              help="The largest file the desk accepts, in MB.")
@click.option("--no-browser", is_flag=True, help="Print the link but do not open a browser.")
@library_option
def desk(host, port, max_upload, no_browser, library):
    """Open the desk: consolidate, compare and keep versions from a web browser.

    The desk runs on this machine, at a link printed here that carries a secret token (requests
    without it are refused). Press Ctrl-C to stop it; its uploads and outputs are then deleted.
    """
    import gc
    import threading
    import webbrowser

    gc.enable()  # a server collects its cycles (revcop.cli.main turns the collector off for one-shot commands)

    from revcop.desk.server import LOOPBACK, serve

    if host != LOOPBACK:
        click.echo(f"revcop: warning: the desk listens on {host}: anyone who can reach this machine and has the "
                   "link can upload documents and add versions to the library (docs/desk.md)", err=True)

    def announce(url: str) -> None:
        click.echo(f"revcop desk is running. Open this link in your browser:\n\n    {url}\n\n"
                   "Press Ctrl-C here to stop it.", err=True)

    def opened(url: str) -> None:
        if not no_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    try:
        serve(host, port, library=library, max_upload=max_upload * 1024 * 1024, announce=announce, on_ready=opened)
    except KeyboardInterrupt:
        pass  # Ctrl-C: uvicorn has finished the requests under way and closed; the session folder is gone
    except OSError as e:
        from revcop.errors import RevcopError

        raise RevcopError(f"cannot listen on {host}:{port} ({e.strerror or e}); "
                          "choose another --port or --host") from None
    click.echo("revcop: the desk has stopped", err=True)
