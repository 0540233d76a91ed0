/**
 * What every scenario hands back: rows for the stdout table (figure, value, target, verdict)
 * and free-form details for the JSON file.
 */
export type Verdict = 'met' | 'missed' | 'info' | 'not measured';

export interface Figure {
  name: string;
  value: string;
  target?: string;
  verdict: Verdict;
  note?: string;
}

export interface ScenarioReport {
  scenario: string;
  title: string;
  /** Settings that differ from the defaults, sizes used, caveats. */
  setup: string;
  figures: Figure[];
  details: Record<string, unknown>;
}

/** A target of the form "value ≤ limit" or "value ≥ limit". */
export function judge(value: number, op: '<=' | '>=', limit: number): Verdict {
  if (!Number.isFinite(value)) return 'not measured';
  return (op === '<=' ? value <= limit : value >= limit) ? 'met' : 'missed';
}

export function notMeasured(scenario: string, title: string, reason: string): ScenarioReport {
  return {
    scenario,
    title,
    setup: reason,
    figures: [{ name: title, value: '—', verdict: 'not measured', note: reason }],
    details: { notMeasured: reason },
  };
}
