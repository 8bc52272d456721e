"""Turn the canonical Draft 2020-12 schema into one self-contained schema of a target dialect.

Two passes. `inline` resolves every local `$ref` into a tree of `Node`s that remember where
each keyword sits in the canonical file. `Converter.convert` then rewrites that tree for one
`Dialect`, recording the canonical location of every assertion it had to drop, so the
exporter can say which contract rules the artefact cannot carry.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tools._dialects import Dialect

#: Keywords whose value is one subschema, a list of subschemas, or a map of subschemas.
IN_VALUE = frozenset(
    {"items", "not", "if", "then", "else", "additionalProperties", "contains", "propertyNames"}
)
IN_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
IN_MAP = frozenset({"properties", "patternProperties", "dependentSchemas"})
#: Keywords that never change a verdict.
ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "example", "$comment", "deprecated", "readOnly"}
)
#: Keywords that only look at one JSON type: a conditional subschema using them gets that
#: type written out (see `Converter._add_implied_type`).
_TYPED_KEYWORDS = {
    "string": frozenset({"minLength", "maxLength", "pattern", "format"}),
    "number": frozenset(
        {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
    ),
    "object": frozenset(
        {"properties", "required", "additionalProperties", "minProperties", "maxProperties"}
    ),
    "array": frozenset({"items", "minItems", "maxItems", "uniqueItems"}),
}
#: Keywords a schema applies to the same instance (as opposed to a property or an item).
_SAME_INSTANCE = frozenset({"if", "then", "else", "not", "allOf", "anyOf", "oneOf"})
_NEWLINE_GUARD = {"type": "string", "pattern": "\\n$"}


class ExportError(Exception):
    """The canonical schema uses something the exporter cannot carry faithfully."""


@dataclass
class Node:
    """One schema object after inlining; `where` maps each keyword to its canonical location."""

    keywords: dict[str, Any]
    where: dict[str, str] = field(default_factory=dict)

    def copy(self) -> Node:
        return Node(dict(self.keywords), dict(self.where))


def escape(token: str) -> str:
    """One JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The value at a `#/...` pointer inside `document`."""
    if not pointer.startswith("#"):
        raise ExportError(f"only local references can be inlined, got {pointer!r}")
    node = document
    for token in filter(None, pointer[1:].split("/")):
        key = unescape(token)
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def is_newline_guard(schema: Any) -> bool:
    """Whether `schema` is the `not: {type: string, pattern: "\\n$"}` body that stops a final
    newline (typed, so a value of another type does not also fail the guard)."""
    return bool(schema == _NEWLINE_GUARD)


def inline(document: dict[str, Any], pointer: str = "#") -> Node:
    """The schema at `pointer` with every `$ref` replaced by what it points at."""
    return _inline(document, resolve_pointer(document, pointer), pointer, ())


def _inline(root: dict[str, Any], schema: Any, loc: str, stack: tuple[str, ...]) -> Node:
    if not isinstance(schema, dict):
        raise ExportError(f"{loc}: boolean schemas are not supported by every dialect")
    own = Node({})
    for key, value in schema.items():
        if key in {"$ref", "$defs", "definitions", "$schema", "$id"}:
            continue
        here = f"{loc}/{escape(key)}"
        own.keywords[key] = _inline_value(root, key, value, here, stack)
        own.where[key] = here
    ref = schema.get("$ref")
    if ref is None:
        return own
    if ref in stack:
        raise ExportError(f"{loc}: recursive $ref {ref} cannot be inlined")
    target = _inline(root, resolve_pointer(root, ref), ref, (*stack, ref))
    return _merge(target, own, f"{loc}/$ref")


def _inline_value(
    root: dict[str, Any], key: str, value: Any, here: str, stack: tuple[str, ...]
) -> Any:
    if key in IN_VALUE and isinstance(value, dict):
        return _inline(root, value, here, stack)
    if key in IN_LIST:
        return [_inline(root, item, f"{here}/{i}", stack) for i, item in enumerate(value)]
    if key in IN_MAP:
        return {
            name: _inline(root, sub, f"{here}/{escape(name)}", stack) for name, sub in value.items()
        }
    return copy.deepcopy(value)


def _merge(target: Node, own: Node, ref_loc: str) -> Node:
    """`$ref` with siblings: both apply. Siblings' annotations win (they describe this use)."""
    clashes = [k for k in own.keywords if k in target.keywords and k not in ANNOTATIONS]
    if not clashes:
        return Node({**target.keywords, **own.keywords}, {**target.where, **own.where})
    notes = {k: v for k, v in own.keywords.items() if k in ANNOTATIONS}
    rest = Node(
        {k: v for k, v in own.keywords.items() if k not in ANNOTATIONS},
        {k: v for k, v in own.where.items() if k not in ANNOTATIONS},
    )
    merged = Node({**notes, "allOf": [target, rest]}, {k: own.where[k] for k in notes})
    merged.where["allOf"] = ref_loc
    return merged


