"""Render: page plans -> Markdown text through the Jinja templates; escaping of data text."""
