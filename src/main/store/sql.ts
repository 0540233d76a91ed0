/**
 * A `sql` tagged template: every interpolated value becomes a bound parameter, and nested
 * `sql` fragments are spliced in with their own parameters. SQL text is therefore never
 * built from data, only from literals written in this codebase.
 */
export type SqlValue = string | number | bigint | Buffer | null;

export class SqlFragment {
  constructor(
    readonly text: string,
    readonly params: readonly SqlValue[],
  ) {}
}

/**
 * The text of a call site whose values are all plain: the same string object every time, so the
 * statement cache finds it without hashing and comparing hundreds of characters per statement.
 */
const plainTexts = new WeakMap<TemplateStringsArray, string>();

export function sql(strings: TemplateStringsArray, ...values: readonly (SqlValue | SqlFragment)[]): SqlFragment {
  if (!values.some((value) => value instanceof SqlFragment)) {
    let plain = plainTexts.get(strings);
    if (plain === undefined) {
      plain = strings.join('?');
      plainTexts.set(strings, plain);
    }
    return new SqlFragment(plain, values as readonly SqlValue[]);
  }
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return new SqlFragment(text, params);
}

/** Joins fragments with a literal separator (e.g. `AND`), for optional filter lists. */
export function joinSql(fragments: readonly SqlFragment[], separator: ' AND ' | ' OR ' | ', '): SqlFragment {
  return new SqlFragment(
    fragments.map((f) => f.text).join(separator),
    fragments.flatMap((f) => f.params),
  );
}

export const emptySql = new SqlFragment('', []);

/** `IN (?, ?, …)` for a list of values; an empty list matches nothing. */
export function inList(values: readonly SqlValue[]): SqlFragment {
  if (values.length === 0) return new SqlFragment('(NULL)', []);
  return new SqlFragment(`(${values.map(() => '?').join(', ')})`, values);
}