def _all_of(node: Node, extra: Node, loc: str) -> None:
    """Add `extra` to `node` as one more `allOf` branch."""
    node.keywords["allOf"] = [*node.keywords.get("allOf", []), extra]
    node.where.setdefault("allOf", loc)


def plain(value: Any) -> Any:
    """A Node tree as plain JSON, for comparisons."""
    if isinstance(value, Node):
        return {k: plain(v) for k, v in value.keywords.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass
class Converter:
    """Rewrites inlined `Node` trees for one dialect; `dropped` collects lost assertions."""

    dialect: Dialect
    dropped: list[str] = field(default_factory=list)

    def convert(self, node: Node, real: Node | None = None) -> dict[str, Any]:
        """The schema of `node` in the dialect.

        `real` is the unconditional schema that also applies to this instance, when `node` is
        a conditional branch (if/then/not/anyOf...); None when `node` is that schema itself.
        """
        node = node.copy()
        if real is not None:
            self._add_implied_type(node, real)
        self._rewrite_conditional(node)
        self._rewrite_scalars(node)
        out: dict[str, Any] = {}
        context = real if real is not None else node
        for key, value in node.keywords.items():
            if key not in self.dialect.keywords and key not in self.dialect.annotations:
                if key not in ANNOTATIONS:
                    self.dropped.append(node.where.get(key, "#"))
                continue
            out[key] = self._convert_value(key, value, context, conditional=real is not None)
        return out

    def _convert_value(self, key: str, value: Any, context: Node, *, conditional: bool) -> Any:
        """One keyword's value; subschemas learn which unconditional schema they sit beside."""
        if key in _SAME_INSTANCE:
            if isinstance(value, list):
                return [self.convert(v, context) for v in value]
            return self.convert(value, context)
        if key == "properties":
            known = context.keywords.get("properties", {}) if conditional else {}
            return {name: self.convert(sub, known.get(name)) for name, sub in value.items()}
        if key == "items" and isinstance(value, Node):
            known_items = context.keywords.get("items") if conditional else None
            return self.convert(value, known_items if isinstance(known_items, Node) else None)
        if isinstance(value, Node):
            return self.convert(value)
        if isinstance(value, list) and value and isinstance(value[0], Node):
            return [self.convert(v) for v in value]
        if isinstance(value, dict) and value and all(isinstance(v, Node) for v in value.values()):
            return {name: self.convert(sub) for name, sub in value.items()}
        return copy.deepcopy(value)

    def _add_implied_type(self, node: Node, real: Node) -> None:
        """Write out the type a conditional branch assumes (ajv strictTypes asks for it).

        Safe for verdicts: `real` already demands that type of the same instance, so an
        instance of another type fails whatever the branch says.
        """
        real_type = real.keywords.get("type")
        if "type" in node.keywords or not isinstance(real_type, str):
            return
        family = "number" if real_type == "integer" else real_type
        if set(node.keywords) & _TYPED_KEYWORDS.get(family, frozenset()):
            node.keywords = {"type": real_type, **node.keywords}
            node.where["type"] = real.where.get("type", "#")

    def _rewrite_conditional(self, node: Node) -> None:
        """`if`/`then` for dialects without them: merge, `anyOf`/`not`, or drop and record."""
        if "if" not in node.keywords or "if" in self.dialect.keywords:
            return
        if "else" in node.keywords:
            raise ExportError(f"{node.where['else']}: `else` has no rewrite yet")
        condition: Node = node.keywords.pop("if")
        consequence: Node | None = node.keywords.pop("then", None)
        if_loc = node.where.pop("if")
        then_loc = node.where.pop("then", if_loc)
        if consequence is None:
            return
        if self._implied(condition, node):
            # The schema itself guarantees the condition, so the consequence always applies.
            self._absorb(node, consequence, then_loc)
        elif {"anyOf", "not"} <= self.dialect.keywords:
            # `if A then B` accepts exactly what `not A or B` accepts.
            either = [Node({"not": condition}, {"not": if_loc}), consequence]
            if "anyOf" in node.keywords:
                _all_of(node, Node({"anyOf": either}, {"anyOf": if_loc}), if_loc)
            else:
                node.keywords["anyOf"] = either
                node.where["anyOf"] = if_loc
        else:
            self.dropped.extend([if_loc, then_loc])

    @staticmethod
    def _implied(condition: Node, node: Node) -> bool:
        """Whether every keyword of `condition` already holds, with the same value, in `node`."""
        if not condition.keywords:
            return True
        return all(
            key in node.keywords and plain(node.keywords[key]) == plain(value)
            for key, value in condition.keywords.items()
        )

    @staticmethod
    def _absorb(node: Node, extra: Node, loc: str) -> None:
        # A keyword both already hold with the same value (such as the `type` a branch restates)
        # is no conflict; only a different value needs an allOf.
        clash = {
            key
            for key, value in extra.keywords.items()
            if key in node.keywords and plain(node.keywords[key]) != plain(value)
        }
        if clash:
            _all_of(node, extra, loc)
            return
        for key, value in extra.keywords.items():
            if key not in node.keywords:
                node.keywords[key] = value
                node.where[key] = extra.where[key]

    def _rewrite_scalars(self, node: Node) -> None:
        kw, where, dialect = node.keywords, node.where, self.dialect
        if "const" in kw and "const" not in dialect.keywords:
            kw["enum"] = [kw.pop("const")]
            where["enum"] = where.pop("const")
        for bound, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if bound in kw and dialect.exclusive_bounds != "number":
                if inclusive in kw:
                    raise ExportError(f"{where[bound]}: both {bound} and {inclusive}")
                loc = where.pop(bound)
                kw[inclusive], where[inclusive] = kw.pop(bound), loc
                if dialect.exclusive_bounds == "boolean":
                    kw[bound], where[bound] = True, loc
                else:
                    self.dropped.append(loc)
        types = kw.get("type")
        if isinstance(types, list) and dialect.null == "nullable":
            rest = [t for t in types if t != "null"]
            if len(rest) != 1:
                raise ExportError(f"{where['type']}: OpenAPI 3.0 takes one type, got {types}")
            kw["type"] = rest[0]
            if "null" in types:
                kw["nullable"] = True
        if kw.get("type") == "integer" and dialect.integer == "multiple_of":
            if "multipleOf" in kw:
                raise ExportError(f"{where['type']}: integer with multipleOf")
            kw["type"] = "number"
            kw["multipleOf"] = 1
        if "examples" in kw and dialect.example != "examples":
            samples = kw.pop("examples")
            if dialect.example == "example" and samples:
                kw["example"] = samples[0]
