// Who a reviewer is, compared the way a person would: "Lead+x@Example.com", "lead@example.com"
// with a zero-width space, and a full-width "ｌｅａｄ@example.com" are one mailbox. Without this a
// reviewer could approve their own commit by authoring it under a lightly altered address, or a
// look-alike address could pass the reviewer list. `.mailmap` is applied by git before this.

// Characters that render as nothing: controls and Unicode's default-ignorable code points
// (zero-width, joiners, bidi marks and controls, soft hyphen, variation selectors, tags).
const INVISIBLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * The canonical form of an e-mail address: Unicode NFKC, invisible characters removed, lower
 * case, surrounding white space and a "+tag" on the local part dropped.
 */
export function canonicalEmail(email: string): string {
  const plain = email.normalize('NFKC').replace(INVISIBLE, '').trim().toLowerCase().normalize('NFKC');
  const at = plain.lastIndexOf('@');
  if (at <= 0) return plain;
  const local = plain.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${plain.slice(at)}`;
}

export function sameMailbox(a: string, b: string): boolean {
  return canonicalEmail(a) === canonicalEmail(b);
}
