"""Extraction: the quantitative records of a cleaned, outlined document."""

from mubiao.extract.records import extract_records, split_clauses

__all__ = ["extract_records", "split_clauses"]
