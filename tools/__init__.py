"""Maintainer tools: generators for the files this repository ships besides the library."""
