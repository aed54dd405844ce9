"""The shared service kit: everything the five services have in common lives here once."""

from services.kit.config import ConfigError, Env, ServerSettings
from services.kit.log import configure_logging, request_id_var
from services.kit.server import MeshServer, Service, run, serve

__all__ = [
    "ConfigError",
    "Env",
    "MeshServer",
    "ServerSettings",
    "Service",
    "configure_logging",
    "request_id_var",
    "run",
    "serve",
]
