import { randomUUID } from 'node:crypto';

/** A new UID derived from a random UUID (PS3.5 §B.2): `2.25.` and the UUID as a decimal number. */
export const uuidUid = (): string => `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString(10)}`;
