"""Adding a document through the dashboard: the write token, the size limit, one transaction.

Uploads are off unless the server was given a write token (`MUBIAO_TOKEN` or
`--token`). A file is read whole into memory up to the limit (and refused past
it), written to a private temporary folder under its own (sanitised) name, read
by the pipeline, and stored with `Store.add` in one transaction: a file the
pipeline cannot read raises before anything is written, so the store is left
exactly as it was. The document's source is `upload:NAME`, so uploading the
same file again for the same region and year changes nothing, and a changed
file becomes a new version.
"""

from __future__ import annotations

import hmac
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mubiao.errors import MubiaoError
from mubiao.load import DOCUMENT_SUFFIXES
from mubiao.store import Outcome, Store
from mubiao.store.engine import WRITE
from mubiao.store.ingest import write_prepared
from mubiao.store.schema import DOCUMENT_KINDS
from mubiao.web.reader import UploadReader

#: Default upload limit in bytes (20 MB); `create_app(max_upload=…)` / `--max-upload-mb` change it.
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\-（）()·、 ]+")


class UploadRefused(Exception):
    """An upload that is not stored, with the HTTP status and a message for the user."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class UploadResult:
    outcome: Outcome
    name: str

    def to_dict(self) -> dict[str, object]:
        o = self.outcome
        return {"name": self.name, "status": o.status, "document_id": o.document_id, "version": o.version,
                "records": o.records}


def check_token(configured: str | None, given: str | None) -> None:
    """Refuse (403) when uploads are off, (401) when the token is missing or wrong."""
    if not configured:
        raise UploadRefused(403, "上传功能未开启：启动服务时设置写入令牌（MUBIAO_TOKEN 或 --token）后才能添加文件。")
    if not given or not hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8")):
        raise UploadRefused(401, "写入令牌缺失或不正确。")


def safe_name(filename: str | None) -> str:
    """The file's base name without path parts or unusual characters."""
    name = Path((filename or "").replace("\\", "/")).name
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:120] or "upload.txt"


def too_large(limit: int) -> UploadRefused:
    return UploadRefused(413, f"文件太大：上限 {limit / 1024 / 1024:.0f} MB。")


def check_fields(name: str, year: int | None, kind: str | None) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        kinds = "、".join(sorted(DOCUMENT_SUFFIXES))
        raise UploadRefused(415, f"不支持的文件类型“{suffix or '无扩展名'}”：请上传 {kinds} 文件。", "E108")
    if year is not None and not 1949 <= year <= 2100:
        raise UploadRefused(422, f"年份 {year} 不合理：请填写报告的年份，例如 2021。")
    if kind and kind not in DOCUMENT_KINDS:
        raise UploadRefused(422, f"文件类型须为 {', '.join(DOCUMENT_KINDS)} 之一。")


def ingest_bytes(
    store: Store, content: bytes, filename: str | None, *, region: str | None, year: int | None, kind: str | None,
    max_bytes: int, reader: UploadReader | None = None, provenance: str | None = None,
) -> UploadResult:
    """Read and store one uploaded file; raises UploadRefused and leaves the store untouched on any problem.

    With a `reader`, the pipeline runs in its process (the server's way); without, in this one.
    """
    from mubiao.pipeline import read_document

    name = safe_name(filename)
    if len(content) > max_bytes:
        raise too_large(max_bytes)
    if not content:
        raise UploadRefused(422, "文件是空的。", "E103")
    check_fields(name, year, kind)
    source = f"upload:{name}"
    with tempfile.TemporaryDirectory(prefix="mubiao-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        try:
            if reader is not None:
                prepared = reader.read(str(path), source, store.dialect, region=region or None, year=year, kind=kind or None)
            else:
                document = read_document(path, region=region or None, year=year, kind=kind or None)
        except MubiaoError as err:
            raise UploadRefused(422, f"无法读取该文件：{err.reason}", err.code) from None
        except Exception as err:  # noqa: BLE001  a bug in a stage: say so, store nothing
            raise UploadRefused(422, f"无法读取该文件（内部错误 {type(err).__name__}）。", "E000") from None
    try:
        if reader is not None:
            with store.engine.connect().execution_options(**WRITE) as conn:
                outcome = write_prepared(conn, prepared, provenance=provenance)
            if outcome.status == "failed":
                raise RuntimeError(outcome.reason)
        else:
            outcome = store.add(document, source=source)
            if provenance and outcome.document_id is not None:
                store.set_provenance(outcome.document_id, provenance)
    except Exception as err:  # noqa: BLE001  the database refused it: say why
        detail = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise UploadRefused(500, f"数据库未能保存该文件：{detail}", "E200") from None
    return UploadResult(outcome, name)
