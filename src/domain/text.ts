// Text the database can store exactly as sent: PostgreSQL refuses U+0000 in text, and an unpaired
// surrogate has no UTF-8 form (drivers replace it silently, so the stored text would differ). In a
// Unicode regular expression a paired surrogate is one code point, so \p{Cs} matches only lone ones.
const LONE_SURROGATE = /\p{Cs}/u;

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}
