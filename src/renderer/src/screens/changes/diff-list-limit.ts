/** Entries per list the Changes screen asks for; its CSV export asks for all of them. */
export const DIFF_LIST_LIMIT = 500;
