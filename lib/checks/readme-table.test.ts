/**
 * README's "What it checks" table is the catalog as a reader first meets it: one row per
 * principle, every check listed once in its principle's row, bold exactly when blocking, and the
 * header counting them. A new check, or a check that changes severity or principle, fails here
 * with the edit the README needs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog';
import { PRINCIPLES } from './principles';
import type { Check } from './types';

const README = path.join(import.meta.dirname, '..', '..', 'README.md');
const SECTION = '## What it checks';
const HEADER = /^Checks \((\d+); \*\*blocking\*\* in bold\)$/;

interface TableRow {
  /** 1-based line of README.md. */
  line: number;
  principleCell: string;
  checks: { id: string; bold: boolean }[];
  /** Entries of the checks cell that are neither `id` nor **`id`**. */
  unreadable: string[];
}

interface ChecksTable {
  headerLine: number;
  headerCell: string;
  rows: TableRow[];
}

const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/** The first table after the section heading: its header row, its separator, then its rows. */
function readChecksTable(markdown: string): ChecksTable {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section: the check table belongs under it`);
  const headerIndex = lines.findIndex((line, index) => index > start && line.trim().startsWith('|'));
  if (headerIndex < 0) throw new Error(`README.md's "${SECTION}" section has no table`);
  const headerCells = cellsOf(lines[headerIndex] ?? '');
  const rows: TableRow[] = [];
  for (let index = headerIndex + 2; index < lines.length && (lines[index] ?? '').trim().startsWith('|'); index++) {
    const [principleCell = '', checksCell = ''] = cellsOf(lines[index] ?? '');
    const checks: TableRow['checks'] = [];
    const unreadable: string[] = [];
    for (const entry of checksCell.split(',').map((part) => part.trim())) {
      const match = /^(\*\*)?`([a-z0-9-]+)`\1$/.exec(entry);
      if (match?.[2]) checks.push({ id: match[2], bold: match[1] !== undefined });
      else unreadable.push(entry);
    }
    rows.push({ line: index + 1, principleCell, checks, unreadable });
  }
  return { headerLine: headerIndex + 1, headerCell: headerCells[1] ?? '', rows };
}

/** A principle's row is its title, optionally followed by a note in brackets ("Live health (shown, not graded)"). */
const rowNamesPrinciple = (cell: string, title: string) => cell === title || cell.startsWith(`${title} (`);

const asListed = (check: Check) => (check.severity === 'blocking' ? `**\`${check.id}\`**` : `\`${check.id}\``);

/** The checks cell for a principle, in catalog order: what its row should say. */
const expectedCell = (catalog: readonly Check[], principleId: string) =>
  catalog
    .filter((check) => check.principle === principleId)
    .map(asListed)
    .join(', ');

