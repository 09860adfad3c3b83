CREATE TABLE engine_marker (name VARCHAR(32) NOT NULL);
INSERT INTO engine_marker (name) VALUES ('h2');
