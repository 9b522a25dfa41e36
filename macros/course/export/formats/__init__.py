"""One file per output format, each registering its exporter (see `export/registry.py`)."""
