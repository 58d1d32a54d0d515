-- Run 2: the database written by run 1, reopened. The data persisted; a constraint error (on
-- stderr, the shell goes on); updates and deletes in a transaction; the CSV report read back with
-- .import; VACUUM, which rebuilds the file through a temporary database in $TMPDIR.
.headers on
PRAGMA integrity_check;
SELECT count(*) AS orders, sum(quantity) AS units FROM orders;
SELECT c.city, count(*) AS orders, sum(o.quantity * p.price_cents) AS revenue_cents
  FROM orders o JOIN customer c ON c.id = o.customer_id JOIN product p ON p.id = o.product_id
  GROUP BY c.city ORDER BY revenue_cents DESC;
INSERT INTO product(name, price_cents) VALUES ('product-07', 1);
BEGIN;
UPDATE orders SET quantity = quantity + 1 WHERE customer_id % 10 = 0;
DELETE FROM orders WHERE id % 100 = 0;
INSERT INTO product(name, price_cents) VALUES ('product-51', 4242);
COMMIT;
SELECT count(*) AS orders, sum(quantity) AS units FROM orders;
.import --csv @DATA@/report.csv report
SELECT count(*) AS rows, sum(units) AS units, count(DISTINCT city) AS cities FROM report;
SELECT r.city, r.units FROM report r WHERE r.product = 'product-07' ORDER BY r.city;
VACUUM;
PRAGMA integrity_check;
