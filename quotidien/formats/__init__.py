"""The paper's own date formats, over Django's (FORMAT_MODULE_PATH)."""
