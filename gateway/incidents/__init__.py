"""Alert intake and the incident lifecycle: webhooks in, durable store, grouping, analysis worker."""
