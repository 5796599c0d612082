import express, { type RequestHandler } from 'express';
import { InvalidRequestError } from '../problems/http-errors';

/**
 * Refuses query parameters an operation does not declare: a misspelt `limt=10` silently
 * ignored would answer a different question than the one asked. (tsoa validates the
 * declared ones; it lets unknown ones through.)
 */
export function onlyQueryParameters(...declared: string[]): RequestHandler {
  const allowed = new Set(declared);
  return (req, _res, next) => {
    for (const name of Object.keys(req.query)) {
      if (!allowed.has(name)) {
        const expected = declared.length > 0 ? `; it takes ${declared.join(', ')}` : '; it takes none';
        return next(new InvalidRequestError(`Unknown query parameter "${name}"${expected}.`, name));
      }
    }
    next();
  };
}

/**
 * Parses the query string once per request: express 5's `req.query` is a getter that parses it
 * at every read, and tsoa reads it once per declared parameter. The getter is called on
 * `express.request` with the request as receiver because the server's requests hide it behind
 * a field of their own (messageClassesFor).
 */
export const parseQueryOnce: RequestHandler = (req, _res, next) => {
  const query: unknown = Reflect.get(express.request, 'query', req);
  Object.defineProperty(req, 'query', { value: query, configurable: true, enumerable: true, writable: true });
  next();
};
