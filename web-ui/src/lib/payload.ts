// How a message payload is shown: pretty JSON, plain text, or hex for binary. The gateway sends text as "utf-8"
// and anything that is not valid UTF-8 as "base64".

export type Encoding = 'utf-8' | 'base64';

export interface Formatted {
  kind: 'json' | 'text' | 'binary';
  text: string;
}

const HEX_PREVIEW_BYTES = 256;

/** JSON is indented by `indent` spaces (0: on one line). */
export function formatPayload(payload: string, encoding: Encoding, indent = 2): Formatted {
  if (encoding === 'base64') {
    return { kind: 'binary', text: hexDump(base64ToBytes(payload)) };
  }
  const trimmed = payload.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, indent) };
    } catch {
      // not JSON after all: shown as text
    }
  }
  return { kind: 'text', text: payload };
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

/** Space-separated hex bytes, the first 256 of them, with how many more there are. */
export function hexDump(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, HEX_PREVIEW_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const more = bytes.length - HEX_PREVIEW_BYTES;
  return more > 0 ? `${shown} … (${more} more bytes)` : shown;
}

/** A one-line preview for lists and the topic tree. */
export function preview(payload: string, encoding: Encoding, max = 80): string {
  const flat = formatPayload(payload, encoding, 0).text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