/** Every way the table disagrees with the catalog, each with the edit that fixes it. */
function tableProblems(markdown: string, catalog: readonly Check[] = CATALOG): string[] {
  const table = readChecksTable(markdown);
  const principles = PRINCIPLES.filter((principle) => catalog.some((check) => check.principle === principle.id));
  const titleOf = (check: Check) => principles.find((principle) => principle.id === check.principle)?.title ?? check.principle;
  const checksById = new Map(catalog.map((check) => [check.id, check]));
  const problems: string[] = [];

  if (HEADER.exec(table.headerCell)?.[1] !== String(catalog.length)) {
    problems.push(
      `README.md:${table.headerLine}: the header says "${table.headerCell}"; write "Checks (${catalog.length}; **blocking** in bold)"`,
    );
  }

  principles.forEach((principle, index) => {
    const row = table.rows[index];
    if (!row || !rowNamesPrinciple(row.principleCell, principle.title)) {
      const found = row ? `README.md:${row.line} is "${row.principleCell}"` : 'the table ends';
      const cell = expectedCell(catalog, principle.id);
      problems.push(`row ${index + 1} should be "${principle.title}" (principle ${principle.id}), but ${found}; its checks: ${cell}`);
    }
  });
  for (const row of table.rows.slice(principles.length)) {
    problems.push(`README.md:${row.line}: "${row.principleCell}" is a row after the last principle: remove it`);
  }

  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const principle = principles.find((candidate) => rowNamesPrinciple(row.principleCell, candidate.title));
    for (const entry of row.unreadable) {
      problems.push(`README.md:${row.line}: "${entry}" is not a check id in backticks (\`id\`, or **\`id\`** when blocking)`);
    }
    for (const { id, bold } of row.checks) {
      const check = checksById.get(id);
      const earlier = seen.get(id);
      if (earlier === undefined) seen.set(id, row.line);
      if (!check) {
        problems.push(`README.md:${row.line}: \`${id}\` is no check in the catalog: remove it (or fix its spelling)`);
      } else if (earlier !== undefined) {
        problems.push(`README.md:${row.line}: \`${id}\` is listed again (first at README.md:${earlier}): remove this one`);
      } else if (principle?.id !== check.principle) {
        problems.push(
          `README.md:${row.line}: \`${id}\` belongs to "${titleOf(check)}" (principle ${check.principle}): move it to that row`,
        );
      } else if (bold !== (check.severity === 'blocking')) {
        const note = bold ? ' (bold marks blocking checks only)' : '';
        problems.push(`README.md:${row.line}: \`${id}\` is ${check.severity}: write it as ${asListed(check)}${note}`);
      }
    }
  }
  for (const check of catalog) {
    if (seen.has(check.id)) continue;
    const cell = expectedCell(catalog, check.principle);
    problems.push(`\`${check.id}\` is missing: add ${asListed(check)} to the "${titleOf(check)}" row, which should read: ${cell}`);
  }
  return problems;
}

describe("README's check table", () => {
  it('agrees with the catalog: its count, one row per principle, every check once in its row, bold exactly when blocking', () => {
    expect(tableProblems(readFileSync(README, 'utf8'))).toEqual([]);
  });

  it('names the edit for each way it can disagree', () => {
    const pick = (id: string) => {
      const check = CATALOG.find((candidate) => candidate.id === id);
      if (!check) throw new Error(`${id} is not in the catalog`);
      return check;
    };
    // minor, major and blocking, from two principles.
    const catalog = [pick('image-minimal-base'), pick('image-trusted-registry'), pick('image-tag-pinned')];
    const markdown = [
      '# Shipshape',
      '',
      SECTION,
      '',
      '| Principle | Checks (2; **blocking** in bold) |',
      '| --- | --- |',
      '| Minimal base images | **`image-minimal-base`**, `image-tag-pinned` |',
      '| Trusted registries | `image-tag-pinned`, `no-such-check`, image-digest-pinned |',
      '| Extra | `image-minimal-base` |',
      '',
    ].join('\n');
    expect(tableProblems(markdown, catalog)).toEqual([
      'README.md:5: the header says "Checks (2; **blocking** in bold)"; write "Checks (3; **blocking** in bold)"',
      'README.md:9: "Extra" is a row after the last principle: remove it',
      'README.md:7: `image-minimal-base` is minor: write it as `image-minimal-base` (bold marks blocking checks only)',
      'README.md:7: `image-tag-pinned` belongs to "Trusted registries" (principle trusted-registries): move it to that row',
      'README.md:8: "image-digest-pinned" is not a check id in backticks (`id`, or **`id`** when blocking)',
      'README.md:8: `image-tag-pinned` is listed again (first at README.md:7): remove this one',
      'README.md:8: `no-such-check` is no check in the catalog: remove it (or fix its spelling)',
      'README.md:9: `image-minimal-base` is listed again (first at README.md:7): remove this one',
      '`image-trusted-registry` is missing: add `image-trusted-registry` to the "Trusted registries" row, which should read: `image-trusted-registry`, **`image-tag-pinned`**',
    ]);
  });

  it('says where the rows go wrong when a principle has none', () => {
    const markdown = `${SECTION}\n\n| Principle | Checks (0; **blocking** in bold) |\n| --- | --- |\n`;
    const [first] = PRINCIPLES;
    expect(tableProblems(markdown).filter((problem) => problem.startsWith('row 1 '))).toEqual([
      `row 1 should be "${first?.title}" (principle ${first?.id}), but the table ends; its checks: \`image-minimal-base\``,
    ]);
  });
});
