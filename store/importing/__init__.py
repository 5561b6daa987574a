"""Importing leads from CSV, Excel and phone contacts (see ``importer``)."""
