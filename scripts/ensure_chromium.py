"""Make sure Debian's Chromium is there for the admin page's browser test (tests/test_admin_page_browser.py).

Playwright drives the system browser at /usr/bin/chromium; it never downloads one of its own.
When it is missing and we are root, install it from Debian's packages; otherwise say so and let the
browser test skip with that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    if os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"note: {CHROMIUM} is missing and cannot be installed here; the browser test will be skipped")
        return
    print("Installing Debian's chromium for the admin page's browser test.")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], check=True, env=env)
    if not os.path.exists(CHROMIUM):
        sys.exit(f"chromium installed but {CHROMIUM} is not there")


if __name__ == "__main__":
    main()
