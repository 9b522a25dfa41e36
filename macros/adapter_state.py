"""The compiled course, shared between the MkDocs hooks and the macros of the same build.

MkDocs loads the hooks file by path (as its own module), so state kept in it would not be seen by
`macros/main.py`; both import this module through the package instead.
"""

current: dict = {}
