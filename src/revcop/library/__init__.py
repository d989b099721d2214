"""The versions library as a store beneath the stages: every version of every instrument, by bytes.

It knows nothing of documents: it imports no reader, writer, structure or comparison module.

- :mod:`revcop.library.refs`: references such as ``cms/14.16@COP14`` and where the library is;
- :mod:`revcop.library.manifest`: ``manifest.toml``, its schema, checked once when read;
- :mod:`revcop.library.store`: find, read bytes, add bytes (all or nothing), lock, verify.

Reading a version into a Document and recording a Document as a version is :mod:`revcop.versions`,
one floor up (docs/library.md).
"""

# The names callers import most, from the package itself; loaded on first use, so that importing
# revcop.library.refs alone (every command that names an output) stays as light as it is.
_NAMES = {
    "Ref": "refs", "parse_ref": "refs", "looks_like_ref": "refs", "location": "refs",
    "Manifest": "manifest", "Version": "manifest", "Library": "store", "resolve": "store",
}


def __getattr__(name: str):
    if name not in _NAMES:
        raise AttributeError(f"module 'revcop.library' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"revcop.library.{_NAMES[name]}"), name)
