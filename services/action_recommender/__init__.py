"""action-recommender: Ranks remediation actions from the approved catalog."""
