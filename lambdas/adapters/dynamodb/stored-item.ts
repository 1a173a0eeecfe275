/**
 * A stored item read back attribute by attribute, each checked for its type. Only this code writes the
 * table, but older versions of it wrote it too, and a hand edit or a half-written migration should fail
 * as one sentence naming the item and the attribute, not as an `undefined` deep inside a use-case.
 * Plain `typeof` checks, no schema library: every read of the change log passes through here.
 */
import { gunzipSync } from 'node:zlib';
import { StoreError } from '../../core/errors';
import type { Item } from './dynamodb-table';

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Set) return 'a set';
  if (value instanceof Uint8Array) return 'binary';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

const isMap = (value: unknown): value is Item =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Set) &&
  !(value instanceof Uint8Array);

export class StoredItem {
  /**
   * `key` names the item in messages (`DOC#abc / META`); `path` is where a nested map sits inside it
   * (`letter.`), so a bad nested attribute is named in full.
   */
  constructor(
    private readonly item: Item,
    readonly key = `${String(item.pk)} / ${String(item.sk)}`,
    private readonly path = '',
  ) {}

  malformed(attr: string, expected: string, found: unknown = this.item[attr]): never {
    const field = `${this.path}${attr}`;
    throw new StoreError(
      `The stored item ${this.key} has a malformed "${field}": expected ${expected}, found ${kindOf(found)}.`,
      { field, item: this.key },
    );
  }

  /** Present and not null (DynamoDB's NULL reads back as null, a removed attribute as undefined). */
  has(attr: string): boolean {
    return this.item[attr] !== undefined && this.item[attr] !== null;
  }

  string(attr: string): string {
    const v = this.item[attr];
    return typeof v === 'string' ? v : this.malformed(attr, 'text');
  }

  /** Absent reads as null: attributes added to a shape later are absent from items written before. */
  nullableString(attr: string): string | null {
    return this.has(attr) ? this.string(attr) : null;
  }

  number(attr: string): number {
    const v = this.item[attr];
    return typeof v === 'number' ? v : this.malformed(attr, 'a number');
  }

  nullableNumber(attr: string): number | null {
    return this.has(attr) ? this.number(attr) : null;
  }

  boolean(attr: string): boolean {
    const v = this.item[attr];
    return typeof v === 'boolean' ? v : this.malformed(attr, 'a boolean');
  }

  oneOf<T extends string>(attr: string, values: readonly T[]): T {
    const v = this.item[attr];
    const found = values.find((value) => value === v);
    return found ?? this.malformed(attr, `one of ${values.join(', ')}`);
  }

  /** A nested map, read with the same checks; null when absent. */
  nullableMap(attr: string): StoredItem | null {
    return this.has(attr) ? this.within(attr, this.item[attr]) : null;
  }

  /** A map kept as the JSON it was written as (a kind's structured content): only its shape is checked. */
  nullableJson(attr: string): Record<string, unknown> | null {
    if (!this.has(attr)) return null;
    const v = this.item[attr];
    return isMap(v) ? v : this.malformed(attr, 'a map');
  }

  /** A list of maps, each read with the same checks (`keywords[2].term`); null when absent. */
  nullableMaps(attr: string): StoredItem[] | null {
    return this.has(attr) ? this.mapsIn(attr, this.item[attr]) : null;
  }

  /** `value`, found under `attr` (or unpacked from it), read as a map with the same checks. */
  within(attr: string, value: unknown): StoredItem {
    return isMap(value)
      ? new StoredItem(value, this.key, `${this.path}${attr}.`)
      : this.malformed(attr, 'a map', value);
  }

  /** `value`, found under `attr` (or unpacked from it), read as a list of maps. */
  mapsIn(attr: string, value: unknown): StoredItem[] {
    if (!Array.isArray(value)) return this.malformed(attr, 'a list', value);
    return value.map((entry: unknown, i) => this.within(`${attr}[${i}]`, entry));
  }

  /** A list or a string set of text; null when absent. */
  nullableStrings(attr: string): string[] | null {
    if (!this.has(attr)) return null;
    const v = this.item[attr];
    const list: unknown[] = Array.isArray(v) ? v : v instanceof Set ? [...v] : this.malformed(attr, 'a list of text');
    return list.map((s, i) => (typeof s === 'string' ? s : this.malformed(`${attr}[${i}]`, 'text', s)));
  }

  /** The SDK hands binary back as a Uint8Array; zlib wants a Buffer over the same bytes. */
  binary(attr: string): Buffer {
    const v = this.item[attr];
    if (Buffer.isBuffer(v)) return v;
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    return this.malformed(attr, 'binary');
  }

  /** A map keyed by data (a source's validators by URL): each value read as a map. */
  entries(): [string, StoredItem][] {
    return Object.entries(this.item).map(([k, v]) => [k, this.within(k, v)]);
  }
}

/** A compressed attribute (a large version's body, a large diff) unzipped; malformed when the bytes are not gzip. */
export function unzipText(item: StoredItem, attr: string, bytes: Buffer = item.binary(attr)): string {
  try {
    return gunzipSync(bytes).toString();
  } catch {
    return item.malformed(attr, 'gzip-compressed text', bytes);
  }
}

/** A compressed attribute's JSON, unzipped and parsed; malformed when either fails. */
export function unzipJson(item: StoredItem, attr: string, bytes: Buffer = item.binary(attr)): unknown {
  const text = unzipText(item, attr, bytes);
  try {
    return JSON.parse(text);
  } catch {
    return item.malformed(attr, 'gzip-compressed JSON', text);
  }
}
