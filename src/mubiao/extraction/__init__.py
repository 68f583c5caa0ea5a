"""Extraction: the quantitative records of a cleaned, outlined document."""

from mubiao.extraction.records import extract_records, split_clauses

__all__ = ["extract_records", "split_clauses"]
