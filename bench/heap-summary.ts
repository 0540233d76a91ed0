/**
 * What a V8 heap snapshot holds, in a few lines: `node --import tsx bench/heap-summary.ts
 * FILE.heapsnapshot [--top 20]`. Prints the self size (shallow: what each object occupies, not
 * what it keeps alive) summed by kind and constructor, strings summed by their leading word
 * (so a million `directory_user_…` ids show as one line), and the largest single objects with
 * the edge that holds each. Snapshots come from `DSYNC_BENCH_HEAP_SNAPSHOT` (scenario 7) or any
 * other `v8.writeHeapSnapshot`. A file that is not a snapshot stops with one line saying so.
 */
import { readFileSync, statSync } from 'node:fs';

interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
    node_count: number;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 20;
if (!file) fail('usage: node --import tsx bench/heap-summary.ts FILE.heapsnapshot [--top N]');
if (!Number.isInteger(top) || top < 1 || top > 1000)
  fail(`--top needs a whole number from 1 to 1000, got "${args[topIndex + 1] ?? ''}".`);

let snap: Snapshot;
try {
  snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
} catch (err) {
  fail(`${file}: not a readable heap snapshot (${err instanceof Error ? err.message : String(err)}).`);
}
const meta = snap?.snapshot?.meta;
if (!meta || !Array.isArray(snap.nodes) || !Array.isArray(snap.edges) || !Array.isArray(snap.strings)) {
  fail(`${file}: not a V8 heap snapshot (no snapshot.meta, nodes, edges and strings).`);
}
const nf = meta.node_fields;
const nodeWidth = nf.length;
const [fType, fName, fSize, fEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f)) as [
  number,
  number,
  number,
  number,
];
const ef = meta.edge_fields;
const edgeWidth = ef.length;
const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f)) as [number, number, number];
if ([fType, fName, fSize, fEdges, eType, eName, eTo].some((i) => i < 0)) {
  fail(`${file}: this snapshot's layout lacks a field this summary needs.`);
}
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const { nodes, edges, strings } = snap;
const count = nodes.length / nodeWidth;

const mbText = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const byKind = new Map<string, { bytes: number; count: number }>();
const byWord = new Map<string, { bytes: number; count: number }>();
const add = (map: Map<string, { bytes: number; count: number }>, key: string, bytes: number): void => {
  const entry = map.get(key) ?? { bytes: 0, count: 0 };
  entry.bytes += bytes;
  entry.count++;
  map.set(key, entry);
};
let total = 0;
const largest: { node: number; bytes: number }[] = [];
for (let i = 0; i < count; i++) {
  const base = i * nodeWidth;
  const type = nodeTypes[nodes[base + fType]!] ?? '?';
  const name = strings[nodes[base + fName]!] ?? '';
  const bytes = nodes[base + fSize]!;
  total += bytes;
  const isString = type === 'string' || type === 'concatenated string' || type === 'sliced string';
  add(byKind, type === 'object' || type === 'closure' ? `${type} ${name.slice(0, 60)}` : `(${type})`, bytes);
  if (isString) add(byWord, /^[A-Za-z_]+/.exec(name)?.[0]?.slice(0, 30) ?? '(other)', bytes);
  if (largest.length < top || bytes > largest[largest.length - 1]!.bytes) {
    largest.push({ node: i, bytes });
    largest.sort((a, b) => b.bytes - a.bytes);
    if (largest.length > top) largest.pop();
  }
}

// Who holds each of the largest objects: one edge into it (walking every node's edges once).
const holders = new Map<number, string>(largest.map((l) => [l.node * nodeWidth, '']));
for (let i = 0, edge = 0; i < count; i++) {
  const base = i * nodeWidth;
  const edgeCount = nodes[base + fEdges]!;
  for (let k = 0; k < edgeCount; k++, edge += edgeWidth) {
    const to = edges[edge + eTo]!;
    if (!holders.has(to) || holders.get(to) !== '') continue;
    const kind = edgeTypes[edges[edge + eType]!];
    const label = kind === 'element' || kind === 'hidden' ? `[${edges[edge + eName]}]` : strings[edges[edge + eName]!];
    holders.set(to, `${nodeTypes[nodes[base + fType]!]} ${strings[nodes[base + fName]!]?.slice(0, 40)} .${label}`);
  }
}

const table = (map: Map<string, { bytes: number; count: number }>): void => {
  for (const [key, v] of [...map].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) {
    console.log(`  ${mbText(v.bytes).padStart(10)}  ${v.count.toLocaleString('en-US').padStart(11)}  ${key}`);
  }
};
console.log(
  `${file}: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB file, ${count.toLocaleString('en-US')} objects, ${mbText(total)} self size in all`,
);
console.log('by kind and constructor (self size, count):');
table(byKind);
console.log('strings by leading word:');
table(byWord);
console.log('largest objects (self size, held by):');
for (const l of largest) {
  const base = l.node * nodeWidth;
  const type = nodeTypes[nodes[base + fType]!];
  const name = strings[nodes[base + fName]!]?.slice(0, 50);
  console.log(`  ${mbText(l.bytes).padStart(10)}  ${type} ${name}  ← ${holders.get(base) || '(root)'}`);
}
