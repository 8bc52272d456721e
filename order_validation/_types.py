"""Small shared types, kept apart so modules can import them without import cycles."""

from __future__ import annotations

from typing import Any, NamedTuple

# A place in a JSON document: object keys and array indices.
JSONPath = tuple[str | int, ...]
# A field pattern: property names, and None for "any index of this array".
FieldPattern = tuple[str | None, ...]


class RawError(NamedTuple):
    """One failing keyword, engine-neutral.

    The keyword's value is not carried: the mapper reads it from the schema at the located
    keyword, so engines that do not report it (or report it differently) map the same way.
    """

    keyword: str
    instance_path: JSONPath
    schema_path: JSONPath
    instance: Any
