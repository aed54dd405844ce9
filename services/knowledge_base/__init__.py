"""knowledge-base: Semantic and lexical search over past incidents and runbooks."""
