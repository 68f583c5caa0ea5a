"""Migrations: an older store is upgraded on open, its data kept; the schema matches `schema.py`."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from mubiao.store import Store
from mubiao.store.engine import (
    WRITE,
    alembic_config,
    connect,
    current_revision,
    head_revision,
    migrate,
)
from mubiao.store.schema import PASSAGES_FTS, VERSION_TABLE, metadata
from mubiao.store.text import bigrams


def _fill_base_schema(db_url: str) -> None:
    """A store as mubiao's first schema (revision 0001) made it, with one document in it."""
    engine = connect(db_url)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    now = "2024-01-02 03:04:05"
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO regions (id, name, level) VALUES (1, '衡阳市', 'city')"))
        conn.execute(
            text(
                "INSERT INTO documents (id, identity, name, source_path, region_id, report_year, kind, title, format,"
                " content_hash, version, ingested_at, n_chars, n_sections, n_records, folded)"
                " VALUES (1, 'k', 'old.txt', NULL, 1, 2019, 'report', '2019年政府工作报告', 'txt', 'h', 1, :now,"
                " 30, 1, 1, 0)"
            ),
            {"now": now},
        )
        conn.execute(
            text("INSERT INTO document_texts (document_id, text, original) VALUES (1, :t, :t)"),
            {"t": "一、工作回顾\n打好污染防治攻坚战，脱贫3万人。"},
        )
        conn.execute(
            text(
                "INSERT INTO sections (id, document_id, position, level, title, path, start_char, end_char)"
                " VALUES (1, 1, 0, 1, '一、工作回顾', :path, 0, 23)"
            ),
            {"path": json.dumps(["一、工作回顾"], ensure_ascii=False)},
        )
        conn.execute(
            text(
                "INSERT INTO passages (id, document_id, section_id, position, start_char, end_char, text)"
                " VALUES (1, 1, 1, 0, 7, 23, '打好污染防治攻坚战，脱贫3万人。')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO records (id, document_id, section_id, position, doc, quote, kind, indicator, value,"
                " value_max, unit, comparator, measure, year, period_start, section_path, start_char, end_char,"
                " region, report_year, number_text, extra)"
                " VALUES (1, 1, 1, 0, 'old.txt', '脱贫3万人', 'achievement', '脱贫', 3, NULL, '万人', '=',"
                " 'increment', 2018, NULL, :path, 17, 22, '衡阳市', 2019, '3万人', NULL)"
            ),
            {"path": json.dumps(["一、工作回顾"], ensure_ascii=False)},
        )
    engine.dispose()


def test_migrations_base_store_is_upgraded_and_keeps_its_data(db_url: str) -> None:
    _fill_base_schema(db_url)
    with Store(db_url) as store:
        assert store.revision == head_revision()
        frame = store.records()
        assert frame["quote"].tolist() == ["脱贫3万人"]
        # the column 0003 added, filled when the store is first opened with a vocabulary (0007's stamp)
        assert frame["canonical"].tolist() == ["贫困人口脱贫"]
        assert store.document(1).title == "2019年政府工作报告"
        hits = store.search("污染防治")  # the index 0002 built from the old passages
        assert [h.document for h in hits] == ["old.txt"]
        assert store.search("脱贫")[0].section == ("一、工作回顾",)
        assert store.set_canonical({1: None}) == 1
        assert store.records()["canonical"].isna().all()


def test_migrations_second_revision_adds_the_search_index(db_url: str) -> None:
    engine = connect(db_url)
    migrate(engine, "0001")
    with engine.connect() as conn:
        before = set(inspect(conn).get_table_names())
        assert "canonical" not in {c["name"] for c in inspect(conn).get_columns("records")}
    migrate(engine, "0002")
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert PASSAGES_FTS in set(inspect(conn).get_table_names()) - before
        else:
            indexes = {i["name"] for i in inspect(conn).get_indexes("passages")}
            assert "ix_passages_search_vector" in indexes
            assert "search_vector" in {c["name"] for c in inspect(conn).get_columns("passages")}
    engine.dispose()


def test_migrations_head_matches_schema_module(store: Store) -> None:
    # The search index is per database (FTS5 tables, a pg_trgm index): migration 0002, not schema.py.
    search_index = (PASSAGES_FTS, VERSION_TABLE, "ix_passages_search_vector", "search_vector")

    def ours(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        return not (name or "").startswith(search_index)

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_migrations_downgrade_and_upgrade_again(db_url: str) -> None:
    Store(db_url).close()
    engine = connect(db_url)
    with engine.connect().execution_options(**WRITE) as conn, conn.begin():
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert current_revision(engine) == "0001"
    engine.dispose()
    with Store(db_url) as store:
        assert store.revision == head_revision()


def _indexed_terms(engine: Engine, rowid: int) -> list[str]:
    """The terms the FTS5 index holds for one passage, in order (SQLite)."""
    with engine.begin() as conn:
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, {PASSAGES_FTS}, instance)"))
        rows = conn.execute(text("SELECT term FROM temp.terms WHERE doc = :id ORDER BY offset"), {"id": rowid}).all()
    return [r.term for r in rows]


def test_migrations_sixth_revision_reindexes_passages_with_the_current_terms(tmp_path: Path) -> None:
    # SQLite only: PostgreSQL keeps each passage's terms in its own row, valid in both forms
    db_url = f"sqlite:///{tmp_path / 'old.db'}"
    _fill_base_schema(db_url)
    engine = connect(db_url)
    migrate(engine, "0005")
    legacy = importlib.import_module("mubiao.store.migrations.versions.0006_search_terms").legacy_bigrams
    with engine.begin() as conn:  # the index as the code before 0006 wrote it
        conn.execute(text(f"INSERT INTO {PASSAGES_FTS} ({PASSAGES_FTS}) VALUES ('delete-all')"))
        conn.execute(text(f"INSERT INTO {PASSAGES_FTS} (rowid, bigrams) SELECT id, :g FROM passages"), {"g": legacy("打好污染防治攻坚战，脱贫3万人。")})
    assert "脱" in _indexed_terms(engine, 1)  # from the pair "，脱"
    migrate(engine, "head")
    assert _indexed_terms(engine, 1) == bigrams("打好污染防治攻坚战，脱贫3万人。").split()
    engine.dispose()
    with Store(db_url) as store:
        assert [h.document for h in store.search("脱贫")] == ["old.txt"]
        assert [h.document for h in store.search("人")] == ["old.txt"]
