"""Information sharing decisions."""

SHARING_COLUMNS = ("Date", "What", "With whom", "Shared?")
