import { createHash } from 'node:crypto';

/**
 * A strong ETag for one representation of one message. A UIDL names one immutable message,
 * so the id and the representation (with a version, bumped when its shape changes) suffice.
 */
export function messageEtag(id: string, representation: string): string {
  const digest = createHash('sha256').update(representation).update('\u0000').update(id).digest('base64url');
  return `"${digest.slice(0, 27)}"`;
}

/** The service's listing tag as a header value: quoted, as RFC 9110 wants. */
export function quotedEtag(tag: string): string {
  return /^(?:W\/)?".*"$/.test(tag) ? tag : `"${tag}"`;
}

/** RFC 9110 section 13.1.2: `If-None-Match` uses weak comparison; `*` matches any current representation. */
export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined || ifNoneMatch === '') return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaqueTag(etag);
  return ifNoneMatch.split(',').some((candidate) => opaqueTag(candidate.trim()) === wanted);
}

function opaqueTag(etag: string): string {
  return etag.startsWith('W/') ? etag.slice(2) : etag;
}
