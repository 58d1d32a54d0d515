-- Run 3: after VACUUM, the file is whole and holds everything runs 1 and 2 wrote.
.headers on
PRAGMA integrity_check;
SELECT name FROM sqlite_schema ORDER BY name;
SELECT (SELECT count(*) FROM customer) AS customers, (SELECT count(*) FROM product) AS products,
       (SELECT count(*) FROM orders) AS orders, (SELECT sum(quantity) FROM orders) AS units,
       (SELECT count(*) FROM report) AS report_rows;
SELECT p.name, sum(o.quantity) AS units FROM product p LEFT JOIN orders o ON o.product_id = p.id
  GROUP BY p.id ORDER BY units DESC NULLS LAST, p.name LIMIT 3;
