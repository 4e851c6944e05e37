// Clever fields to column values. Names are stored exactly as Clever sends
// them (no trimming, no Unicode normalization: NFC and NFD stay as sent);
// control characters are already gone, stripped once for every field by the
// schemas (lib/clever/schemas.ts, stripControlCharacters).

interface NameParts {
  first?: string | null;
  middle?: string | null;
  last?: string | null;
}

const present = (value: string | null | undefined): string | null => (value === undefined || value === null || value === "" ? null : value);

export function personName(name: NameParts | null | undefined) {
  const firstName = present(name?.first);
  const middleName = present(name?.middle);
  const lastName = present(name?.last);
  const display = [firstName, lastName].filter((part): part is string => part !== null).join(" ");
  return { name: display === "" ? null : display, firstName, middleName, lastName };
}

export function cleanEmail(email: string | null | undefined): string | null {
  return present(email);
}

/** Clever sends "" for "no grade". */
export function gradeOf(grade: string | null | undefined): string | null {
  return present(grade);
}

export { present as optionalText };
