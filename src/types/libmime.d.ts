// libmime ships no types; we use one function of it (RFC 2047 encoded-word decoding).
declare module 'libmime' {
  export function decodeWords(value: string): string;
}
