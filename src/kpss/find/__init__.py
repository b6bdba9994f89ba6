"""Finding things: Czech text normalisation, contact keys, places, search, local lists,
matching them to the register, and duplicates."""
