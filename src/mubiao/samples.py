"""The sample reports shipped with the package, for demos and first steps."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: Sample file name → (region, report year).
SAMPLES = {
    "2017_衡阳市政府工作报告.txt": ("衡阳市", 2017),
    "2021_衡阳市政府工作报告.txt": ("衡阳市", 2021),
}


def sample_paths() -> list[Path]:
    """Paths of the bundled sample reports, oldest first."""
    folder = resources.files("mubiao").joinpath("sample_reports")
    return [Path(str(folder.joinpath(name))) for name in SAMPLES]
