from services.kit import run
from services.log_analyzer.service import build

if __name__ == "__main__":
    run(build)
