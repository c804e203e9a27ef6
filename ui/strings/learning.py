"""The learning library, the learning cards, and the child's voice."""
