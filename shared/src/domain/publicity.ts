/**
 * Publicity (公示) of the proposed list: its statuses, the entries' statuses, the default window and the
 * pure limits on objections filed from the public page. Pure, no I/O.
 */
export const PUBLICITY_STATUSES = ['open', 'closed'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];

/** An entry of the published list: still listed, or struck off after a founded objection. */
export const PUBLICITY_ITEM_STATUSES = ['listed', 'struck'] as const;
export type PublicityItemStatus = (typeof PUBLICITY_ITEM_STATUSES)[number];

export const DEFAULT_PUBLICITY_WORKING_DAYS = 5;

/** Whether an instant lies inside the window [startsAt, endsAt). */
export function withinWindow(now: Date, w: { startsAt: Date; endsAt: Date }): boolean {
  return now.getTime() >= w.startsAt.getTime() && now.getTime() < w.endsAt.getTime();
}

/** Objections from the public form: how many per address per day, how many per day in all, how long. */
export const OBJECTION_LIMITS = {
  perAddressPerDay: 3,
  perDay: 500,
  textMax: 2000,
  filesMax: 3,
  fileBytesMax: 10 * 1024 * 1024,
} as const;

/** A receipt code the filer keeps: 12 characters of an alphabet without look-alikes, in groups of 4. */
export const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECEIPT_PATTERN = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

/** The receipt code from 12 random bytes (each taken modulo the alphabet's 31 letters). */
export function receiptCode(bytes: Uint8Array): string {
  if (bytes.length < 12) throw new RangeError('12 random bytes are needed');
  const chars = Array.from(bytes.slice(0, 12), (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
