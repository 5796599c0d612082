// What `npm run spec` writes and `npm run spec:check` compares: the OpenAPI spec generated
// from the controllers, and the TypeScript client's types generated from that spec.
'use strict';
/* global structuredClone */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generateSpec, validateSpecConfig } = require('@tsoa/cli');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const SPEC_PATH = 'openapi/openapi.json';
const CLIENT_TYPES_PATH = 'clients/typescript/src/schema.ts';

/** The spec as tsoa generates it from tsoa.json, re-indented with 2 spaces (tsoa always writes tabs). */
async function specText() {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsoa.json'), 'utf8'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'popgate-spec-'));
  const cwd = process.cwd();
  try {
    process.chdir(ROOT); // tsoa resolves entryFile and the controller globs from the working directory
    config.spec.outputDirectory = tmp;
    await generateSpec(await validateSpecConfig(config));
    const generated = JSON.parse(fs.readFileSync(path.join(tmp, `${config.spec.specFileBaseName}.json`), 'utf8'));
    return `${JSON.stringify(withAccountMailboxes(withScopesDeclared(generated)), null, 2)}\n`;
  } finally {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * OpenAPI 3.0 allows scopes in a security requirement only for OAuth2 and OpenID Connect
 * schemes, while popgate's tokens are plain bearer tokens that carry scopes. So the scopes
 * tsoa writes into the requirement (from `@Security('token', [...])`, which the runtime checks)
 * move to the operation's `x-required-scopes` and its description, and the requirement keeps
 * an empty list, as 3.0 wants.
 */
function withScopesDeclared(spec) {
  for (const operations of Object.values(spec.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const scopes = [...new Set((operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat()))];
      if (scopes.length === 0) continue;
      operation.security = operation.security.map((requirement) => Object.fromEntries(Object.keys(requirement).map((name) => [name, []])));
      operation['x-required-scopes'] = scopes;
      operation.description = `${operation.description ?? ''}\n\n**Token scope:** ${scopes.map((s) => `\`${s}\``).join(', ')}.`.trim();
    }
  }
  return spec;
}

/**
 * `/accounts/{account}/mailbox/…` and `/accounts/{account}/messages…` are the top-level mailbox
 * routes for a registered account (src/http/auth/account-mailboxes.ts rewrites them onto those
 * routes), so their operations are derived here from the top-level ones rather than declared
 * twice: the account parameter, a popgate token with `messages:read` (`messages:delete` for
 * DELETE), and the token's and the account's own errors (401, 403, 404 account_not_found,
 * 409 account_credentials_refused).
 */
function withAccountMailboxes(spec) {
  const accountOps = spec.paths['/accounts/{account}'];
  const accountParameter = accountOps.get.parameters.find((parameter) => parameter.name === 'account');
  const tokenAnswers = { 401: accountOps.get.responses['401'], 403: accountOps.get.responses['403'] };
  const accountNotFound = accountOps.get.responses['404'].content['application/problem+json'].examples['Example 1'];
  for (const [path, operations] of Object.entries(spec.paths)) {
    if (!path.startsWith('/mailbox/') && !path.startsWith('/messages')) continue;
    const twin = {};
    for (const [method, operation] of Object.entries(operations)) {
      const scope = method === 'delete' ? 'messages:delete' : 'messages:read';
      const copy = structuredClone(operation);
      copy.operationId = `Account${operation.operationId}`;
      copy.tags = ['Account mailboxes'];
      copy.parameters = [structuredClone(accountParameter), ...(copy.parameters ?? [])];
      copy.security = [{ token: [] }];
      copy['x-required-scopes'] = [scope];
      copy.description = `${method.toUpperCase()} ${path}, for a registered account, with its stored credentials.\n\n${operation.description ?? ''}\n\n**Token scope:** \`${scope}\`.`;
      copy.responses = { ...copy.responses, ...structuredClone(tokenAnswers), 409: structuredClone(ACCOUNT_CREDENTIALS_REFUSED) };
      const notFound = copy.responses['404'];
      if (notFound?.content?.['application/problem+json']) {
        notFound.description = `${notFound.description} Or no account with this id (\`account_not_found\`).`;
        const examples = notFound.content['application/problem+json'].examples ?? {};
        examples['Account not found'] = structuredClone(accountNotFound);
        notFound.content['application/problem+json'].examples = examples;
      } else {
        copy.responses['404'] = structuredClone(accountOps.get.responses['404']);
      }
      twin[method] = copy;
    }
    spec.paths[`/accounts/{account}${path}`] = twin;
  }
  spec.tags = [...(spec.tags ?? []), { name: 'Account mailboxes', description: 'The mailbox endpoints for a registered account: the same answers and errors, with its stored credentials.' }];
  return spec;
}

/** How an account operation answers when the POP3 server refuses the account's stored credentials (src/http/problems/problem.ts). */
const ACCOUNT_CREDENTIALS_REFUSED = {
  description:
    "The POP3 server refused the account's stored credentials (`account_credentials_refused`, its words in `pop3.text`): the token was fine, the account needs working credentials (`PATCH /accounts/{account}`). The account's `state.status` becomes `authentication_failed`. No `WWW-Authenticate`, and not counted as a failed login of the caller.",
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemJson' },
      examples: {
        'Example 1': {
          value: {
            type: 'https://popgate.dev/problems/account_credentials_refused',
            title: 'Account credentials refused',
            status: 409,
            detail: 'The POP3 server refused the stored credentials of account support; pop3.text has its own words. PATCH /accounts/support with working credentials (some providers need an app-specific password).',
            code: 'account_credentials_refused',
            pop3: { respCode: 'AUTH', text: 'Authentication failed.' },
          },
        },
      },
    },
  },
};

/** clients/typescript's types (openapi-typescript) for the spec in `spec`. */
async function clientTypesText(spec) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(spec), {
    // Bytes (`format: binary`) arrive as a Blob (openapi-fetch's parseAs 'blob'), not a string.
    transform: (schema) => (schema.format === 'binary' ? ts.factory.createTypeReferenceNode('Blob') : undefined),
  });
  return [
    '// Generated from openapi/openapi.json by openapi-typescript (`npm run spec`); do not edit.',
    '// `npm run spec:check` fails when this file is stale.',
    '',
    astToString(ast),
  ].join('\n');
}

module.exports = { ROOT, SPEC_PATH, CLIENT_TYPES_PATH, specText, clientTypesText };
