/**
 * A server message made safe to print and to post publicly: cut to a readable length, with every run that could
 * be an identifier, a serial number, a phone or ID number, an email address or encoded bytes replaced by its
 * shape. ET's messages name errors; any value they echo is replaced, never shown.
 */
export function safeMessage(text: string, knownValues: readonly string[] = []): string {
  let safe = text.slice(0, 200);
  // Longest first, so a sub-merchant number is not half-replaced by its merchant number.
  for (const value of [...knownValues].filter((v) => v.length >= 2).sort((a, b) => b.length - a.length)) {
    safe = safe.split(value).join('<value>');
  }
  return (
    safe
      .replace(/[^\s@<>]+@[^\s@<>]+/g, (m) => `<email ${m.length} chars>`)
      .replace(/[A-Za-z0-9+/=_-]{16,}/g, (m) => `<${m.length} chars>`)
      // Digits with or without separators: phone numbers, ID numbers, card numbers, serial numbers.
      .replace(/\d[\d\s-]{4,}\d/g, (m) => `<${m.replace(/\D/g, '').length} digits>`)
      .replace(/[A-Za-z]*\d{4,}[A-Za-z0-9]*/g, (m) => `<${m.length} chars>`)
  );
}
