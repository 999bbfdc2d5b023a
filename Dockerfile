# quotes: the HTTP service with the shipped model baked in. CPU only.
#   docker build -t quotes:1.0.0 .    docker run -p 127.0.0.1:8000:8000 quotes:1.0.0
FROM python:3.11-slim

ARG MODEL=quotes-minilm-1.2.0

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    XDG_CACHE_HOME=/tmp/.cache \
    HF_HOME=/tmp/.cache/huggingface \
    QUOTES_BIND=0.0.0.0:8000 \
    QUOTES_MODEL_DIR=/app/models/${MODEL}

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin quotes
WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when the requirement files change.
# torch comes from the CPU-only index, so that requirements.txt's torch==2.13.0 is already met
# and pip never pulls a CUDA build.
COPY requirements.txt ./
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
    && pip install -r requirements.txt

# The model, then the code (the code changes most often).
COPY models/${MODEL}/ models/${MODEL}/
COPY gunicorn.conf.py ./
COPY quotes/ quotes/
COPY service/ service/

USER 10001
EXPOSE 8000

# Ready = model loaded and warmed up; slim images have no curl, so python's urllib asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/v1/health/ready', timeout=4)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "service:create_app()"]
