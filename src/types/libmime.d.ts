// libmime ships no types; we use one function of it (RFC 2047 encoded-word decoding).
declare module 'libmime' {
  /** The module's single instance; its methods need it as `this`. */
  const libmime: { decodeWords(value: string): string };
  export default libmime;
}
