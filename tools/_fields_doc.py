"""Render docs/fields.md from the schema files: every field, its type, bounds and when it is needed.

Nothing here restates the contract: titles, descriptions, examples, bounds and the conditional
requirements are all read from ``schema/order.schema.json`` (and the header schema), so the page
changes exactly when the schema does. Requirement conditions are read from each ``if``/``then``
block whose ``then`` lists ``required`` fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Schema = dict[str, Any]

_TYPE_WORDS = {"string", "number", "integer", "boolean", "object", "array", "null"}
_LONG_PATTERN = 40


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def literal(text: str) -> str:
    """Text as inline code, as it is."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code(value: Any) -> str:
    """A JSON value as inline code (compact JSON)."""
    return literal(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))


class Resolver:
    """Follows local ``$ref`` chains, merging what each level says about a value."""

    def __init__(self, document: Schema) -> None:
        self.document = document

    def target(self, node: Schema) -> tuple[str, Schema] | None:
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return None
        name = ref.rsplit("/", 1)[-1]
        return name, self.document["$defs"][name]

    def chain(self, node: Schema) -> Iterator[tuple[str | None, Schema]]:
        """The node, then each definition it refers to (the node first, so it wins)."""
        yield None, node
        seen: set[str] = set()
        current = self.target(node)
        while current is not None and current[0] not in seen:
            seen.add(current[0])
            yield current
            current = self.target(current[1])

    def merged(self, node: Schema) -> Schema:
        merged: Schema = {}
        for _, level in self.chain(node):
            for key, value in level.items():
                merged.setdefault(key, value)
        return merged

    def type_name(self, node: Schema) -> str | None:
        first = self.target(node)
        return first[0] if first else None

    def has_def(self, node: Schema, name: str) -> bool:
        return any(def_name == name for def_name, _ in self.chain(node))


@dataclass
class Field:
    """One documented field."""

    pointer: str
    name: str
    node: Schema
    merged: Schema
    required: str
    section: str
    children: list[Field] = field(default_factory=list)


def _conditions(node: Schema, resolver: Resolver) -> dict[str, str]:
    """Field name -> when it is required, from ``if``/``then`` blocks (own or via allOf)."""
    found: dict[str, str] = {}
    blocks: list[Schema] = [node]
    for entry in node.get("allOf", []):
        blocks.append(resolver.merged(entry))
    for block in blocks:
        then = block.get("then")
        condition = block.get("if")
        if not isinstance(then, dict) or not isinstance(condition, dict):
            continue
        names = then.get("required", [])
        when = _describe_condition(condition)
        for name in names:
            found[name] = when
    return found


def _describe_condition(condition: Schema) -> str:
    parts: list[str] = []
    for name, sub in condition.get("properties", {}).items():
        values = sub.get("enum") or ([sub["const"]] if "const" in sub else [])
        if name == "order_service":
            parts.append(", ".join(str(v) for v in values))
        else:
            parts.append(f"when {name} is {' or '.join(str(v) for v in values)}")
    return "; ".join(parts) or "conditionally"


def walk(document: Schema) -> list[Field]:
    """Every field of the order, depth first, in the schema's own order."""
    resolver = Resolver(document)
    fields: list[Field] = []

    def visit(obj: Schema, pointer: str, section: str, out: list[Field]) -> None:
        merged_obj = resolver.merged(obj)
        required = set(merged_obj.get("required", []))
        conditional = _conditions(merged_obj, resolver)
        for name, sub in merged_obj.get("properties", {}).items():
            sub_pointer = f"{pointer}/{name}"
            merged = resolver.merged(sub)
            need = "always" if name in required else conditional.get(name, "optional")
            entry = Field(sub_pointer, name, sub, merged, need, section)
            out.append(entry)
            if merged.get("type") == "object" and "properties" in merged:
                visit(sub, sub_pointer, sub_pointer, entry.children)
            items = merged.get("items")
            if merged.get("type") == "array" and isinstance(items, dict):
                item = resolver.merged(items)
                if item.get("type") == "object":
                    visit(items, f"{sub_pointer}/N", f"{sub_pointer}/N", entry.children)

    visit(document, "", "", fields)
    return fields


def _flatten(fields: list[Field]) -> Iterator[Field]:
    for entry in fields:
        yield entry
        yield from _flatten(entry.children)


def _type(entry: Field, resolver: Resolver) -> str:
    merged = entry.merged
    kind = str(merged.get("type", "any"))
    if kind == "array" and isinstance(merged.get("items"), dict):
        item = resolver.merged(merged["items"])
        inner = resolver.type_name(merged["items"]) or str(item.get("type", "any"))
        kind = f"array of {inner}"
    name = resolver.type_name(entry.node)
    return f"{kind} ({name})" if name and name not in _TYPE_WORDS else kind


def _number_bounds(merged: Schema) -> list[str]:
    words = {
        "exclusiveMinimum": ">",
        "minimum": ">=",
        "maximum": "<=",
        "exclusiveMaximum": "<",
    }
    return [f"{sign} {merged[key]}" for key, sign in words.items() if key in merged]


