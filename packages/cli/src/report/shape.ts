/**
 * The shape of a value, for a report that may be posted publicly: the JSON type, a string's length and character
 * classes, a list's length, an object's field names with the shapes of their values. Never the value itself.
 */
export type Shape =
  | { type: 'string'; length: number; classes: string[]; base64Bytes?: number; json?: Shape }
  | { type: 'number'; digits: number; decimals: number }
  | { type: 'boolean' | 'null' }
  | { type: 'array'; length: number; items?: Shape[] }
  | { type: 'object'; fields: Record<string, Shape> };

const maxDepth = 5;
const maxFields = 60;
const maxItems = 3;

function characterClasses(text: string): string[] {
  const classes: Array<[string, RegExp]> = [
    ['digit', /\d/],
    ['upper', /[A-Z]/],
    ['lower', /[a-z]/],
    ['space', /\s/],
    ['ascii-punctuation', /[!-/:-@[-`{-~]/],
    ['cjk', /[\u3400-\u9fff\uf900-\ufaff]/],
    ['other', /[^\x20-\x7e\s\u3400-\u9fff\uf900-\ufaff]/],
  ];
  return classes.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** Bytes a base64 text decodes to, when it is base64 of at least 12 bytes (ciphertexts, signatures, keys). */
function base64Bytes(text: string): number | undefined {
  if (text.length < 16 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
}

/** A field name as a protocol would spell it; anything else is itself described by shape. */
export function safeFieldName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name) ? name : `<name of ${name.length} chars>`;
}

export function shapeOf(value: unknown, depth = 0): Shape {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number' || typeof value === 'bigint') return numberShape(String(value));
  if (typeof value === 'string') return stringShape(value, depth);
  if (Array.isArray(value)) {
    const shape: Shape = { type: 'array', length: value.length };
    if (depth < maxDepth && value.length > 0)
      shape.items = value.slice(0, maxItems).map((item) => shapeOf(item, depth + 1));
    return shape;
  }
  if (typeof value === 'object') {
    const fields: Record<string, Shape> = {};
    for (const [name, item] of Object.entries(value).slice(0, maxFields)) {
      fields[safeFieldName(name)] = depth < maxDepth ? shapeOf(item, depth + 1) : { type: 'null' };
    }
    return { type: 'object', fields };
  }
  return { type: 'null' };
}

function numberShape(text: string): Shape {
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  return { type: 'number', digits: whole.replace(/\D/g, '').length, decimals: fraction.replace(/\D/g, '').length };
}

/** A string; JSON text inside it (an envelope's `data`) is described too, since that is where the fields are. */
function stringShape(text: string, depth: number): Shape {
  const shape: Shape = { type: 'string', length: [...text].length, classes: characterClasses(text) };
  const bytes = base64Bytes(text);
  if (bytes !== undefined) shape.base64Bytes = bytes;
  const trimmed = text.trim();
  if (depth < maxDepth && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      shape.json = shapeOf(JSON.parse(trimmed), depth + 1);
    } catch {
      // not JSON: the length and classes say enough
    }
  }
  return shape;
}

/** One line for a Markdown table: `string(16: digit, upper)`, `number(5.2)`, `array(3)`. */
export function describeShape(shape: Shape): string {
  switch (shape.type) {
    case 'string': {
      const base = `string(${shape.length}${shape.classes.length ? `: ${shape.classes.join(', ')}` : ''})`;
      if (shape.json) return `${base} holding JSON ${describeShape(shape.json)}`;
      return shape.base64Bytes !== undefined ? `${base}, base64 of ${shape.base64Bytes} bytes` : base;
    }
    case 'number':
      return `number(${shape.digits}${shape.decimals ? `.${shape.decimals}` : ''})`;
    case 'array':
      return `array(${shape.length})`;
    case 'object':
      return `object{${Object.keys(shape.fields).join(', ')}}`;
    default:
      return shape.type;
  }
}
