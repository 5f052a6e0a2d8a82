"""graphkit: news articles about cooperation against cybercrime, as a knowledge graph."""
