"""Opening a store: where it is, what is refused (untouched), and what is set up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mubiao.errors import (
    NewerDatabase,
    NotAMubiaoDatabase,
    UnreachableDatabase,
    UnsupportedDatabase,
)
from mubiao.store import Store, default_url
from mubiao.store.engine import connect, head_revision
from tests.conftest import run_cli
from tests.store.conftest import make_document


def test_engine_default_url_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MUBIAO_DB", raising=False)
    monkeypatch.delenv("MUBIAO_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_url() == f"sqlite:///{tmp_path / 'xdg' / 'mubiao' / 'mubiao.db'}"
    monkeypatch.setenv("MUBIAO_HOME", str(tmp_path / "home"))
    assert default_url() == f"sqlite:///{tmp_path / 'home' / 'mubiao.db'}"
    monkeypatch.setenv("MUBIAO_DB", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("MUBIAO_DB", str(tmp_path / "x.db"))
    assert default_url() == f"sqlite:///{tmp_path / 'x.db'}"


def test_engine_default_store_is_created_in_its_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MUBIAO_DB", raising=False)
    monkeypatch.setenv("MUBIAO_HOME", str(tmp_path / "new" / "home"))
    with Store() as store:
        assert store.revision == head_revision()
    assert (tmp_path / "new" / "home" / "mubiao.db").is_file()


def test_engine_new_database_is_at_newest_revision(store: Store) -> None:
    assert store.revision == head_revision()
    assert store.documents().empty


def test_engine_reopening_keeps_data(db_url: str) -> None:
    with Store(db_url) as store:
        store.add(make_document())
    with Store(db_url) as again:
        assert len(again.documents()) == 1
        assert len(again.records()) == 1


def test_engine_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(UnreachableDatabase, match=r"cannot open the database.*\[E201\]"):
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing")


def test_engine_unreachable_error_hides_password() -> None:
    with pytest.raises(UnreachableDatabase) as caught:
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value)


def test_engine_sqlite_in_missing_folder_is_unreachable(tmp_path: Path) -> None:
    with pytest.raises(UnreachableDatabase, match="does not exist"):
        Store(str(tmp_path / "no" / "such" / "folder" / "x.db"))


def test_engine_unsupported_url_is_refused() -> None:
    with pytest.raises(UnsupportedDatabase, match="E204"):
        Store("mysql://u@h/db")


def _foreign_sqlite(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_engine_other_apps_sqlite_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    before = _foreign_sqlite(path)
    with pytest.raises(NotAMubiaoDatabase, match="photos"):
        Store(str(path))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]  # no -wal, -shm or journal


def test_engine_text_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库。\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NotAMubiaoDatabase, match="not a SQLite database"):
        Store(str(path))
    assert path.read_bytes() == before


def test_engine_foreign_database_refused_by_cli_with_status_2(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    before = _foreign_sqlite(path)
    result = run_cli("records", "--db", str(path))
    assert result.returncode == 2
    assert "not a mubiao database" in result.stderr and "E202" in result.stderr
    assert path.read_bytes() == before


def test_engine_unreachable_database_cli_status_2() -> None:
    result = run_cli("documents", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert result.returncode == 2
    assert "cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_engine_foreign_postgres_database_is_refused(pg_url: str) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id serial PRIMARY KEY)"))
    with pytest.raises(NotAMubiaoDatabase, match="invoices"):
        Store(pg_url)
    with engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
    engine.dispose()
    assert tables == ["invoices"]


def test_engine_unknown_revision_is_refused(db_url: str) -> None:
    Store(db_url).close()
    engine = connect(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE mubiao_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(NewerDatabase, match="9999_future"):
        Store(db_url)
