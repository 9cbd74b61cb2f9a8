"""Make sure a Redis answers for the tests: use the one on REDIS_TEST_URL, or start one.

The test suite talks to a real Redis. This machine kind usually runs one on 127.0.0.1:6379;
on a machine where none answers we start `redis-server` (installing it from Debian's
packages when it is missing and we are root), with no persistence, just for the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from urllib.parse import urlparse

import redis

URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/11")


def answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def install_redis_server() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit("redis-server is not installed and cannot be installed here; start a Redis and set REDIS_TEST_URL")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], check=True)


def start_redis(url: str) -> None:
    if not shutil.which("redis-server"):
        install_redis_server()
    parts = urlparse(url)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            parts.hostname or "127.0.0.1",
            "--port",
            str(parts.port or 6379),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
    )


def main() -> None:
    if answers(URL):
        return
    print(f"No Redis answers at {URL}; starting one.")
    start_redis(URL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if answers(URL):
            return
        time.sleep(0.1)  # waiting for a server we just started, not timing a test
    sys.exit(f"Redis did not come up at {URL}")


if __name__ == "__main__":
    main()
