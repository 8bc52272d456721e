"""Schema-first validation of ``POST /v1/orders`` (create or cancel a store-fulfilment order).

>>> from order_validation import validate
>>> validate({"order_status": "NEW"}).valid
False
"""

from ._parse import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from ._result import Issue, OrderValidationError, ValidationResult
from ._schema import load_headers_schema, load_schema
from ._validate import validate, validate_headers, validate_json
from ._version import __version__

SCHEMA_ID = "https://order-validation.example/schema/v1/order.schema.json"
"""The canonical schema's ``$id``; the path carries the contract version (v1)."""

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "SCHEMA_ID",
    "Issue",
    "OrderValidationError",
    "ValidationResult",
    "__version__",
    "load_headers_schema",
    "load_schema",
    "validate",
    "validate_headers",
    "validate_json",
]
