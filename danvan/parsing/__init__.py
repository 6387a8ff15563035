"""Reading Vietnamese Party documents: pure Python, no Django.

`parse_file(path)` / `parse_bytes(data, name)` / `parse_text(text)` give a `ParsedDocument`
whose JSON form is `contract/parsed-document.schema.json`. Unreadable input raises `Unreadable`.
"""

from danvan.parsing.extract import Unreadable
from danvan.parsing.model import ParsedDocument
from danvan.parsing.parse import parse_bytes, parse_file, parse_text

__all__ = ["ParsedDocument", "Unreadable", "parse_bytes", "parse_file", "parse_text"]
