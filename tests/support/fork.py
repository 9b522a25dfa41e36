"""Changes a test makes to the consortium fixture's upstream, as an upstream release would."""

from __future__ import annotations


def bump_rights(project, version="1.1", law=True):
    """Upstream moves on: a new version, a changed section, a new question, a changed summary."""
    path = project / "modules/rights.yml"
    text = path.read_text().replace('version: "1.0"', f'version: "{version}"')
    if law:
        text = text.replace("UPSTREAMLAW Most states", "UPSTREAMLAW Almost all states")
        text = text.replace("  default: What the law", "  default: Now, what the law")
        text = text.replace("sources: [ala-state-laws]\n", "") + "sources: [ala-state-laws]\n"
        text = text.replace("self_check:\n", "self_check:\n  - id: q0\n    question: New?\n"
                            "    choices: [{text: \"Yes\", why: Right.}, {text: \"No\", why: Wrong.}, "
                            "{text: Maybe, why: Wrong.}]\n    answer: 1\n    explanation: New.\n")
    path.write_text(text)
