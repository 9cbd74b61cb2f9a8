"""Reading cards back the way a person sees them: QR codes with zbar, text with tesseract, pages with poppler.

The tools are Debian packages that `make test` installs (scripts/ensure_card_tools.py --tests); a test that
needs one fails when it is missing rather than skipping.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

ARTIFACTS = Path(__file__).parent / "artifacts"


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run `make test-card-tools` (scripts/ensure_card_tools.py --tests)"
    return path


def decode_qr(image: Path) -> list[str]:
    """Every QR code zbar finds in a PNG, as text."""
    done = subprocess.run(
        [tool("zbarimg"), "--quiet", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line for line in done.stdout.splitlines() if line]


def ocr(image: Path, languages: str) -> str:
    done = subprocess.run(
        [tool("tesseract"), str(image), "-", "-l", languages], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n"), "not a PNG"
    return struct.unpack(">II", data[16:24])


def pdf_pages(pdf: Path) -> tuple[int, str]:
    """(page count, page size as pdfinfo says it, e.g. "594.96 x 841.92 pts (A4)")."""
    info = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    return int(fields["Pages"]), fields["Page size"].strip()


def pdf_to_png(pdf: Path, dpi: int = 150) -> Path:
    """The first page as a PNG, as a printer would put it on paper."""
    stem = pdf.with_suffix("")
    subprocess.run([tool("pdftoppm"), "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return stem.with_suffix(".png")


def pdf_text(pdf: Path) -> str:
    return subprocess.run([tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
