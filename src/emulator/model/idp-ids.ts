/** Identity-provider ids in each provider's own style; consumers must treat them as opaque. */
import { hash3, hashInt } from '../util/random.ts';

/** Salt for idp ids (kept apart from the generator's attribute salts). */
const IDP_SALT = 17;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(seed: number, index: number, salt: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[hashInt(seed, index, salt * 64 + i, 62)];
  return out;
}

function uuidLike(seed: number, index: number, salt: number): string {
  const hex = (k: number): string =>
    hash3(seed, index, salt * 16 + k)
      .toString(16)
      .padStart(8, '0');
  const h = hex(0) + hex(1) + hex(2) + hex(3);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Each provider has its own id style; consumers must treat idp_id as opaque text. */
export function idpIdFor(type: string, seed: number, slot: number): string {
  if (type.startsWith('okta')) return `00u${base62(seed, slot, IDP_SALT, 17)}`;
  if (type.startsWith('gsuite'))
    return String(100000000000000000000n + BigInt(hash3(seed, slot, IDP_SALT)) * 1000000n + BigInt(slot));
  if (['workday', 'bamboohr', 'hibob', 'personio', 'sftp workday'].includes(type)) return String(100000 + slot);
  return uuidLike(seed, slot, IDP_SALT);
}

export function groupIdpIdFor(type: string, seed: number, index: number): string {
  if (type.startsWith('okta')) return `00g${base62(seed, index, IDP_SALT + 1, 17)}`;
  if (type.startsWith('gsuite')) return `0${base62(seed, index, IDP_SALT + 1, 14).toLowerCase()}`;
  return uuidLike(seed, index, IDP_SALT + 1);
}
