# Rahnama: one container plus Redis. Catalogues are compiled at build time.
FROM python:3.11.7-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md babel.cfg ./
COPY bot ./bot
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .
COPY locales ./locales
RUN /venv/bin/pybabel compile -d locales

FROM python:3.11.7-slim-bookworm
RUN useradd --system --uid 10001 --home /app rahnama
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /src/locales ./locales
COPY content ./content
ENV PATH=/venv/bin:$PATH \
    CONTENT_DIR=/app/content \
    LOCALES_DIR=/app/locales \
    CONTENT_STRICT=1 \
    PYTHONUNBUFFERED=1
USER rahnama
# Long polling for now; the webhook server (`rahnama serve`) comes with the production issue.
CMD ["rahnama", "run"]
