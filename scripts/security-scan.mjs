// Runs @doyensec/electronegativity over src/ and fails on any MEDIUM or HIGH finding that the
// reviewed allow-list (security/electronegativity-allow.json) does not explain. The tool itself
// exits 0 even with findings, so the gate is here, on its CSV report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const input = process.argv[2] ?? join(root, 'src');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const report = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'report.csv');
const bin = join(root, 'tools/electronegativity/node_modules/@doyensec/electronegativity/dist/index.js');

const run = spawnSync(
  process.execPath,
  [bin, '-i', input, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', report],
  { encoding: 'utf8', cwd: root },
);
if (run.status !== 0 || run.error) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity failed to run; install it with `npm ci --prefix tools/electronegativity`.');
  process.exit(1);
}

/** Minimal CSV row parser: quoted fields may contain commas. */
function parseRow(line) {
  const fields = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += ch;
  }
  fields.push(current.trim());
  return fields;
}

const allow = JSON.parse(readFileSync(join(root, 'security/electronegativity-allow.json'), 'utf8'));
const rows = readFileSync(report, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => /^[A-Z_]+_CHECK,/.test(l));
const findings = rows.map(parseRow).map(([check, severity, confidence, file, location]) => ({
  check,
  severity,
  confidence,
  file: relative(root, file),
  location,
}));
const blocking = findings.filter(
  (f) =>
    (f.severity === 'MEDIUM' || f.severity === 'HIGH') && !allow.some((a) => a.check === f.check && a.file === f.file),
);
for (const f of findings) {
  const allowed = !blocking.includes(f);
  console.log(`${allowed ? 'ok  ' : 'FAIL'} ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}`);
}
console.log(
  `electronegativity: ${findings.length} findings, ${blocking.length} blocking (MEDIUM/HIGH not in the allow-list)`,
);
process.exit(blocking.length > 0 ? 1 : 0);
