# syntax=docker/dockerfile:1
# gateway: the HTTP API, the dashboard and /metrics (Litestar + uvicorn), fanning out over gRPC.
# Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t incident-mesh/gateway .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# The dashboard (React + TypeScript), built once; only its static files reach the runtime image.
FROM node:22-bookworm-slim AS frontend
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# Generated gRPC code is made here, so the runtime image carries no grpcio-tools.
FROM ${PYTHON_IMAGE} AS codegen
WORKDIR /src
COPY constraints.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check -c constraints.txt grpcio-tools
COPY scripts/gen_protos.py scripts/
COPY proto proto
RUN python scripts/gen_protos.py --force

# Only the gateway's dependencies, pinned by constraints.txt; cached until the pins change.
FROM ${PYTHON_IMAGE} AS deps
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY constraints.txt pyproject.toml deploy/docker/requirements.py ./
RUN python requirements.py pyproject.toml gateway > requirements.txt \
 && pip install --no-cache-dir --disable-pip-version-check -c constraints.txt -r requirements.txt

FROM ${PYTHON_IMAGE}
RUN groupadd --system --gid 10001 mesh \
 && useradd --system --uid 10001 --gid mesh --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin mesh \
 && install -d -o mesh -g mesh /data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app:/app/generated \
    MESH_DATA_DIR=/data \
    GATEWAY_HOST=0.0.0.0 \
    GATEWAY_PORT=8080 \
    GATEWAY_STATIC_DIR=/app/static
WORKDIR /app
COPY --from=deps /opt/venv /opt/venv
COPY --from=codegen /src/generated generated
COPY --from=frontend /src/frontend/dist static
COPY services/__init__.py services/
COPY services/kit services/kit
# The GitHub webhook check is shared with the integrator; only that stdlib-only module comes along.
COPY services/incident_integrator/__init__.py services/incident_integrator/signature.py services/incident_integrator/
COPY gateway gateway
USER 10001:10001
EXPOSE 8080
VOLUME ["/data"]
# /health answers as soon as the process serves HTTP; backend health is /ready's job.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/health' % os.environ.get('GATEWAY_PORT', '8080'), timeout=4)"]
CMD ["python", "-m", "gateway"]
