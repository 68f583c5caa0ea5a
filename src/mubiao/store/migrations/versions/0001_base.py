"""Base schema: regions, documents and their versions, texts, sections, passages, records.

Revision ID: 0001
Revises:
Create Date: 2025-11-22

Frozen: this file spells the tables out instead of importing `schema.py`, so
that it builds the same database whatever later revisions change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _document_id(**kw: object) -> sa.Column:
    fk = sa.ForeignKey("documents.id", ondelete="CASCADE", name=None)
    return sa.Column("document_id", sa.Integer, fk, nullable=False, **kw)


def upgrade() -> None:
    op.create_table(
        "regions",
        _id(),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("level", sa.String(20), nullable=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("regions.id"), nullable=True),
        sa.Column("code", sa.String(12), nullable=True),
        sa.CheckConstraint("level IN ('national', 'province', 'city', 'county')", name="level"),
        sa.UniqueConstraint("name", name="uq_regions_name"),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("identity", sa.String(64), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("source_path", sa.Text, nullable=True),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("regions.id"), nullable=True),
        sa.Column("report_year", sa.Integer, nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_chars", sa.Integer, nullable=False),
        sa.Column("n_sections", sa.Integer, nullable=False),
        sa.Column("n_records", sa.Integer, nullable=False),
        sa.Column("folded", sa.Integer, nullable=False),
        sa.CheckConstraint("kind IN ('report', 'interpretation', 'communique', 'other')", name="kind"),
        sa.UniqueConstraint("identity", name="uq_documents_identity"),
    )
    op.create_index("ix_documents_region_id", "documents", ["region_id"])
    op.create_index("ix_documents_report_year", "documents", ["report_year"])
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_table(
        "document_versions",
        _id(),
        _document_id(),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("n_records", sa.Integer, nullable=False),
        sa.UniqueConstraint("document_id", "version", name="uq_document_versions_document_id_version"),
    )
    op.create_table(
        "document_texts",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("original", sa.Text, nullable=False),
    )
    op.create_table(
        "sections",
        _id(),
        _document_id(),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("path", sa.JSON, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
    )
    op.create_index("ix_sections_document_id", "sections", ["document_id"])
    op.create_table(
        "passages",
        _id(),
        _document_id(),
        sa.Column("section_id", sa.Integer, sa.ForeignKey("sections.id", ondelete="SET NULL"), nullable=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passages_document_id", "passages", ["document_id"])
    op.create_table(
        "records",
        _id(),
        _document_id(),
        sa.Column("section_id", sa.Integer, sa.ForeignKey("sections.id", ondelete="SET NULL"), nullable=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("doc", sa.String(500), nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("indicator", sa.Text, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("value_max", sa.Float, nullable=True),
        sa.Column("unit", sa.String(50), nullable=False),
        sa.Column("comparator", sa.String(10), nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("period_start", sa.Integer, nullable=True),
        sa.Column("section_path", sa.JSON, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("report_year", sa.Integer, nullable=True),
        sa.Column("number_text", sa.Text, nullable=False),
        sa.Column("extra", sa.JSON(none_as_null=True), nullable=True),
    )
    op.create_index("ix_records_document_id", "records", ["document_id"])
    op.create_index("ix_records_indicator", "records", ["indicator"])
    op.create_index("ix_records_year", "records", ["year"])


def downgrade() -> None:
    for table in ("records", "passages", "sections", "document_texts", "document_versions", "documents", "regions"):
        op.drop_table(table)
