/** A numbered schema migration; `up` is plain DDL run inside the runner's transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}
