"""Stage 3 — typos: statistics of official Chinese text for finding typos that no checklist names.

Home of the statistical typo detector (issue 9): its data tables and the scoring that the check
``drafter.checks.typo_suspect`` calls. Like :mod:`drafter.checklists`, it may import
:mod:`drafter.files` and :mod:`drafter.errors`, never the checks or anything above them.
"""
