"""Reading and validating place profiles: YAML in, a checked `PlaceProfile` out."""
