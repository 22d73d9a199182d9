"""Export: write stored records in the export contract's formats."""
