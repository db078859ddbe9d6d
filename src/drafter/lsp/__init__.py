"""Front end — the language server (``drafter lsp``): the engine's diagnostics in any LSP editor.

Home of the language server (issue 12). Like :mod:`drafter.cli` it sits on top: it may import the
engine's public API (:mod:`drafter.api`, :mod:`drafter.fixing`) and below, and nothing imports it.
"""
