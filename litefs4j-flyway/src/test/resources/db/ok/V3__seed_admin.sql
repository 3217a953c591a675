INSERT INTO users (name, email) VALUES ('admin', 'admin@example.com');
