/**
 * Branded connection handles: a function that only reads takes `ReadableDB`, one that writes
 * takes `WritableDB`, so the compiler stops a query module from writing through a reader.
 */
import type Database from 'better-sqlite3';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

export type ReadableDB = Database.Database & { readonly [readableBrand]: true };
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };
