"""Stored questionnaire versions: immutable, content-addressed, parsed once per process."""
