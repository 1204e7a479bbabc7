"""The form engine: field and step blocks, the form builder, upload validation."""
