# syntax=docker/dockerfile:1
# incident-integrator: Jira tickets and GitHub pull requests over gRPC.
# Build from the repository root:
#   docker build -f deploy/docker/incident-integrator.Dockerfile -t incident-mesh/incident-integrator .
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
RUN python requirements.py pyproject.toml incident-integrator > requirements.txt \
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
    INCIDENT_INTEGRATOR_HOST=0.0.0.0 \
    INCIDENT_INTEGRATOR_PORT=50055 \
    INCIDENT_INTEGRATOR_METRICS_PORT=9105
WORKDIR /app
COPY --from=deps /opt/venv /opt/venv
COPY --from=codegen /src/generated generated
COPY services/__init__.py services/
COPY services/kit services/kit
COPY services/incident_integrator services/incident_integrator
USER 10001:10001
EXPOSE 50055 9105
VOLUME ["/data"]
# Exit 0 only once the model is loaded and the gRPC health service answers SERVING.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["sh", "-c", "exec python -m services.kit.healthcheck 127.0.0.1:${INCIDENT_INTEGRATOR_PORT}"]
CMD ["python", "-m", "services.incident_integrator"]
