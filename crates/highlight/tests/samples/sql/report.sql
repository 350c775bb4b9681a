-- Posts per month, with their authors.
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title VARCHAR(200) NOT NULL,
    slug TEXT UNIQUE,
    published_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    author_id INT REFERENCES authors(id) ON DELETE CASCADE
);

INSERT INTO posts (title, slug, author_id)
VALUES ('Hello, world', 'hello-world', 1),
       ('It''s a quote', 'quote', 2);

/* The report */
SELECT a.name,
       strftime('%Y-%m', p.published_at) AS month,
       COUNT(*) AS n,
       AVG(LENGTH(p.title)) * 1.5 AS avg_len
FROM posts AS p
JOIN authors a ON a.id = p.author_id
WHERE p.published_at >= DATE '2024-01-01'
  AND p.slug NOT LIKE 'draft-%'
GROUP BY a.name, month
HAVING COUNT(*) > 2
ORDER BY month DESC, n DESC
LIMIT 10;

UPDATE posts SET title = UPPER(title) WHERE id IN (SELECT id FROM posts WHERE title IS NULL);
DELETE FROM posts WHERE published_at < NOW() - INTERVAL '1 year';
