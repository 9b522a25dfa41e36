"""Where a course project keeps its files. Every path is resolved from the project root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders of one course project (upstream, or a consortium's fork with its `local/` overlay)."""

    root: Path

    @classmethod
    def at(cls, root) -> Project:
        return cls(Path(root).resolve())

    @property
    def modules_dir(self) -> Path:
        return self.root / "modules"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def schema_dir(self) -> Path:
        # The schemas describe the format the compiler reads, so they travel with the code, not the project.
        return Path(__file__).resolve().parents[2] / "schema"

    @property
    def local_dir(self) -> Path:
        return self.root / "local"

    def shown(self, path: Path) -> str:
        """A path as authors see it in messages: relative to the project root."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def schema(self, name: str) -> Path:
        return self.schema_dir / f"{name}.schema.json"
