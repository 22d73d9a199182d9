"""Clean: remove page furniture (remembering it) and split a page into stories."""
