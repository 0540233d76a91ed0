/**
 * What deserves an alert, from two successive looks at the directories: a health verdict that
 * changed, or a directory that lost more than a set share of its users at once ("mass
 * deprovision"). Pure, so it is tested without a browser.
 */
export interface DirectoryLook {
  id: string;
  name: string;
  verdict: string;
  users: number;
  /** Fully synced at least once; before that, verdicts and counts only say the first sync is under way. */
  synced: boolean;
}

export interface Alert {
  kind: 'health' | 'mass-deprovision';
  directoryId: string;
  title: string;
  body: string;
}

export const DEFAULT_DEPROVISION_SHARE = 0.1;

export function detectAlerts(
  before: DirectoryLook[],
  after: DirectoryLook[],
  share = DEFAULT_DEPROVISION_SHARE,
): Alert[] {
  const previous = new Map(before.map((d) => [d.id, d]));
  const alerts: Alert[] = [];
  for (const d of after) {
    const p = previous.get(d.id);
    if (!p || !p.synced) continue;
    if (p.verdict !== d.verdict)
      alerts.push({
        kind: 'health',
        directoryId: d.id,
        title: `${d.name}: ${d.verdict === 'healthy' ? 'healthy again' : `now ${d.verdict}`}`,
        body: `Health went from ${p.verdict} to ${d.verdict}.`,
      });
    const removed = p.users - d.users;
    if (p.users > 0 && removed > 0 && removed / p.users > share)
      alerts.push({
        kind: 'mass-deprovision',
        directoryId: d.id,
        title: `${d.name}: ${removed} of ${p.users} users removed`,
        body: `One sync removed ${Math.round((removed / p.users) * 100)} % of the directory's users (alarm above ${Math.round(share * 100)} %).`,
      });
  }
  return alerts;
}
