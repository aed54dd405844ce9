"""log-analyzer: Log template mining, Isolation Forest anomaly detection and entity extraction."""
