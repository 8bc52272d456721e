"""Side-by-side speed measurements of ``order_validation`` and its JSON Schema peers (issue #6).

``python -m benchmarks.run`` (``make bench``) prints the table; nothing here is a test assertion.
"""
