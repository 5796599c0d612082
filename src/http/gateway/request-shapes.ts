import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http';
import type { Express } from 'express';
import { REQUEST_ID } from '../request-bookkeeping';

/** Where the router notes the errors it reported to diagnostics_channel (router/lib/tracing.js): a registered symbol. */
const ROUTER_PUBLISHED_ERRORS: unique symbol = Symbol.for('router.tracing.publishedErrors');

/** The options of `http.createServer` that choose the classes of its requests and responses. */
export type MessageClasses = Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>>;

/**
 * The request and response classes of popgate's HTTP server: every request and response has one
 * shape from birth, whether the fast lane or express answers it.
 *
 * V8 compiles node's HTTP code (the parser's callbacks, writeHead, end) for the shapes of the
 * objects it has seen. express gives each request it handles new prototypes
 * (`Object.setPrototypeOf(req, app.request)`), and it, its router, tsoa and popgate's middleware
 * add fields (`req.res`, `req.params`, `req.user`, `res.locals`, …), in an order that varies by
 * route. Once express has answered a few requests, that code runs through polymorphic lookups for
 * every request, the fast lane's too: the lane's CPU per request went from 21 to 32–35 µs after
 * 2,000 requests to /healthz (bench/lane-cost.ts; docs/benchmarks.md, third round). Born with
 * express's prototypes and with those fields declared, express's swap changes nothing and its
 * assignments add nothing. The lane uses none of express's methods.
 *
 * `app.request` and `app.response` become these classes' prototypes (they inherit the former
 * ones), so express's swap is the identity. A field express adds that is not declared here costs
 * speed, not correctness; test/unit/http/request-shapes.test.ts lists them.
 */
export function messageClassesFor(app: Express): MessageClasses {
  class GatewayRequest extends IncomingMessage {
    // Set by express (app.handle), its router, body parsing, tsoa's security, popgate's middleware.
    res: unknown = undefined;
    next: unknown = undefined;
    baseUrl: unknown = undefined;
    originalUrl: unknown = undefined;
    _parsedUrl: unknown = undefined;
    params: unknown = undefined;
    /** Hides express's parsing getter: parseQueryOnce fills it (it calls that getter itself). */
    query: unknown = undefined;
    body: unknown = undefined;
    route: unknown = undefined;
    user: unknown = undefined;
    [REQUEST_ID]: string | undefined = undefined;
    [ROUTER_PUBLISHED_ERRORS]: unknown = undefined;
  }
  class GatewayResponse extends ServerResponse {
    locals: unknown = undefined;
    // node keeps these two on the prototype until writeHead or express's res.status() sets them, in either order.
    override statusCode = 200;
    override statusMessage = undefined as unknown as string;
  }
  Object.setPrototypeOf(GatewayRequest.prototype, app.request);
  Object.setPrototypeOf(GatewayResponse.prototype, app.response);
  app.request = GatewayRequest.prototype as unknown as Express['request'];
  app.response = GatewayResponse.prototype as unknown as Express['response'];
  return { IncomingMessage: GatewayRequest, ServerResponse: GatewayResponse } as unknown as MessageClasses;
}
