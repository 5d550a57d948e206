"""Template customisation: checking, scanning, trial renders, the catalogue and helpers."""
