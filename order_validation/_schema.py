"""Load the canonical schema files and compile them, once per process.

The schema is the single source of truth. Besides the compiled validators, this module derives a
few tables from it, so Python never restates what the schema already says: which fields are money
or UTC date-times (the Python rules check those), the contract's field order (issues are sorted by
it) and where each raw error's keyword lives (issues are coded by it).
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from . import _engine
from ._types import FieldPattern, JSONPath

ORDER_SCHEMA_FILE = "order.schema.json"
HEADERS_SCHEMA_FILE = "headers.schema.json"


def _read_schema_file(name: str) -> dict[str, Any]:
    """Read a schema file from the installed package, or from a source checkout's ``schema/``.

    The wheel carries the files inside the package (``_schema_files``); an editable install or a
    plain checkout reads the one canonical copy at the top of the repository.
    """
    packaged = resources.files("order_validation") / "_schema_files" / name
    if packaged.is_file():
        text = packaged.read_text(encoding="utf-8")
    else:
        text = (Path(__file__).resolve().parent.parent / "schema" / name).read_text(
            encoding="utf-8"
        )
    document: dict[str, Any] = json.loads(text)
    return document


class Site(NamedTuple):
    """Where a failing keyword lives in the schema, and what the mapper derives from that."""

    location: JSONPath  # canonical segments, restarting at the innermost $defs entry entered
    holder: Any  # the schema node that holds the keyword
    fragment: str  # the location as a URI fragment: #/$defs/money/minimum
    def_name: str | None  # the innermost $defs entry, if any
    rest: str  # the location below that entry, as a/b/c


class Locator:
    """Turns an engine's schema path into the canonical location of the failing keyword.

    Engines report paths through ``$ref`` differently (python-jsonschema drops ``$ref`` and
    ``if`` from the path, jsonschema-rs keeps ``$ref``), so the path is walked through the
    document itself: a key the current node lacks is looked up behind its ``$ref``. The location
    restarts at each ``$defs`` entry entered, which names the shared type or rule. A schema has
    few keywords, so each path is worked out once and then looked up.
    """

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document
        self._cache: dict[JSONPath, Site] = {}
        self._lock = threading.Lock()

    def _resolve(self, ref: str) -> tuple[Any, list[str | int]]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, got {ref!r}")
        node: Any = self._document
        segments: list[str | int] = []
        for raw in ref[2:].split("/"):
            key = raw.replace("~1", "/").replace("~0", "~")
            node = node[key]
            segments.append(key)
        return node, segments

    def locate(self, schema_path: Sequence[str | int]) -> Site:
        """The `Site` of the keyword at the end of an engine's schema path."""
        key_path = tuple(schema_path)
        cached = self._cache.get(key_path)
        if cached is not None:
            return cached
        node: Any = self._document
        parent: Any = node
        location: list[str | int] = []
        for key in key_path:
            if key == "$ref":
                node, location = self._resolve(node["$ref"])
                continue
            while isinstance(node, dict) and key not in node and "$ref" in node:
                node, location = self._resolve(node["$ref"])
            parent = node
            node = node[key]
            location.append(key)
        found = tuple(location)
        site = Site(found, parent, pointer_to_fragment(found), *split_location(found))
        with self._lock:
            self._cache[key_path] = site
        return site


def split_location(location: JSONPath) -> tuple[str | None, str]:
    """Split at the innermost ``$defs`` entry: (entry name or None, rest as a/b/c)."""
    index = -1
    for i in range(len(location) - 1):
        if location[i] == "$defs":
            index = i
    if index < 0:
        return None, "/".join(str(s) for s in location)
    return str(location[index + 1]), "/".join(str(s) for s in location[index + 2 :])


def pointer_to_fragment(location: JSONPath) -> str:
    """Render location segments as a URI fragment JSON Pointer (``#/$defs/money/minimum``)."""
    escaped = (str(s).replace("~", "~0").replace("/", "~1") for s in location)
    return "#/" + "/".join(escaped) if location else "#"


def _walk_fields(
    document: dict[str, Any],
) -> Iterator[tuple[FieldPattern, dict[str, Any], str | None]]:
    """Yield (field pattern, schema node, $defs name it refers to) for every declared field."""
    defs = document.get("$defs", {})

    def visit(
        node: dict[str, Any], path: FieldPattern, seen: frozenset[str]
    ) -> Iterator[tuple[FieldPattern, dict[str, Any], str | None]]:
        ref = node.get("$ref")
        ref_name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
        yield path, node, ref_name
        if ref_name is not None and ref_name not in seen:
            target = defs[ref_name]
            for sub_path, sub_node, sub_ref in visit(target, path, seen | {ref_name}):
                if sub_path != path:
                    yield sub_path, sub_node, sub_ref
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict):
                yield from visit(sub, (*path, name), seen)
        items = node.get("items")
        if isinstance(items, dict):
            yield from visit(items, (*path, None), seen)

    yield from visit(document, (), frozenset())


