"""Real-browser tests of the built site (see conftest.py). A package, so that this folder's
conftest.py does not shadow tests/conftest.py for `from conftest import ...`."""
