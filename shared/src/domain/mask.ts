/** Masks a phone number for roles that do not need it: 13812341234 → 138****1234, 022-23456789 → 022****6789. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone;
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const head = digits.slice(0, Math.min(3, digits.length - 4));
  return `${head}****${digits.slice(-4)}`;
}
