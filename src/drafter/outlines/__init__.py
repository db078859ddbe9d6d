"""Stage 3 — outlines: what a report must contain, and where the report contains it.

Takes outline files (YAML in ``checklists/outlines/``) and a parsed report; gives an
:class:`~drafter.outlines.definition.Outline`, an :class:`~drafter.outlines.matching.OutlineMatch`
(which part and area each heading is) and skeleton text for templates and insertions. Imports the
report model, :mod:`drafter.diagnostics` (edits) and :mod:`drafter.files`.

- :mod:`.definition` outline files: format and loading · :mod:`.matching` report ↔ outline ·
  :mod:`.skeleton` templates and where to insert a missing area
"""
