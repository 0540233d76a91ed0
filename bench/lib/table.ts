/** Prints scenario reports as one aligned plain-text table. */
import type { ScenarioReport } from './report.ts';

export function renderTable(reports: readonly ScenarioReport[]): string {
  const rows: string[][] = [['scenario', 'figure', 'value', 'target', 'verdict']];
  for (const r of reports) {
    for (const f of r.figures) rows.push([r.scenario, f.name, f.value, f.target ?? '', f.verdict]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previous = '';
  for (const row of rows.slice(1)) {
    if (previous && row[0] !== previous) out.push('');
    previous = row[0]!;
    out.push(line(row));
  }
  return out.join('\n');
}
