import { describe, expect, it } from 'vitest';
import { csvCell, exportFileName, toCsv } from '../../../src/shared/csv.ts';
import * as rendererCsv from '../../../src/renderer/src/lib/csv.ts';
import { USER_CSV_COLUMNS, USER_CSV_NAME_OF_SCREEN_COLUMN } from '../../../src/shared/user-csv-columns.ts';
import { formatRows } from '../../../src/main/cli/cli-format.ts';
import type { UserSummary } from '../../../src/shared/api/sync.ts';

describe('CSV export', () => {
  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    // Numbers stay numbers.
    expect(csvCell(-2)).toBe('-2');
  });

  it('writes a header and one CRLF line per row', () => {
    const csv = toCsv([{ n: 'Ann' }, { n: 'Bo, Jr' }], [{ header: 'name', value: (r: { n: string }) => r.n }]);
    expect(csv).toBe('name\r\nAnn\r\n"Bo, Jr"\r\n');
  });

  it('names export files by day', () => {
    expect(exportFileName('users', new Date('2026-11-23T10:00:00Z'))).toBe('users-2026-11-23.csv');
  });
});

describe('one CSV for the CLI and the UI', () => {
  const user: UserSummary = {
    id: 'directory_user_1',
    directoryId: 'directory_1',
    directoryName: 'Acme, Inc',
    displayName: '=cmd|calc',
    email: '-x@example.com',
    firstName: null,
    lastName: null,
    username: null,
    idpId: '+42',
    state: 'suspended',
    stateSince: '2026-11-01T00:00:00.000Z',
    stateSinceObserved: true,
    customAttributes: { department: '@Sales' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };

  it('is the same module in the renderer', () => {
    expect(rendererCsv.toCsv).toBe(toCsv);
    expect(rendererCsv.csvCell).toBe(csvCell);
  });

  it('gives the same bytes for the same user columns from the CLI formatter and the UI exporter', () => {
    const columns = [USER_CSV_COLUMNS.id, USER_CSV_COLUMNS.name, USER_CSV_COLUMNS.email, USER_CSV_COLUMNS.idp_id];
    const cli = formatRows([user], columns, 'csv', (u) => u);
    expect(cli).toBe(toCsv([user], columns));
    expect(cli).toBe("id,name,email,idp_id\r\ndirectory_user_1,'=cmd|calc,'-x@example.com,'+42\r\n");
  });

  it('maps every Users-screen column to a named export column', () => {
    for (const name of Object.values(USER_CSV_NAME_OF_SCREEN_COLUMN)) expect(USER_CSV_COLUMNS[name].header).toBe(name);
    expect(USER_CSV_COLUMNS.department.value(user)).toBe('@Sales');
  });
});
