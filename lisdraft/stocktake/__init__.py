"""The stock-take: rules over a validated profile, ratings and the report."""
