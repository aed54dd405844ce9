"""The gateway: one HTTP API over the mesh's gRPC services."""
