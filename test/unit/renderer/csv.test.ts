import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/renderer/src/lib/csv.ts';

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
    // Numbers stay numbers.
    expect(csvCell(-2)).toBe('-2');
  });

  it('writes a header and one CRLF line per row', () => {
    const csv = toCsv([{ n: 'Ann' }, { n: 'Bo, Jr' }], [{ header: 'name', value: (r: { n: string }) => r.n }]);
    expect(csv).toBe('name\r\nAnn\r\n"Bo, Jr"\r\n');
  });
});
