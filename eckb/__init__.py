"""Ethical Commissioning Knowledge Base: data -> validated records -> Markdown pages.

The data flows one way, and the folders follow it: load/ (read and validate) -> link/ -> views/ ->
render/ -> write/. A module imports only from its own step or an earlier one (tests/test_layout.py);
pipeline.py runs the steps in order.
"""
