"""Stage 2 — report: a :class:`~drafter.files.document.SourceDocument` → the report model.

Takes a document and gives a :class:`~drafter.report.model.Report`: title, front matter, lead,
divisions (parts, sections), paragraphs and items, each with a span into the text; the period it
covers; positions as (line, column). Imports only :mod:`drafter.files` and :mod:`drafter.errors`.

- :mod:`.model` the report model · :mod:`.structure` the parser (structure recognition) ·
  :mod:`.numbering` numbering marks (一、（一）1.（1）一是) · :mod:`.period` the period covered ·
  :mod:`.textpos` offsets ⇄ (line, column)
"""