def _range(low: Any, high: Any, noun: str) -> str | None:
    if low is not None and high is not None:
        return f"{low}-{high} {noun}"
    if high is not None:
        return f"at most {high} {noun}"
    if low is not None:
        return f"at least {low} {noun}"
    return None


def _pattern_owner(node: Schema, resolver: Resolver) -> str | None:
    """The shared type whose pattern a field uses, when it is documented there."""
    for def_name, level in resolver.chain(node):
        if "pattern" in level:
            return def_name if def_name and level.get("description") else None
    return None


def constraints(entry: Field, resolver: Resolver) -> list[str]:
    """Plain-English bounds of a field, read from the merged schema keywords."""
    merged = entry.merged
    out: list[str] = []
    length = _range(merged.get("minLength"), merged.get("maxLength"), "characters")
    if length:
        out.append(length)
    if resolver.has_def(entry.node, "nonBlank"):
        out.append("not blank")
    pattern = merged.get("pattern")
    if isinstance(pattern, str):
        owner = _pattern_owner(entry.node, resolver)
        if len(pattern) <= _LONG_PATTERN:
            out.append(f"pattern {literal(pattern)}")
        elif owner is not None:
            out.append(f"{owner} format (see Shared value types)")
        else:
            out.append("pattern (see the schema)")
    out += _number_bounds(merged)
    if merged.get("type") == "integer" or merged.get("multipleOf") == 1:
        out.append("whole number")
    entries = _range(merged.get("minItems"), merged.get("maxItems"), "entries")
    if entries:
        out.append(entries)
    if merged.get("uniqueItems"):
        out.append("no repeated values")
    if "minProperties" in merged:
        out.append(f"at least {merged['minProperties']} field(s)")
    if "default" in merged:
        out.append(f"default {code(merged['default'])}")
    return out


def allowed(entry: Field) -> list[Any]:
    merged = entry.merged
    values = merged.get("enum")
    if values is None and isinstance(merged.get("items"), dict):
        values = merged["items"].get("enum")
    return list(values or [])


def example(entry: Field) -> str:
    examples = entry.node.get("examples") or entry.merged.get("examples")
    return code(examples[0]) if examples else ""


_REQUIRED_LEGEND = (
    "**Required** reads: `always` (whenever the object holding the field is present), "
    "`optional`, a list of services (`D, PD`: required when `order_service` is one of them), or "
    "a condition on a sibling field. `N` in a pointer stands for an array index "
    "(`/items/0/item_id`). Every object rejects fields it does not list (`unknown_field`)."
)


def _section(title: str, fields: list[Field], resolver: Resolver) -> list[str]:
    lines = [
        f"## {title}",
        "",
        "| Field | Type | Required | Constraints | Allowed values | Example |",
        "|---|---|---|---|---|---|",
    ]
    for entry in fields:
        values = ", ".join(code(v) for v in allowed(entry))
        row = [
            literal(entry.pointer),
            _type(entry, resolver),
            entry.required,
            "; ".join(constraints(entry, resolver)),
            values,
            example(entry),
        ]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    lines.append("")
    for entry in fields:
        title_text = entry.node.get("title") or entry.merged.get("title", entry.name)
        description = entry.node.get("description") or entry.merged.get("description", "")
        lines.append(f"- **{literal(entry.pointer)}** ({title_text}): {description}".rstrip())
    lines.append("")
    return lines


def _types_section(document: Schema) -> list[str]:
    lines = ["## Shared value types", ""]
    for name, node in document["$defs"].items():
        kind = node.get("type")
        if kind in ("string", "number") and node.get("description"):
            lines.append(f"- **{name}** ({node.get('title', name)}): {node['description']}")
    lines.append("")
    return lines


def render(document: Schema, headers: Schema) -> str:
    """The whole of docs/fields.md."""
    resolver = Resolver(document)
    fields = walk(document)
    lines = [
        "# Fields of `POST /v1/orders`",
        "",
        "<!-- Generated by `python -m tools.gen_docs` from schema/order.schema.json and "
        "schema/headers.schema.json. Do not edit by hand. -->",
        "",
        f"**{document.get('title', '')}**",
        "",
        document.get("description", ""),
        "",
        _REQUIRED_LEGEND,
        "",
    ]
    lines += _section("Top level", fields, resolver)
    for entry in _flatten(fields):
        if entry.children:
            title = entry.node.get("title") or entry.merged.get("title", entry.name)
            where = entry.pointer
            items = entry.merged.get("items")
            if isinstance(items, dict):
                where += "/N"
                title = resolver.merged(items).get("title", title)
            lines += _section(f"`{where}`: {title}", entry.children, resolver)
    header_fields = walk(headers)
    header_resolver = Resolver(headers)
    lines += _section("Request header", header_fields, header_resolver)
    lines += _types_section(document)
    return "\n".join(lines).rstrip() + "\n"


def pointers(document: Schema) -> list[str]:
    """Every field pointer the page documents (for tests)."""
    return [entry.pointer for entry in _flatten(walk(document))]
