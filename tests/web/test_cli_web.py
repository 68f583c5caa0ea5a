"""`mubiao demo --no-serve` and `mubiao serve` as a user runs them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import cli_env, run_cli
from tests.web.conftest import free_port


def test_demo_no_serve_ingests_samples(tmp_path: Path) -> None:
    run = run_cli("demo", "--no-serve", "--dir", str(tmp_path))
    assert run.returncode == 0, run.stderr
    db = tmp_path / "mubiao-demo.db"
    assert db.exists()
    assert f"sqlite:///{db}" in run.stdout
    assert "2 documents" in run.stdout and "targets (目标)" in run.stdout
    assert f"mubiao serve --db {db}" in run.stdout and "http://127.0.0.1:8000/" in run.stdout
    again = run_cli("demo", "--no-serve", "--dir", str(tmp_path))  # a fresh store each time
    assert again.returncode == 0 and "2 documents" in again.stdout


def test_demo_default_folder_is_temporary() -> None:
    run = run_cli("demo", "--no-serve")
    assert run.returncode == 0, run.stderr
    line = next(l for l in run.stdout.splitlines() if l.startswith("mubiao demo: store"))
    path = Path(line.split("sqlite:///", 1)[1])
    assert path.exists() and "mubiao-demo-" in str(path.parent)
    for leftover in path.parent.iterdir():
        leftover.unlink()
    path.parent.rmdir()


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    assert run_cli("demo", "--no-serve", "--dir", str(tmp_path)).returncode == 0
    port = free_port()
    command = [sys.executable, "-m", "mubiao", "serve", "--db", str(tmp_path / "mubiao-demo.db"), "--port", str(port)]
    server = subprocess.Popen(command, env=cli_env(MUBIAO_TOKEN=""), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=5) as response:
                    data = json.load(response)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError(f"server did not answer: {server.stderr.read() if server.poll() is not None else ''}")
                time.sleep(0.2)
        assert data["counts"]["documents"] == 2
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "概览" in response.read().decode()
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


def test_serve_bad_database_exits_2(tmp_path: Path) -> None:
    bogus = tmp_path / "not-a-db.db"
    bogus.write_text("hello", encoding="utf-8")
    run = run_cli("serve", "--db", str(bogus), "--port", str(free_port()))
    assert run.returncode == 2 and "E202" in run.stderr


def test_demo_served_leaves_no_temporary_folder(tmp_path: Path) -> None:
    """`mubiao demo` serving from its temporary folder removes it when the server stops (Ctrl-C)."""
    port = free_port()
    command = [sys.executable, "-m", "mubiao", "demo", "--port", str(port)]
    server = subprocess.Popen(command, env=cli_env(TMPDIR=str(tmp_path)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/overview", timeout=5):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError("the demo server did not answer") from None
                time.sleep(0.3)
        assert [p.name[:12] for p in tmp_path.iterdir()] == ["mubiao-demo-"]
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)
    assert list(tmp_path.iterdir()) == []
