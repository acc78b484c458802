// SPDX-License-Identifier: GPL-3.0-or-later
// aggregate.mjs: the DuckDB peer of `forcestat aggregate` in bench/run.sh.
//
//   node aggregate.mjs --by COLS (--sum COL | --count) [--where COL=V] FILE...
//
// The same grouped sums through DuckDB's read_csv (typed columns, "NA"
// and the empty field read as missing, every core), printed as CSV with
// the --by columns, then "numerator" and "denominator" with --where, else
// "sum" (not with --count), then "rows": the figures bench/run.sh compares
// with forcestat's.  Rows with a missing grouping value or a missing
// value are left out, as forcestat leaves them out.  FILE may be a glob
// (DuckDB reads the files matching it as one table).
import { DuckDBInstance } from '@duckdb/node-api';

function parseArgs(argv) {
  const a = { by: null, sum: null, count: false, where: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--by') a.by = argv[++i].split(',');
    else if (k === '--sum') a.sum = argv[++i];
    else if (k === '--count') a.count = true;
    else if (k === '--where') {
      const s = argv[++i], eq = s.indexOf('=');
      a.where = { col: s.slice(0, eq), value: s.slice(eq + 1) };
    } else a.files.push(k);
  }
  if (!a.by || (a.sum === null) === !a.count || a.files.length === 0)
    throw new Error('usage: aggregate.mjs --by COLS (--sum COL | --count) [--where COL=V] FILE...');
  return a;
}

const ident = (s) => '"' + s.replaceAll('"', '""') + '"';
const literal = (s) => "'" + s.replaceAll("'", "''") + "'";
const csvCell = (v) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
};

function query(a) {
  const files = '[' + a.files.map(literal).join(', ') + ']';
  const src = `read_csv(${files}, nullstr = ['NA', ''], header = true)`;
  const keys = a.by.map(ident);
  const value = a.count ? '1' : ident(a.sum);
  const present = keys.map((k) => `${k} IS NOT NULL`);
  if (!a.count) present.push(`${value} IS NOT NULL`);
  const cols = [...keys];
  if (a.where) {
    // The literal takes the column's type, so a typed column is compared
    // as a number, without casting every row to text.
    const cond = `${ident(a.where.col)} = ${literal(a.where.value)}`;
    cols.push(`coalesce(sum(${value}) FILTER (WHERE ${cond}), 0) AS numerator`);
    cols.push(`sum(${value}) AS denominator`);
  } else if (!a.count) {
    cols.push(`sum(${value}) AS "sum"`);
  }
  cols.push('count(*) AS "rows"');
  return `SELECT ${cols.join(', ')} FROM ${src} WHERE ${present.join(' AND ')} GROUP BY ALL`;
}

const a = parseArgs(process.argv.slice(2));
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(query(a));
const out = [reader.columnNames().map(csvCell).join(',')];
for (const row of reader.getRows())
  out.push(row.map(csvCell).join(','));
process.stdout.write(out.join('\n') + '\n');
