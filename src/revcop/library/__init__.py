"""The versions library as a store beneath the stages: every version of every instrument, by bytes.

It knows nothing of documents: it imports no reader, writer, structure or comparison module.

- :mod:`revcop.library.refs`: references such as ``cms/14.16@COP14`` and where the library is;
- :mod:`revcop.library.manifest`: ``manifest.toml``, its schema, checked once when read;
- :mod:`revcop.library.store`: find, read bytes, add bytes (all or nothing), lock, verify.

Reading a version into a Document and recording a Document as a version is :mod:`revcop.versions`,
one floor up (docs/library.md).
"""
