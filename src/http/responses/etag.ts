import { createHash } from 'node:crypto';

/**
 * A strong ETag for one representation of one message. A UIDL names one immutable message,
 * so the id and the representation (with a version, bumped when its shape changes) suffice.
 */
export function messageEtag(id: string, representation: string): string {
  const digest = createHash('sha256').update(representation).update('\u0000').update(id).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** RFC 9110 section 8.8.3: an entity-tag is an optionally weak, quoted run of etagc. */
const ENTITY_TAG = /(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"/g;
/**
 * RFC 9110 section 13.1.2: `If-None-Match` uses weak comparison; `*` matches any current
 * representation. A coded tag (`"tag+br"`, see codedEtag) names the same resource state as
 * `"tag"`, so either one hits: the 304 then carries the tag of the coding this request gets.
 */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch === '') return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaqueTags(etag)[0];
  return wanted !== undefined && opaqueTags(ifNoneMatch).includes(wanted);
}

/** The opaque parts of every entity-tag in a header value (weakness and content-coding ignored). */
function opaqueTags(header: string): string[] {
  return Array.from(header.matchAll(ENTITY_TAG), (match) => (match[1] ?? '').replace(CODING_SUFFIX, ''));
}

/** What codedEtag appends: `+` and a content-coding. */
const CODING_SUFFIX = /\+(?:br|gzip)$/;
