"""Make sure the Debian packages the summary cards need are here (bot/cards, tests/test_cards*.py).

Printing cards: chromium (Playwright drives /usr/bin/chromium; it never downloads a browser) and
fonts-noto-core (Noto Naskh Arabic has every Pashto letter, Noto Sans the Latin ones). Checking them
as a person would (`--tests`): tesseract-ocr with tesseract-ocr-fas and tesseract-ocr-pus (reading the
card back), zbar-tools (decoding its QR codes) and poppler-utils (rasterising the PDFs).
When something is missing and we are root, install it from Debian's packages; otherwise say what is
missing and fail, so a test run never skips these checks silently. Nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys

FONTS = "/usr/share/fonts/truetype/noto"
TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")

# package -> how we know it is installed
FOR_PRINTING = {
    "chromium": lambda: os.path.exists("/usr/bin/chromium"),
    "fonts-noto-core": lambda: (
        os.path.exists(f"{FONTS}/NotoNaskhArabic-Regular.ttf") and os.path.exists(f"{FONTS}/NotoSans-Regular.ttf")
    ),
}
FOR_TESTS = {
    "tesseract-ocr": lambda: shutil.which("tesseract") is not None,
    "tesseract-ocr-fas": lambda: any(os.path.exists(f"{d}/fas.traineddata") for d in TESSDATA),
    "tesseract-ocr-pus": lambda: any(os.path.exists(f"{d}/pus.traineddata") for d in TESSDATA),
    "zbar-tools": lambda: shutil.which("zbarimg") is not None,
    "poppler-utils": lambda: shutil.which("pdftoppm") is not None and shutil.which("pdfinfo") is not None,
}


def missing(wanted: dict) -> list[str]:  # type: ignore[type-arg]
    return [package for package, present in wanted.items() if not present()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also what the card tests need (OCR, QR decoding)")
    args = parser.parse_args()
    wanted = FOR_PRINTING | (FOR_TESTS if args.tests else {})
    packages = missing(wanted)
    if not packages:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"missing Debian packages for the summary cards: {' '.join(packages)} (install them as root)")
    print(f"Installing Debian packages for the summary cards: {' '.join(packages)}")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env)
    still = missing(wanted)
    if still:
        sys.exit(f"installed, but still missing: {' '.join(still)}")


if __name__ == "__main__":
    main()
