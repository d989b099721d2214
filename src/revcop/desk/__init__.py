"""The desk: revcop in the browser (``revcop desk``), for people who do not use a terminal.

:mod:`revcop.desk.engine` is the one module that calls revcop's library (the same functions as the
command line, no rule of its own); :mod:`revcop.desk.products` says which files one amendment document
or one comparison yields (``revcop publish`` writes the same); :mod:`revcop.desk.app` is the web
application (Starlette) and :mod:`revcop.desk.server` serves it (uvicorn) on this machine with a
random token. Only ``app`` and ``server`` import the web stack, and only ``revcop desk`` imports them.
"""
