"""Extract: dates, roles, events, statements, claims and relations, each with evidence."""
