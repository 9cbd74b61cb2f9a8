"""Run the Dockerfile's steps without Docker, then check what the runtime image would hold and do.

Docker does not run on the development machines, so this replays the build as closely as plain processes allow:

- Each stage gets a fresh root directory; an absolute container path such as /venv or /app maps into it (system
  paths like /usr or /tmp stay the host's). Finished stages are kept aside for `COPY --from`, and every stage is
  built at the same host path, so a venv made in the builder works after it is copied, as it does in Docker.
- A fresh venv stands in for the base image's Python: RUN commands find `python` and `pip` there first.
- WORKDIR, ENV (with $VAR expansion) and COPY (honouring .dockerignore, without `!` exceptions) are applied;
  RUN commands run with `sh -c` in the mapped WORKDIR. Commands that change the operating system (useradd,
  apt-get, ...) are not run here and are listed as skipped.

Then it checks the runtime stage: the `rahnama` entry point imports, every language has a compiled catalogue,
`rahnama content check` passes with the image's environment (CONTENT_STRICT=1), the file declares a non-root
USER it creates and a HEALTHCHECK; and, if `rahnama --help` lists `serve`, it starts the CMD against a fake Bot
API, runs the HEALTHCHECK command until it reports healthy, asks /readyz, and checks that the server's output
holds no secret.

Usage: .venv/bin/python scripts/check_dockerfile.py [--keep] [--redis-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import fnmatch
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_DIRS = {"bin", "dev", "etc", "lib", "lib64", "proc", "root", "run", "sbin", "sys", "tmp", "usr", "var", "home"}
OS_COMMANDS = {"useradd", "adduser", "groupadd", "addgroup", "apt-get", "apt", "apk", "chown", "usermod"}
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"


@dataclass
class Instruction:
    keyword: str
    args: str
    line: int


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[Instruction] = field(default_factory=list)


class CheckFailed(Exception):
    pass


# --- reading the Dockerfile -------------------------------------------------------------------------------------


def parse(text: str) -> list[Stage]:
    """Instructions grouped by stage; comments dropped, backslash continuations joined."""
    stages: list[Stage] = []
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if pending and stripped.startswith("#"):
            continue  # Docker drops comment lines inside a continued instruction
        start = start or number
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        keyword, _, args = (pending + stripped).partition(" ")
        pending, line, start = "", start, 0
        keyword = keyword.upper()
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(stages))
            stages.append(Stage(name, words[0]))
        elif not stages:
            if keyword != "ARG":
                raise CheckFailed(f"line {line}: {keyword} before any FROM")
        else:
            stages[-1].instructions.append(Instruction(keyword, args.strip(), line))
    if not stages:
        raise CheckFailed("no FROM in the Dockerfile")
    return stages


def parse_env(args: str) -> dict[str, str]:
    words = shlex.split(args)
    if words and "=" not in words[0]:  # legacy form: ENV KEY value with spaces
        return {words[0]: args.split(None, 1)[1] if len(words) > 1 else ""}
    return dict(word.split("=", 1) for word in words)


def split_flags(args: str) -> tuple[dict[str, str], list[str]]:
    """`--from=builder --chown=x a b` -> ({"from": "builder", "chown": "x"}, ["a", "b"])."""
    words, flags = shlex.split(args), {}
    while words and words[0].startswith("--"):
        key, _, value = words.pop(0)[2:].partition("=")
        flags[key] = value
    return flags, words


def exec_or_shell(args: str) -> list[str]:
    """CMD/HEALTHCHECK CMD/RUN arguments as argv: JSON exec form as is, shell form through sh -c."""
    if args.startswith("["):
        import json

        return list(json.loads(args))
    return ["/bin/sh", "-c", args]


# --- replaying a stage --------------------------------------------------------------------------------------------


class Rootfs:
    """A stage's filesystem: container paths outside SYSTEM_DIRS live under `root`."""

    def __init__(self, root: Path, base_env: dict[str, str] | None = None) -> None:
        self.root = root
        self.workdir = "/"
        self.env: dict[str, str] = {}  # the stage's ENV, paths already mapped to the host
        self.base_env = base_env or {}  # what the base image's environment stands for

    def host(self, container_path: str) -> Path:
        path = container_path if container_path.startswith("/") else f"{self.workdir.rstrip('/')}/{container_path}"
        parts = Path(os.path.normpath(path)).parts[1:]
        if parts and parts[0] in SYSTEM_DIRS:
            return Path("/", *parts)
        return self.root.joinpath(*parts)

    def translate(self, text: str) -> str:
        """Rewrite absolute container paths (e.g. /venv/bin/pip) in a command or a value to host paths."""

        def mapped(match: re.Match[str]) -> str:
            first = match.group(1).split("/")[1]
            return match.group(1) if first in SYSTEM_DIRS else str(self.host(match.group(1)))

        return re.sub(r"(?<![\w.$~/-])(/[A-Za-z0-9_.][\w./-]*)", mapped, text)

    def set_env(self, key: str, value: str) -> None:
        """Map the value's container paths, then expand $VAR/${VAR} (this stage's ENV first, then the base's)."""
        scope = {**self.base_env, **self.env}
        self.env[key] = re.sub(r"\$\{?(\w+)\}?", lambda m: scope.get(m.group(1), ""), self.translate(value))

    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return {**self.base_env, **self.env, **(extra or {})}


