/** The CSV module is shared with the CLI (src/shared/csv.ts): one quoting, one line end, one set of names. */
export { csvCell, exportFileName, toCsv, type CsvColumn } from '../../../shared/csv';
