-- Run 4: the directory granted read-only (--dir-ro), the database opened with
-- file:/data/test.db?mode=ro&immutable=1 (dot-file locking would have to make a lock directory,
-- which a read-only grant refuses). Reads work; the write is refused by SQLite itself, as natively.
.headers on
SELECT count(*) AS orders, sum(quantity) AS units FROM orders;
SELECT city, count(*) AS customers FROM customer GROUP BY city ORDER BY city;
INSERT INTO product(name, price_cents) VALUES ('product-52', 1);
SELECT count(*) AS products FROM product;
