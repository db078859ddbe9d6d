"""Stage 3 — checklists: YAML lists of typos, formulations and placeholders, compiled for matching.

Takes checklist files (bundled ``checklists/*.yaml``, a project's own, ``--checklist``) and gives a
:class:`~drafter.checklists.matching.ChecklistSet` that finds every entry in a text in one pass.
Each entry's examples are its self-test. Imports :mod:`drafter.diagnostics` (edits),
:mod:`drafter.files` and :mod:`drafter.errors`; never the report model or the checks.

- :mod:`.format` the file format, validation and self-test · :mod:`.model` the loaded data ·
  :mod:`.matching` matching entries against text · :mod:`.cache` finding files, the compiled cache
"""
