"""Every message mubiao shows a user about bad input, in one place.

Each error has a code (E1xx loading, E2xx store, E3xx server) so that messages
stay consistent and can be searched for in the docs and the issue tracker.
"""

from __future__ import annotations

from pathlib import Path


class MubiaoError(Exception):
    """Base class of errors a user can act on; `str()` is the message to show."""

    code = "E000"
    template = "{reason}"

    def __init__(self, path: str | Path | None = None, **details: object) -> None:
        self.path = str(path) if path is not None else None
        self.details = details
        reason = self.template.format(**details) if details or "{" not in self.template else self.template
        self.reason = reason
        prefix = f"{self.path}: " if self.path else ""
        super().__init__(f"{prefix}{reason} [{self.code}]")


class LoadError(MubiaoError):
    """A document could not be read."""

    code = "E100"


class MissingPath(LoadError):
    code = "E101"
    template = "no such file or folder"


class NoDocuments(LoadError):
    code = "E102"
    template = "folder holds no documents (.txt, .md, .html, .htm, .docx, .pdf)"


class EmptyDocument(LoadError):
    code = "E103"
    template = "file is empty or holds no text"


class BinaryFile(LoadError):
    code = "E104"
    template = "binary file, not a document ({detail})"


class UnknownEncoding(LoadError):
    code = "E105"
    template = "text encoding not recognised (tried UTF-8, UTF-16 and GB18030)"


class NoTextLayer(LoadError):
    code = "E106"
    template = "PDF has no text layer (a scan?); run OCR first"


class BrokenFile(LoadError):
    code = "E107"
    template = "cannot read {format} file: {detail}"


class UnsupportedFormat(LoadError):
    code = "E108"
    template = "unsupported file type {suffix!r} (use .txt, .md, .html, .docx or .pdf)"


class NotAFile(LoadError):
    code = "E109"
    template = "is a folder, not a file (give folders to a batch command)"


class TooSlow(LoadError):
    code = "E110"
    template = "reading it took longer than {seconds:g} s, the time budget per document; it was skipped"


class WorkerDied(LoadError):
    code = "E111"
    template = "the process reading it died ({detail}); the rest of the batch went on"


class TooLarge(LoadError):
    code = "E112"
    template = "{format} file expands to more than {limit_mb} MB of {part}; refused (a decompression bomb?)"


class TooDeep(LoadError):
    code = "E113"
    template = "{format} file nests deeper than {limit} levels; refused"


class Encrypted(BrokenFile):
    code = "E114"
    template = "PDF is encrypted with a password; save an unprotected copy first"


class NotText(LoadError):
    code = "E115"
    template = "the bytes do not read as Chinese or English text in any encoding tried ({detail})"


class BadText(LoadError):
    code = "E116"
    template = "text holds characters that cannot be stored ({detail})"


class StoreError(MubiaoError):
    """The store (database) cannot do what was asked; the CLI exits with status 2."""

    code = "E200"


class UnreachableDatabase(StoreError):
    code = "E201"
    template = "cannot open the database: {detail}"


class NotAMubiaoDatabase(StoreError):
    code = "E202"
    template = "not a mubiao database ({detail}); it was left untouched: choose another file with --db or MUBIAO_DB"


class NewerDatabase(StoreError):
    code = "E203"
    template = "the database has schema revision {revision}, unknown to this mubiao: upgrade mubiao"


class UnsupportedDatabase(StoreError):
    code = "E204"
    template = "unsupported database URL {scheme!r}: use a file path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DB"


class DocumentNotFound(StoreError):
    code = "E205"
    template = "no document with id {id} in the store"


class ExportError(StoreError):
    code = "E206"
    template = "{detail}"


class MigrationFailed(StoreError):
    code = "E207"
    template = "could not upgrade the database schema: {detail}"


class NoStore(StoreError):
    """A command that only reads was pointed at a store that does not exist (a mistyped --db)."""

    code = "E208"
    template = "no mubiao store here ({detail}); nothing was created. Make one with: mubiao ingest FILES… --db {where}"


class StoreLocked(StoreError):
    """Another program holds the SQLite store's write lock longer than a batch will wait in all."""

    code = "E209"
    template = ("the store is locked by another program (waited {waited:.0f} s in all for it); "
                "nothing of this document was stored: run the ingest again when the other program is done")


class DocumentClash(StoreError):
    """A correction would make a document the copy of another from the same source (same region and year)."""

    code = "E210"
    template = ("document {id} cannot become {what}: document {other} from the same source already is; "
                "remove one of them first (mubiao documents remove ID)")


# E3xx: the web server and its API (the code of every error answer, `"code"` in JSON)


class ServerError(MubiaoError):
    """A request the server cannot answer as asked."""

    code = "E300"


class NotFound(ServerError):
    code = "E301"
    template = "no such page, document, record or verdict"


class BadParameter(ServerError):
    code = "E302"
    template = "a parameter is missing, malformed or out of range"


class NotAllowed(ServerError):
    code = "E303"
    template = "writing needs the server's write token"


class UploadTooLarge(ServerError):
    code = "E304"
    template = "the upload is larger than the server accepts"


#: The code of an error answer by its HTTP status, where the error itself names none.
HTTP_STATUS_CODES: dict[int, str] = {
    404: NotFound.code, 405: NotFound.code, 400: BadParameter.code, 422: BadParameter.code,
    401: NotAllowed.code, 403: NotAllowed.code, 413: UploadTooLarge.code,
}


# E4xx: tracking (mubiao track, diff, compare, indicators map, outcome)


class TrackingError(MubiaoError):
    """The tracker cannot do what was asked (a bad argument or input); the CLI exits with status 2."""

    code = "E400"


class UnknownCanonical(TrackingError):
    code = "E401"
    template = "{name!r} is not a canonical indicator; `mubiao indicators` lists the names and ids"


class NoReportYear(TrackingError):
    code = "E402"
    template = "no document of {region} with report year {year} in the store ({known})"


class BadOutcome(TrackingError):
    """One outcome (a command's values or a row of a file) that cannot be stored."""

    code = "E403"
    template = "{detail}"


class BadOutcomeFile(TrackingError):
    code = "E404"
    template = "{detail}"


class UnknownMapping(TrackingError):
    code = "E405"
    template = "no stored mapping for {raw!r}; `mubiao indicators mappings` lists them"


# E5xx: names a user gives (--region …)


class UnknownRegion(MubiaoError):
    """A region name that is neither in the division table nor in the store."""

    code = "E501"
    template = "unknown region {name!r}: not a region of China's divisions nor one stored{hint}"

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        self.suggestions = tuple(suggestions)
        hint = f" (did you mean {', '.join(self.suggestions)}?)" if self.suggestions else "; give its full name, e.g. 湖南省 or 衡阳市"
        super().__init__(name=name, hint=hint)
