"""Generated sections of markdown files, between <!-- name:start --> and <!-- name:end --> markers."""

from __future__ import annotations

import re


def replace_section(document: str, name: str, content: str) -> str:
    """Document with the named section's body replaced by content."""
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(document):
        raise ValueError(f"no <!-- {name}:start --> ... <!-- {name}:end --> section")
    return pattern.sub(lambda m: m.group(1) + content.rstrip("\n") + "\n" + m.group(2), document)


def section(document: str, name: str) -> str:
    """The body of the named section."""
    match = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", document, re.DOTALL)
    if not match:
        raise ValueError(f"no <!-- {name}:start --> section")
    return match.group(1)
