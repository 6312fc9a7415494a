# Somevahti: Slack bot for the City of Kokkola's social-media page updaters.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////app/data/somevahti.db \
    SOMEVAHTI_DIRECTORY=/app/directory.yaml \
    PORT=3000

WORKDIR /app
RUN useradd --create-home --uid 10001 somevahti

# Installed the same way as the README does (pip install of this project), PostgreSQL driver included.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY escalation ./escalation
COPY standin ./standin
# This installs the project itself; its dependency ranges live in pyproject.toml.
# hadolint ignore=DL3013
RUN pip install ".[postgres]" \
    && mkdir -p /app/data \
    && chown somevahti /app/data

USER 10001
VOLUME ["/app/data"]
EXPOSE 3000

# `somevahti health`: GET /healthz on PORT. In Socket Mode, while the server has no /healthz
# listener there, it checks that Slack answers auth.test with the bot token instead.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["somevahti", "health"]

CMD ["somevahti", "serve"]
