"""Services for auditors: agreement validation, independent reviews."""
