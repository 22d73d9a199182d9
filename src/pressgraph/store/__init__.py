"""Store: the one database (SQLAlchemy Core), its migrations and queries."""
