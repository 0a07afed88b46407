"""Search engines behind newsearch's API; each adapter lives in its own subpackage."""
