"""Ethical Commissioning Knowledge Base: data -> validated records -> Markdown pages.

The pipeline runs one way: load -> validate -> link -> render -> write.
"""
