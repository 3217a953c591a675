CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
INSERT INTO audit (what) VALUES ('first statement ran');
INSERT INTO no_such_table (x) VALUES (1);
