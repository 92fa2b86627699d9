-- Profile fields a destination wants in each delivery (docs/DESTINATIONS.md); null: none.
ALTER TABLE destination ADD COLUMN include TEXT[];
