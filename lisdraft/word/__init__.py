"""Word files: reading and writing OOXML packages, and checking what they hold."""
