"""incident-integrator: one Jira ticket per code-related problem, owned by the right developer,
closed when the fix merges."""
