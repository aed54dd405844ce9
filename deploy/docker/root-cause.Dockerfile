# syntax=docker/dockerfile:1
# root-cause: calibrated root-cause classifier over gRPC.
# Build from the repository root:
#   docker build -f deploy/docker/root-cause.Dockerfile -t incident-mesh/root-cause .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Generated gRPC code is made here, so the runtime image carries no grpcio-tools.
FROM ${PYTHON_IMAGE} AS codegen
WORKDIR /src
COPY constraints.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check -c constraints.txt grpcio-tools
COPY scripts/gen_protos.py scripts/
COPY proto proto
RUN python scripts/gen_protos.py --force

# Only this component's dependencies, pinned by constraints.txt; cached until the pins change.
FROM ${PYTHON_IMAGE} AS deps
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY constraints.txt pyproject.toml deploy/docker/requirements.py ./
RUN python requirements.py pyproject.toml root-cause > requirements.txt \
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
    ROOT_CAUSE_HOST=0.0.0.0 \
    ROOT_CAUSE_PORT=50052 \
    ROOT_CAUSE_METRICS_PORT=9102
WORKDIR /app
COPY --from=deps /opt/venv /opt/venv
COPY --from=codegen /src/generated generated
COPY services/__init__.py services/
COPY services/kit services/kit
COPY services/root_cause services/root_cause
USER 10001:10001
EXPOSE 50052 9102
VOLUME ["/data"]
# Exit 0 only once the model is loaded and the gRPC health service answers SERVING.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["sh", "-c", "exec python -m services.kit.healthcheck 127.0.0.1:${ROOT_CAUSE_PORT}"]
CMD ["python", "-m", "services.root_cause"]
