"""NLP: the spaCy pipeline, our components, and the gazetteers they read."""
