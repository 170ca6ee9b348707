/** Masks a phone number for roles that do not need it: 13812341234 → 138****1234, 022-23456789 → 022****6789. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null || phone === '') return phone;
  const digits = phone.replace(/\s/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const head = digits.slice(0, Math.min(3, digits.length - 4));
  return `${head}****${digits.slice(-4)}`;
}

/**
 * Masks a person's name in lists: the first and last characters stay, the middle is starred — 张三明 → 张*明,
 * 欧阳小明 → 欧**明; a two-character name keeps its first (李四 → 李*), a single character is starred.
 */
export function maskPersonName(name: string | null): string | null {
  if (name === null || name === '') return name;
  const chars = [...name];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
