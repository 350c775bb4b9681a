-- Posts by tag, newest first
SELECT p.id, p.title, COUNT(c.id) AS comments
FROM posts AS p
LEFT JOIN comments c ON c.post_id = p.id
WHERE p.status = 'published' AND p.date >= '2024-01-01'
GROUP BY p.id, p.title
HAVING COUNT(c.id) > 3
ORDER BY p.date DESC
LIMIT 10;

/* Create the table */
CREATE TABLE IF NOT EXISTS tags (
    id INTEGER PRIMARY KEY,
    name VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO tags (name) VALUES ('rust'), ('python'), ("it's");
UPDATE posts SET views = views + 1 WHERE id = 42;
DELETE FROM sessions WHERE expires < now();
