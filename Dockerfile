# Rahnama: the webhook server (`rahnama serve`) in one container, next to Redis (see compose.yaml, docs/deploy.md).
#
# The base image is pinned by its exact tag. A digest pins harder (the tag can be re-pushed with security fixes);
# the development machines cannot reach a registry to read it, so add it when deploying:
#   docker buildx imagetools inspect python:3.11.7-slim-bookworm   ->  FROM python:3.11.7-slim-bookworm@sha256:…
# `make check-dockerfile` runs this file's steps outside Docker (scripts/check_dockerfile.py): keep the RUN
# commands plain shell, with absolute container paths, so that script can replay them.

# --- builder: the package and its dependencies in a venv, and the compiled catalogues -------------------------
FROM python:3.11.7-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /venv
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
RUN /venv/bin/pip install --quiet .
COPY locales ./locales
# Fuzzy entries are guesses, not translations: they are left out of the compiled catalogues.
RUN /venv/bin/pybabel compile --statistics -d locales
# Only the compiled catalogues go to the runtime image; translators' .po/.pot files stay here.
RUN mkdir -p /out && cp -r locales /out/locales && find /out/locales -type f ! -name '*.mo' -delete

# --- runtime: the venv, the content pack and the catalogues; no compilers, no sources, no .po -----------------
FROM python:3.11.7-slim-bookworm AS runtime
RUN useradd --system --user-group --uid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin rahnama
# Summary cards ("📄 Summary card"): Debian's Chromium prints them (Playwright drives /usr/bin/chromium and never
# downloads a browser), in Debian's Noto fonts: Naskh Arabic has every Pashto letter, Noto Sans the Latin ones.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Owned by root and read-only for the bot's user: a compromised process cannot rewrite code or content.
COPY --from=builder /venv /venv
COPY --from=builder /out/locales ./locales
COPY content ./content
ENV PATH=/venv/bin:$PATH \
    CONTENT_DIR=/app/content \
    LOCALES_DIR=/app/locales \
    CONTENT_STRICT=1 \
    PORT=8080 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
USER rahnama
EXPOSE 8080
# slim images have no curl: ask /healthz with the standard library (a non-2xx answer raises, exit code 1).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8080'), timeout=4)"
# PORT above must match --port here (the health check reads PORT; exec form cannot expand it).
CMD ["rahnama", "serve", "--host", "0.0.0.0", "--port", "8080"]
