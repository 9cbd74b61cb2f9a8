"""Run the conversation property test with 10,000 random event sequences (issue: safety).

Prints, as its last line, one JSON object: {"sequences": N, "passed": true|false, "seconds": …}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "bench"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_conversation_properties.py"],
        cwd=ROOT,
        env=env,
    )
    seconds = round(time.perf_counter() - started, 1)
    print(json.dumps({"sequences": 10_000, "passed": done.returncode == 0, "seconds": seconds}))


if __name__ == "__main__":
    main()
