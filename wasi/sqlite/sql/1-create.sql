-- Run 1: a fresh database in the preopened directory. Schema, a few thousand rows in one
-- transaction, queries with joins and aggregates, and a CSV report written with .output.
.headers on
.mode list
CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE product(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, price_cents INTEGER NOT NULL);
CREATE TABLE orders(
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  product_id INTEGER NOT NULL REFERENCES product(id),
  quantity INTEGER NOT NULL,
  day TEXT NOT NULL);
CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE INDEX orders_by_day ON orders(day);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO customer(id, name, city)
  SELECT i, printf('customer-%03d', i),
         CASE i % 7 WHEN 0 THEN 'Lisbon' WHEN 1 THEN 'Oslo' WHEN 2 THEN 'Quito' WHEN 3 THEN 'Hanoi'
                    WHEN 4 THEN 'Perth' WHEN 5 THEN 'Accra' ELSE 'Lima' END
  FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO product(id, name, price_cents) SELECT i, printf('product-%02d', i), 100 + (i * 379) % 9900 FROM n;
-- @ORDERS@ (the script puts one INSERT per order here)
COMMIT;
SELECT count(*) AS orders, sum(quantity) AS units, min(day) AS first, max(day) AS last FROM orders;
SELECT c.city, count(DISTINCT c.id) AS customers, count(*) AS orders,
       sum(o.quantity * p.price_cents) AS revenue_cents
  FROM orders o JOIN customer c ON c.id = o.customer_id JOIN product p ON p.id = o.product_id
  GROUP BY c.city ORDER BY revenue_cents DESC;
SELECT p.name, sum(o.quantity) AS units, round(avg(o.quantity), 3) AS mean
  FROM product p JOIN orders o ON o.product_id = p.id
  GROUP BY p.id ORDER BY units DESC, p.name LIMIT 5;
SELECT substr(day, 1, 7) AS month, count(*) AS orders FROM orders GROUP BY month ORDER BY month;
SELECT c.name, sum(o.quantity * p.price_cents) AS spent
  FROM customer c JOIN orders o ON o.customer_id = c.id JOIN product p ON p.id = o.product_id
  GROUP BY c.id HAVING spent > (SELECT avg(t) FROM (SELECT sum(o2.quantity * p2.price_cents) AS t
      FROM orders o2 JOIN product p2 ON p2.id = o2.product_id GROUP BY o2.customer_id)) * 1.4
  ORDER BY spent DESC, c.name LIMIT 8;
.mode csv
.output @DATA@/report.csv
SELECT c.city, p.name AS product, sum(o.quantity) AS units
  FROM orders o JOIN customer c ON c.id = o.customer_id JOIN product p ON p.id = o.product_id
  GROUP BY c.city, p.name ORDER BY c.city, p.name;
.output stdout
.mode list
SELECT 'report written';
