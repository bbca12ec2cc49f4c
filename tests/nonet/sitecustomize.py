"""Loaded by every Python process the test suite starts: no network there either."""

import netguard

netguard.install()