def ignored_by(patterns: list[str]) -> Callable[[str, list[str]], set[str]]:
    def ignore(directory: str, names: list[str]) -> set[str]:
        rel_dir = os.path.relpath(directory, ROOT)
        out = set()
        for name in names:
            rel = os.path.normpath(os.path.join(rel_dir, name))
            for pattern in patterns:
                bare = pattern[3:] if pattern.startswith("**/") else None
                if fnmatch.fnmatch(rel, pattern) or (bare and fnmatch.fnmatch(name, bare)):
                    out.add(name)
        return out

    return ignore


def dockerignore() -> list[str]:
    path = ROOT / ".dockerignore"
    if not path.exists():
        return []
    lines = [line.strip() for line in path.read_text().splitlines()]
    return [line.rstrip("/") for line in lines if line and not line.startswith("#") and not line.startswith("!")]


def copy_into(
    sources: list[Path], dest: Path, dest_is_dir: bool, ignore: Callable[[str, list[str]], set[str]] | None
) -> None:
    """Docker's COPY: a directory's contents go into dest; files go into dest/ when it names a directory."""
    for src in sources:
        if not src.exists():
            raise CheckFailed(f"COPY source {src} does not exist")
        if src.is_dir():
            shutil.copytree(src, dest, ignore=ignore, dirs_exist_ok=True, symlinks=True)
        else:
            target = dest / src.name if dest_is_dir else dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def run_stage(stage: Stage, fs: Rootfs, done: dict[str, Path], report: list[str]) -> None:
    ignore = ignored_by(dockerignore())
    for ins in stage.instructions:
        where = f"{stage.name}:{ins.line} {ins.keyword}"
        if ins.keyword == "WORKDIR":
            fs.workdir = ins.args if ins.args.startswith("/") else f"{fs.workdir.rstrip('/')}/{ins.args}"
            fs.host(fs.workdir).mkdir(parents=True, exist_ok=True)
        elif ins.keyword == "ENV":
            for key, value in parse_env(ins.args).items():
                fs.set_env(key, value)
        elif ins.keyword == "COPY":
            flags, words = split_flags(ins.args)
            *srcs, dest = words
            if "from" in flags:  # a finished stage, kept aside under its name
                sources = [Rootfs(done[flags["from"]]).host(s) for s in srcs]
            else:
                sources = [ROOT / s for s in srcs]
            dest_is_dir = dest.endswith("/") or len(srcs) > 1
            copy_into(sources, fs.host(dest), dest_is_dir, ignore if "from" not in flags else None)
            print(f"  {where} {ins.args}")
        elif ins.keyword == "RUN":
            command = ins.args
            first = shlex.split(command)[0] if not command.startswith("[") else ""
            if first in OS_COMMANDS:
                report.append(f"skipped (changes the OS image, not replayed): {where} {command}")
                print(f"  {where} skipped, OS change: {command}")
                continue
            print(f"  {where} {command}")
            argv = exec_or_shell(fs.translate(command))
            done_run = subprocess.run(argv, cwd=fs.host(fs.workdir), env=fs.environ(), capture_output=True, text=True)
            if done_run.returncode != 0:
                raise CheckFailed(f"{where} failed ({done_run.returncode}):\n{done_run.stdout}{done_run.stderr}")
        elif ins.keyword in ("USER", "HEALTHCHECK", "CMD", "EXPOSE", "LABEL", "ARG", "ENTRYPOINT", "STOPSIGNAL"):
            continue  # checked on the final stage, or metadata only
        else:
            raise CheckFailed(f"{where}: instruction not supported by this check")


