"""Fact extraction: pure functions from a decoded text to rows with provenance."""
