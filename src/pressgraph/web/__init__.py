"""Web: the read-only web application and its JSON twin."""
