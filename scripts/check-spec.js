#!/usr/bin/env node
// Fails when openapi/openapi.json differs from what the controllers generate now, or when
// the TypeScript client's types differ from what the committed spec generates. CI runs it
// (`npm run spec:check`); fix a failure with `npm run spec` and commit the result.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, SPEC_PATH, CLIENT_TYPES_PATH, specText, clientTypesText } = require('./openapi-artifacts');

const committed = (file) => (fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : '');

async function main() {
  const spec = committed(SPEC_PATH);
  const stale = [];
  if ((await specText()) !== spec) stale.push(`${SPEC_PATH} differs from what the controllers generate`);
  if ((await clientTypesText(spec)) !== committed(CLIENT_TYPES_PATH)) stale.push(`${CLIENT_TYPES_PATH} differs from what ${SPEC_PATH} generates`);
  if (stale.length > 0) {
    for (const line of stale) console.error(`${line}: run \`npm run spec\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`${SPEC_PATH} matches the controllers; ${CLIENT_TYPES_PATH} matches the spec.`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
