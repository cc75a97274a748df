"""The demo's texts, kept as data: one TOML file per part of the demo, read
with the standard library's tomllib.

Long texts are written over several lines. The loaders read them through
`text()` (line breaks are spaces), `paragraphs()` (a blank line starts the
next paragraph; `html()` makes them rich text) and `lines()` (one item per
line), so the files can be wrapped freely without changing what the site
shows.
"""

import tomllib
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@cache
def read(name):
    """The content of `<name>.toml` in this folder."""
    with (FOLDER / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def text(value):
    """One paragraph: line breaks and runs of spaces are single spaces."""
    return " ".join(value.split())


def paragraphs(value):
    """The paragraphs of `value`, separated by blank lines."""
    return [text(chunk) for chunk in value.strip().split("\n\n") if chunk.strip()]


def html(value):
    """The paragraphs of `value` as HTML paragraphs (for rich text)."""
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs(value))


def lines(value):
    """One item per line, joined by line breaks (as a TextField keeps them)."""
    return "\n".join(line.strip() for line in value.strip().splitlines() if line.strip())
