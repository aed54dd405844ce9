from services.incident_integrator.service import build
from services.kit import run

if __name__ == "__main__":
    run(build)
