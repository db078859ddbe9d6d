"""Widgets, one module per part of the screen: outline, editor, diagnostics, preview, status."""
