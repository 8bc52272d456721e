"""Each export target described as data, read by one converter (no per-dialect code paths).

The fields say what the target's schema language understands, so that adding a gateway
means adding a row here, never copying conversion logic. Facts come from
shared/spec/portability.md and each product's documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: Keywords every JSON Schema draft from 04 on understands, with the same meaning.
_CORE = frozenset(
    {
        "type",
        "enum",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minProperties",
        "maxProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "format",
    }
)
_CONDITIONALS = frozenset({"const", "if", "then", "else"})


@dataclass(frozen=True)
class Dialect:
    """What one export target understands, and how the converter spells each construct there."""

    #: Short name, used in the limitation files and the docs.
    name: str
    #: Human title for the docs.
    title: str
    #: Products that load this artefact.
    consumers: tuple[str, ...]
    #: The `$schema` URI written at the root, or None where the container fixes the dialect.
    schema_uri: str | None
    #: Keyword that carries the artefact's own URI (`$id`, draft-04's `id`), or None to omit it.
    id_keyword: str | None
    #: Assertion and applicator keywords the target enforces; any other assertion is dropped
    #: and the contract rule it carried is listed among the artefact's limitations.
    keywords: frozenset[str]
    #: Annotation keywords kept (others are removed silently: they never change a verdict).
    annotations: frozenset[str]
    #: How `exclusiveMinimum: 0` is spelt: a number (draft-06+), a boolean beside `minimum`
    #: (draft-04, OpenAPI 3.0), or "inclusive" where the target has neither (the bound
    #: becomes `minimum`, which accepts the limit itself: a listed limitation).
    exclusive_bounds: Literal["number", "boolean", "inclusive"]
    #: "type" where `type: integer` accepts 2.0 as the canonical Draft 2020-12 does;
    #: "multiple_of" where it does not (draft-04 engines reject 2.0), so integers are
    #: written `{"type": "number", "multipleOf": 1}` and every engine agrees.
    integer: Literal["type", "multiple_of"]
    #: How a nullable type is spelt: a type array with "null", or OpenAPI 3.0's `nullable`.
    null: Literal["type_array", "nullable"]
    #: How sample values are written: JSON Schema `examples` (a list) or OpenAPI 3.0 `example`.
    example: Literal["examples", "example", "none"]
    #: How the conversion reads to a user, for docs/gateways.md.
    notes: str


DRAFT_07 = Dialect(
    name="draft-07",
    title="JSON Schema draft-07",
    consumers=("ajv (default import)", "KrakenD json-schema", "Apache APISIX request-validation"),
    schema_uri="http://json-schema.org/draft-07/schema#",
    id_keyword="$id",
    keywords=_CORE | _CONDITIONALS,
    annotations=frozenset({"title", "description", "default", "examples"}),
    exclusive_bounds="number",
    integer="type",
    null="type_array",
    example="examples",
    notes="`if`/`then` and `const` are kept as in the canonical schema; each conditional "
    "branch states the type it assumes, so ajv's strict mode compiles it without warnings.",
)

DRAFT_04 = Dialect(
    name="draft-04",
    title="JSON Schema draft-04",
    consumers=("Kong request-validator (draft4)", "Tyk classic validate_json", "ajv-draft-04"),
    schema_uri="http://json-schema.org/draft-04/schema#",
    id_keyword="id",
    keywords=_CORE,
    annotations=frozenset({"title", "description", "default"}),
    exclusive_bounds="boolean",
    integer="multiple_of",
    null="type_array",
    example="none",
    notes="`if A then B` becomes `anyOf: [{not: A}, B]` (the same verdicts), `const` a "
    "one-value `enum`, `exclusiveMinimum: 0` a boolean beside `minimum: 0`, and integers "
    "`{type: number, multipleOf: 1}`: draft-04 engines reject 2.0 as an integer, Draft "
    "2020-12 accepts it. ajv's `multipleOf` misjudges numbers of 1e21 and more, which "
    "only an absurd order_summary.item_count reaches.",
)

#: AWS API Gateway REST API models: draft-04 minus what AWS documents as unsupported in
#: models (`anyOf`, `additionalProperties`, `oneOf`, `exclusiveMinimum`, `discriminator`)
#: and minus `not`, which the contract's portability notes list as absent there too.
#: Dropping a keyword only loosens the file: a gateway that loads it never refuses a
#: valid order, and the library still reports what the gateway let through.
AWS_API_GATEWAY = Dialect(
    name="aws-apigateway",
    title="AWS API Gateway model (draft-04 subset)",
    consumers=("AWS API Gateway REST API request models",),
    schema_uri="http://json-schema.org/draft-04/schema#",
    id_keyword=None,
    keywords=_CORE - {"anyOf", "oneOf", "not", "additionalProperties"},
    annotations=frozenset({"title", "description"}),
    exclusive_bounds="inclusive",
    integer="multiple_of",
    null="type_array",
    example="none",
    notes="Draft-04 without what AWS documents as unsupported in models (`anyOf`, `oneOf`, "
    "`additionalProperties`, `exclusiveMinimum`) and without `not`. Conditions the schema "
    "already guarantees are merged in, so blank text and the UTC and range checks of "
    "date-times still hold; the other conditional rules, the unknown-field check and the "
    "newline guard are dropped. Dropping only loosens the file: the gateway never refuses "
    "a valid order, and the library reports what it let through.",
)

OPENAPI_30 = Dialect(
    name="openapi-3.0",
    title="OpenAPI 3.0 Schema Object",
    consumers=("Apigee OASValidation", "MuleSoft Flex", "Tyk OAS", "Azure API Management"),
    schema_uri=None,
    id_keyword=None,
    keywords=_CORE | {"nullable"},
    annotations=frozenset({"title", "description", "default", "example"}),
    exclusive_bounds="boolean",
    integer="multiple_of",
    null="nullable",
    example="example",
    notes="Schema Objects in OpenAPI 3.0 form: one `type` string, `nullable`, boolean "
    "exclusive bounds, `example` instead of `examples`, no `$schema`/`$id`/`const`; "
    "conditionals as `anyOf`/`not`, as in the draft-04 file.",
)

OPENAPI_31 = Dialect(
    name="openapi-3.1",
    title="OpenAPI 3.1 Schema Object (JSON Schema 2020-12)",
    consumers=("OpenAPI 3.1 tooling", "code generators", "contract tests"),
    schema_uri=None,
    id_keyword=None,
    keywords=_CORE | _CONDITIONALS,
    annotations=frozenset({"title", "description", "default", "examples"}),
    exclusive_bounds="number",
    integer="type",
    null="type_array",
    example="examples",
    notes="Schema Objects are JSON Schema 2020-12: the Order schema is the canonical one "
    "with its `$ref`s inlined.",
)


@dataclass(frozen=True)
class Artefact:
    """One generated file in schema/dist/: the order schema in a dialect, or an OpenAPI document."""

    filename: str
    dialect: Dialect
    form: Literal["schema", "openapi"]

    @property
    def limitations_filename(self) -> str:
        stem = self.filename.rsplit(".", 1)[0]
        return f"{stem}.limitations.json"


ARTEFACTS = (
    Artefact("order.draft-07.json", DRAFT_07, "schema"),
    Artefact("order.draft-04.json", DRAFT_04, "schema"),
    Artefact("order.aws-apigateway.json", AWS_API_GATEWAY, "schema"),
    Artefact("openapi-3.1.yaml", OPENAPI_31, "openapi"),
    Artefact("openapi-3.0.yaml", OPENAPI_30, "openapi"),
)
