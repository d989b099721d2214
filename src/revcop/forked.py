"""Work done in a forked process, its result sent back pickled through a pipe (POSIX, two cores or more).

A one-shot command with two independent pieces of work does one of them in a second process: reading
the two versions of a comparison (:func:`revcop.pipeline.read_pair`) and the word diffs of a long
comparison (:func:`revcop.comparison.compare` with ``processes=2``). Only a process with no other
thread running may fork (the forked process holds only the thread that forked): the command line, not
the desk.

Whatever goes wrong in the forked process, it sends nothing, or not all, and :func:`received` gives
None: the caller then does the work itself, so that errors and messages are exactly those of doing it
in turn.
"""

from __future__ import annotations

import os
from typing import Any, Callable


def available() -> bool:
    """Whether work can be forked off here, and pays: fork exists and there is a second core."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2


def start(work: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[int, int]:
    """Call ``work(*args, **kwargs)`` in a forked process that pickles its result into a pipe and
    leaves without any clean-up: (its pid, the pipe's end to read). Nothing is sent if ``work`` fails
    or returns None.

    The result is pickled into the pipe as it goes, and unpickled as it comes (:func:`received`):
    the two overlap instead of following each other (for a 250,000-word version, ~0.1 s each).
    Pickling that stops half-way leaves a stream without its end, which the other side refuses.

    The objects both processes hold are moved out of the collector's reach while forking: a
    collection in the forked process would otherwise write to every one of them, copying this
    process's memory page by page (it read at half the speed). Objects a caller froze stay frozen.
    """
    import gc
    import pickle

    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(readable)
        try:
            try:
                result = work(*args, **kwargs)
            except BaseException:  # noqa: BLE001 - the caller does the work again and reports
                result = None
            with os.fdopen(writable, "wb") as pipe:
                if result is not None:
                    pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            from revcop import kept

            kept.save()  # the patterns and methods first compiled here, once the caller has what it waits for
        finally:
            os._exit(0)
    if not frozen_by_caller:
        gc.unfreeze()
    os.close(writable)
    return pid, readable


def received(pid: int, readable: int) -> Any:
    """What the process of :func:`start` sent, unpickled from the pipe as it comes (the bytes are never
    held whole); None if it sent nothing or not all (it failed, or was stopped)."""
    import pickle

    with os.fdopen(readable, "rb") as pipe:
        try:
            sent = pickle.load(pipe)
        except Exception:  # noqa: BLE001 - done again by the caller, in turn
            sent = None
    os.waitpid(pid, 0)
    return sent
