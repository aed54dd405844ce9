from services.kit import run
from services.knowledge_base.service import build

if __name__ == "__main__":
    run(build)