def build(stages: list[Stage], work: Path, base_python: Path) -> tuple[Rootfs, list[str]]:
    """Replay every stage; return the final stage's filesystem (at work/rootfs) and what was skipped."""
    report: list[str] = []
    done: dict[str, Path] = {}
    base_env = {
        "PATH": f"{base_python / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(work / "home"),
        "LANG": "C.UTF-8",
    }
    base_env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})  # the machine's package index
    fs = Rootfs(work / "rootfs", base_env)
    for index, stage in enumerate(stages):
        fs = Rootfs(work / "rootfs", base_env)  # the same host path for every stage: venvs survive COPY --from
        fs.root.mkdir(parents=True)
        print(f"stage {stage.name} (FROM {stage.base}; its Python: a fresh venv)")
        run_stage(stage, fs, done, report)
        if index < len(stages) - 1:
            kept = work / "stages" / stage.name
            kept.parent.mkdir(exist_ok=True)
            fs.root.rename(kept)
            done[stage.name] = kept
    return fs, report


# --- checking the runtime image ------------------------------------------------------------------------------------


def run_in_image(fs: Rootfs, argv: list[str], extra: dict[str, str] | None = None, timeout: float = 120) -> str:
    env = fs.environ(extra)
    argv = [fs.translate(a) for a in argv]
    if not argv[0].startswith("/"):
        found = shutil.which(argv[0], path=env["PATH"])
        if found is None:
            raise CheckFailed(f"{argv[0]} is not on the image's PATH ({env['PATH']})")
        argv[0] = found
    done = subprocess.run(argv, cwd=fs.host(fs.workdir), env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def final_metadata(stage: Stage) -> dict[str, list[Instruction]]:
    meta: dict[str, list[Instruction]] = {}
    for ins in stage.instructions:
        meta.setdefault(ins.keyword, []).append(ins)
    return meta


def check_user(stage: Stage) -> str:
    users = final_metadata(stage).get("USER", [])
    if not users:
        raise CheckFailed("the runtime stage has no USER: it would run as root")
    user = users[-1].args.split(":")[0]
    if user in ("root", "0"):
        raise CheckFailed(f"the runtime stage runs as {user}")
    created = any(
        ins.keyword == "RUN" and re.search(rf"\b(useradd|adduser)\b.*\b{re.escape(user)}\b", ins.args)
        for ins in stage.instructions
    )
    if not created and not user.isdigit():
        raise CheckFailed(f"USER {user} is never created in the runtime stage")
    return user


def healthcheck_argv(stage: Stage) -> list[str]:
    checks = final_metadata(stage).get("HEALTHCHECK", [])
    if not checks or checks[-1].args.upper() == "NONE":
        raise CheckFailed("the runtime stage has no HEALTHCHECK")
    args = checks[-1].args
    while args.startswith("--"):
        args = args.split(None, 1)[1]
    keyword, _, command = args.partition(" ")
    if keyword.upper() != "CMD":
        raise CheckFailed(f"HEALTHCHECK must be followed by CMD: {checks[-1].args}")
    return exec_or_shell(command.strip())


def check_catalogues(fs: Rootfs) -> list[str]:
    expected = sorted(p.parent.parent.name for p in (ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))
    locales = Path(fs.env["LOCALES_DIR"]) if "LOCALES_DIR" in fs.env else fs.host("locales")
    missing = [lang for lang in expected if not (locales / lang / "LC_MESSAGES" / "messages.mo").is_file()]
    if missing:
        raise CheckFailed(f"no compiled catalogue in the image for {missing} (under {locales})")
    leftovers = [str(p.relative_to(locales)) for p in locales.rglob("*") if p.is_file() and p.suffix != ".mo"]
    if leftovers:
        raise CheckFailed(f"the image carries catalogue sources it does not need: {leftovers}")
    return expected


# --- starting the server ----------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fake_bot_api() -> Iterator[object]:
    """The tests' fake Bot API (answers getMe, setWebhook, ...) on its own event loop in a thread."""
    sys.path.insert(0, str(ROOT))
    from tests.fake_bot_api import FakeBotAPI

    loop = asyncio.new_event_loop()
    fake = FakeBotAPI(token="123456:CHECK-dockerfile-fake-token")
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(30)
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def with_port(argv: list[str], port: int) -> list[str]:
    """The CMD with its --port replaced: a fixed port may be taken on a shared machine."""
    out = list(argv)
    if "--port" in out:
        out[out.index("--port") + 1] = str(port)
    return out


def serve_until_healthy(fs: Rootfs, stage: Stage, redis_url: str, timeout: float = 60) -> list[str]:
    cmds = final_metadata(stage).get("CMD", [])
    if not cmds:
        raise CheckFailed("the runtime stage has no CMD")
    port = free_port()
    argv = with_port(exec_or_shell(cmds[-1].args), port)
    probe = healthcheck_argv(stage)
    notes = []
    with fake_bot_api() as fake:
        extra = {
            "TELEGRAM_BOT_TOKEN": fake.token,  # type: ignore[attr-defined]
            "TELEGRAM_API_BASE_URL": fake.base_url,  # type: ignore[attr-defined]
            "WEBHOOK_SECRET": "check-dockerfile-secret",
            "PUBLIC_URL": "https://rahnama.example.org",
            "REDIS_URL": redis_url,
            "REDIS_PREFIX": "check-dockerfile:",
            "PSEUDONYM_KEY": "check-dockerfile-key",
            "PORT": str(port),
        }
        env = fs.environ(extra)
        argv[0] = shutil.which(argv[0], path=env["PATH"]) or argv[0]
        if subprocess.run(probe, env=env, capture_output=True, timeout=10).returncode == 0:
            raise CheckFailed(f"the HEALTHCHECK passes with no server on port {port}: it checks nothing")
        print(f"  starting the CMD on port {port} (the image's 8080 may be taken here): {' '.join(argv)}")
        server = subprocess.Popen(
            argv, cwd=fs.host(fs.workdir), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            started = time.monotonic()
            while True:
                if server.poll() is not None:
                    raise CheckFailed(f"the server exited ({server.returncode}):\n{server.stdout.read()}")
                if subprocess.run(probe, env=env, capture_output=True, timeout=10).returncode == 0:
                    notes.append(f"HEALTHCHECK healthy after {time.monotonic() - started:.1f} s")
                    break
                if time.monotonic() - started > timeout:
                    raise CheckFailed(f"HEALTHCHECK still failing after {timeout:.0f} s")
                time.sleep(0.5)
            notes.append(readiness(port))
            hooks = [r for r in fake.requests if r.method == "setWebhook"]  # type: ignore[attr-defined]
            notes.append(
                f"setWebhook called: {hooks[-1].params.get('url')}" if hooks else "setWebhook was not called (yet)"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(20)
                notes.append(f"the server stopped on SIGTERM (exit {server.returncode})")
            except subprocess.TimeoutExpired:
                server.kill()
                notes.append("the server ignored SIGTERM for 20 s and was killed")
        output = server.stdout.read() if server.stdout else ""
        for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "PSEUDONYM_KEY"):
            if extra[name] in output:
                raise CheckFailed(f"the server's output contains {name}:\n{output}")
        notes.append("the server's output holds no token, webhook secret or pseudonym key")
    forget_keys(redis_url, extra["REDIS_PREFIX"])
    return notes


def forget_keys(redis_url: str, prefix: str) -> None:
    """Leave the Redis database as found: delete what the server wrote under its own prefix."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=prefix + "*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def readiness(port: int) -> str:
    """/readyz must answer 200 in the image (Redis, content, catalogues); a missing route is only reported."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as answer:
            return f"/readyz: {answer.status} {answer.read(200).decode(errors='replace')}"
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return "/readyz: no such route (not checked)"
        raise CheckFailed(f"/readyz answered {error.code}: {error.read(500).decode(errors='replace')}") from None


# --- main -------------------------------------------------------------------------------------------------------


def check(work: Path, redis_url: str) -> list[str]:
    stages = parse((ROOT / "Dockerfile").read_text())
    final = stages[-1]
    results = [f"non-root USER {check_user(final)}", f"HEALTHCHECK {' '.join(healthcheck_argv(final))[:60]}…"]
    if final.base.split(":")[-1] in ("latest", final.base):
        raise CheckFailed(f"the base image is not pinned: {final.base}")
    base_python = work / "base-python"
    subprocess.run([sys.executable, "-m", "venv", str(base_python)], check=True)
    fs, skipped = build(stages, work, base_python)
    results += skipped
    run_in_image(fs, ["python", "-c", "import bot.cli; from bot.cli import main"])
    help_text = run_in_image(fs, ["rahnama", "--help"])
    results.append("entry point `rahnama` imports and runs --help")
    results.append(f"compiled catalogues: {', '.join(check_catalogues(fs))}")
    if fs.env.get("CONTENT_STRICT") not in ("1", "true", "True"):
        raise CheckFailed("the image does not set CONTENT_STRICT=1")
    results.append("content check (CONTENT_STRICT=1): " + run_in_image(fs, ["rahnama", "content", "check"]).strip())
    if re.search(r"\bserve\b", help_text):
        results += serve_until_healthy(fs, final, redis_url)
    else:
        results.append("SKIPPED the serve step: `rahnama --help` lists no `serve` command in this tree")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary build directory")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_TEST_URL", DEFAULT_REDIS))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="check-dockerfile-"))
    started = time.monotonic()
    try:
        results = check(work, args.redis_url)
    except (CheckFailed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"\nDockerfile check FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nDockerfile check passed in {time.monotonic() - started:.0f} s:")
    for line in results:
        print(f"  - {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
