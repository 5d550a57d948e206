"""lisdraft: Word drafts for a council's part in its Local Industrial Strategy.

The library API, used by the command line and by other programs::

    from lisdraft import BuildOptions, assess_stocktake, build_documents, load_profile

    profile = load_profile("examples/borchestershire/profile.yaml")
    assessment = assess_stocktake(profile)
    result = build_documents("examples/borchestershire/profile.yaml", "out/")
    paths = result.raise_on_failure().paths
    region = build_documents(["examples/"], "out/", BuildOptions(only=("briefing",), jobs=2))

Names are imported lazily so that `lisdraft --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lisdraft.build.options import BuildOptions, BuildResult
    from lisdraft.build.pipeline import build_documents
    from lisdraft.errors import LisdraftError
    from lisdraft.profile.loader import load_profile
    from lisdraft.profile.model import PlaceProfile
    from lisdraft.stocktake.assess import assess_stocktake

__all__ = [
    "BuildOptions",
    "BuildResult",
    "LisdraftError",
    "PlaceProfile",
    "assess_stocktake",
    "build_documents",
    "load_profile",
]

_HOMES = {
    "assess_stocktake": "lisdraft.stocktake.assess",
    "BuildOptions": "lisdraft.build.options",
    "BuildResult": "lisdraft.build.options",
    "build_documents": "lisdraft.build.pipeline",
    "LisdraftError": "lisdraft.errors",
    "load_profile": "lisdraft.profile.loader",
    "PlaceProfile": "lisdraft.profile.model",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'lisdraft' has no attribute '{name}'")
    import importlib  # lazily, like the names themselves

    return getattr(importlib.import_module(_HOMES[name]), name)
