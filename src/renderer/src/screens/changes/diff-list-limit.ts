/**
 * Entries per list the Changes screen asks for (a diff of 100,000 changes is counted, not all
 * drawn); its CSV export asks for all of them.
 */
export const DIFF_LIST_LIMIT = 500;
