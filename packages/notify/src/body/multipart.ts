import { NotificationError } from '../errors.js';
import { type WireFields, WireFieldsBuilder } from './wire-fields.js';

/**
 * multipart/form-data, parsed by the runtime's own Fetch implementation (`Response#formData()`), which
 * Node ≥ 20, Deno, Bun and Cloudflare Workers all provide. A file part is refused: notifications carry text.
 */
export async function parseMultipart(bytes: Uint8Array, contentType: string): Promise<WireFields> {
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch (error) {
    throw new NotificationError('MALFORMED', 'The multipart/form-data body does not parse', { cause: error });
  }
  const fields = new WireFieldsBuilder();
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') {
      throw new NotificationError('MALFORMED', 'The multipart body carries a file part; notifications carry text');
    }
    fields.add(name, value);
  }
  return fields.build();
}