# Fields grouped by their parent: ((parent pattern, (field names...)), ...). Rules look each
# parent up once and then read its fields, instead of walking every field from the root.
FieldGroups = tuple[tuple[FieldPattern, tuple[str, ...]], ...]


def _group(patterns: list[FieldPattern]) -> FieldGroups:
    groups: dict[FieldPattern, list[str]] = {}
    for pattern in dict.fromkeys(patterns):
        name = pattern[-1]
        if isinstance(name, str):
            groups.setdefault(pattern[:-1], []).append(name)
    return tuple((parent, tuple(names)) for parent, names in groups.items())


@dataclass(frozen=True, slots=True)
class CompiledSchema:
    """Everything derived from the schema files, built once."""

    document: dict[str, Any]
    headers_document: dict[str, Any]
    engine: _engine.Engine
    headers_engine: _engine.Engine
    locator: Locator
    headers_locator: Locator
    field_rank: dict[str, int]
    money_fields: FieldGroups
    datetime_fields: FieldGroups
    array_fields: tuple[FieldPattern, ...]
    max_items: int
    # How deep a valid order can nest: a depth limit at least this large cannot refuse one.
    max_nesting: int


def _build() -> CompiledSchema:
    document = _read_schema_file(ORDER_SCHEMA_FILE)
    headers_document = _read_schema_file(HEADERS_SCHEMA_FILE)
    field_rank: dict[str, int] = {}
    money: list[FieldPattern] = []
    datetimes: list[FieldPattern] = []
    arrays: list[FieldPattern] = []
    max_items = 0
    max_nesting = 0
    for path, node, ref_name in _walk_fields(document):
        if node.get("type") in ("object", "array"):
            max_nesting = max(max_nesting, len(path) + 1)
        if path and isinstance(path[-1], str):
            field_rank.setdefault(path[-1], len(field_rank))
        if ref_name == "money":
            money.append(path)
        elif ref_name == "utcDateTime":
            datetimes.append(path)
        if node.get("type") == "array":
            arrays.append(path)
        max_items = max(max_items, int(node.get("maxItems", 0)))
    for name in headers_document.get("properties", {}):
        field_rank.setdefault(name, len(field_rank))
    return CompiledSchema(
        document=document,
        headers_document=headers_document,
        engine=_engine.build(document),
        headers_engine=_engine.build(headers_document),
        locator=Locator(document),
        headers_locator=Locator(headers_document),
        field_rank=field_rank,
        money_fields=_group(money),
        datetime_fields=_group(datetimes),
        array_fields=tuple(dict.fromkeys(arrays)),
        max_items=max_items,
        max_nesting=max_nesting,
    )


_compiled: CompiledSchema | None = None
_compile_lock = threading.Lock()


def compiled() -> CompiledSchema:
    """The compiled schema, built on first use; racing first callers wait for one build."""
    result = _compiled
    if result is None:
        with _compile_lock:
            result = _compiled
            if result is None:
                result = _build()
                _set_compiled(result)
    return result


def use_engine(name: _engine.EngineName) -> None:
    """Pick the engine ("auto", "rust" or "python") and recompile on next use.

    For benchmarks and the engine-parity tests; services keep the default ("auto": jsonschema-rs
    when the ``fast`` extra is installed, python-jsonschema otherwise).
    """
    with _compile_lock:
        _engine.set_preference(name)
        _set_compiled_none()


def _set_compiled_none() -> None:
    global _compiled  # noqa: PLW0603 - see _set_compiled
    _compiled = None


def _set_compiled(value: CompiledSchema) -> None:
    global _compiled  # noqa: PLW0603 - the one process-wide cache, guarded by _compile_lock
    _compiled = value


def load_schema() -> dict[str, Any]:
    """A deep copy of the canonical order schema (Draft 2020-12), safe to modify."""
    return copy.deepcopy(compiled().document)


def load_headers_schema() -> dict[str, Any]:
    """A deep copy of the request-headers schema."""
    return copy.deepcopy(compiled().headers_document)
