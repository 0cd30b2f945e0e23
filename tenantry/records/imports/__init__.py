"""Loading a landlord's export (CSV or XLSX): all or nothing, by reference, any size.

`import_file` is the engine; `services` records runs and saved mappings around it; the
`tenantry import` command and the upload pages call those. See docs/imports.md.
"""
