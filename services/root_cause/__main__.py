from services.kit import run
from services.root_cause.service import build

if __name__ == "__main__":
    run(build)
