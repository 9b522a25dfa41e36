"""The course compiler: YAML modules in, Markdown pages per audience out.

Plain Python with no MkDocs import, so it can be tested, run from the command line and moved to another
static-site engine. The steps, one module each: `load_yaml` (keep every node's location), `schema_check`,
`data_files` and `modules` (load and validate), `validate` (cross-checks), `view` (one audience's view of a
module: removes, never hides), and the `render_*` modules. `build` runs them in order.
"""
