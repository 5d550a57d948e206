"""Rendering and building: context, render, write (with the manifest), PDF and text copies."""
