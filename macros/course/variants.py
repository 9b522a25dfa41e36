"""Text that is either the same for every audience or given per audience, with an optional `default`."""

from __future__ import annotations


def pick(value, audience: str):
    """The value `audience` gets: its own entry, else `default`, else None. Plain values go to everyone."""
    if isinstance(value, dict):
        if audience in value:
            return value[audience]
        return value.get("default")
    return value


def is_variant(value) -> bool:
    return isinstance(value, dict)


def serves(block: dict, module_audiences, audience: str) -> bool:
    """Whether a block (section, case study, activity, question) is for `audience`."""
    return audience in (block.get("audiences") or module_audiences)
